"""Arbitrary input never breaks the input steps: only their documented errors, and quickly."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.feeds import FeedError, parse_feed
from ingest.fetch import FetchError, validate_url_syntax
from ingest.html import ArticleText, ExtractionError, extract_article
from ingest.pipeline import normalise_text
from ingest.sources import SourceError, decode_bytes

quick = settings(
    max_examples=60,
    deadline=timedelta(seconds=10),  # a hang guard, generous for a busy CI machine
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

_HTML_PIECES = [
    "<html>",
    "<body>",
    "</body>",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<table><tr><td>",
    "</td><td>",
    "</td></tr></table>",
    "<ul><li>",
    "</li></ul>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&#0;",
    "&#xD800;",
    "&nosuch;",
    "<meta charset='utf-7'>",
    "<?xml version='1.0' encoding='utf-16'?>",
    "<title>",
    "</title>",
    "Обмін полоненими: 95 на 95.",
    "Ukraine and Russia exchanged 95 prisoners each.",
    "\x00",
    "\ufeff",
    "\u202e",
]
_FEED_PIECES = [
    b'<?xml version="1.0" encoding="utf-8"?>',
    b'<?xml version="1.0" encoding="utf-7"?>',
    b'<rss version="2.0">',
    b"</rss>",
    b"<channel>",
    b"</channel>",
    b"<item>",
    b"</item>",
    b'<feed xmlns="http://www.w3.org/2005/Atom">',
    b"<entry>",
    b"</entry>",
    b"<title>Swap</title>",
    b"<link>https://news.example/a</link>",
    b'<link href="javascript:alert(1)"/>',
    b"<guid>1</guid>",
    b"<pubDate>Wed, 17 Jul 2024 12:00:00 GMT</pubDate>",
    b"<pubDate>not a date</pubDate>",
    b"<description><![CDATA[<p>95</p>]]></description>",
    b"<!DOCTYPE x>",
    b'<!ENTITY a "b">',
    b"&a;",
    b"<!--",
    b"-->",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
]

html_soup = st.lists(st.sampled_from(_HTML_PIECES) | st.text(max_size=40), max_size=40).map("".join)
feed_soup = st.lists(st.sampled_from(_FEED_PIECES) | st.binary(max_size=40), max_size=40).map(
    b"".join
)


@quick
@given(st.binary(max_size=4000) | feed_soup)
def test_parse_feed_raises_only_feed_errors_on_any_bytes(data):
    try:
        entries = parse_feed(data)
    except FeedError as exc:
        assert str(exc)
        return
    for entry in entries:
        assert entry.entry_id
        assert entry.url is None or entry.url.startswith(("http://", "https://"))


@quick
@given(st.text(max_size=2000))
def test_parse_feed_raises_only_feed_errors_on_any_text(text):
    try:
        entries = parse_feed(text.encode("utf-8", "surrogatepass"))
    except FeedError:
        return
    assert all(entry.entry_id for entry in entries)


@quick
@given(st.text(max_size=3000) | html_soup)
def test_extract_article_raises_only_extraction_errors(html):
    try:
        article = extract_article(html, url="https://news.example/a")
    except ExtractionError as exc:
        assert str(exc)
        return
    assert isinstance(article, ArticleText)
    assert article.text.strip()


@quick
@given(st.binary(max_size=4000), st.sampled_from([None, "utf-8", "cp1251", "no-such-codec"]))
def test_decode_bytes_raises_only_source_errors(data, declared):
    try:
        text = decode_bytes(data, declared_encoding=declared)
    except SourceError:
        return
    assert isinstance(text, str)


@quick
@given(st.text(max_size=4000))
def test_normalise_text_never_raises_and_is_idempotent(text):
    once = normalise_text(text)

    assert normalise_text(once) == once
    assert "\r" not in once


@quick
@given(st.text(max_size=300) | st.from_regex(r"\A[a-z]{2,8}://[^\s]{0,60}\Z"))
def test_validate_url_syntax_raises_only_fetch_errors(url):
    try:
        normal = validate_url_syntax(url)
    except FetchError:
        return
    assert normal.startswith(("http://", "https://"))
