"""parse_feed on RSS, Atom and hostile bytes; poll_feed and its bookkeeping."""

from __future__ import annotations

import ast
import datetime as dt
import time
from pathlib import Path

import pytest

from exchanges.models import Feed, Source
from ingest import feeds, fetch, tasks
from ingest.feeds import FeedError, parse_feed, poll_active_feeds, poll_feed, read_feed
from ingest.fetch import FEED_TYPES, FetchedPage, FetchError

# A guard against hanging (runaway regexes, parsers), not a speed check: speed is
# measured by the benchmarks. Generous, so a busy CI machine never trips it.
HANG = 30

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel>
<title>Example News: Ukraine</title>
<link>https://news.example/ukraine</link>
<description>Latest</description>
<item>
  <title>Ukraine and Russia swap 95 prisoners each</title>
  <link>https://news.example/2024/07/17/swap</link>
  <guid isPermaLink="false">news-example-1001</guid>
  <pubDate>Wed, 17 Jul 2024 12:00:00 GMT</pubDate>
  <description><![CDATA[<p>95 for 95, mediated by the UAE.</p><!DOCTYPE html>]]></description>
</item>
<item>
  <title>Bodies of 250 fallen returned</title>
  <link>https://news.example/2024/07/19/bodies</link>
  <pubDate>Fri, 19 Jul 2024 08:30:00 GMT</pubDate>
  <description>250 bodies were repatriated.</description>
</item>
</channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Coordination Headquarters</title>
<id>urn:example:feed</id>
<updated>2025-02-05T10:00:00Z</updated>
<entry>
  <title>150 defenders are home</title>
  <id>urn:example:entry:150</id>
  <link rel="alternate" href="https://hq.example/news/150"/>
  <published>2025-02-05T09:00:00Z</published>
  <updated>2025-02-05T10:00:00Z</updated>
  <summary>Ukraine brought home 150 defenders.</summary>
</entry>
<entry>
  <title>Statement without a page</title>
  <id>urn:example:entry:no-link</id>
  <updated>2025-02-06T10:00:00Z</updated>
  <content type="html">&lt;p&gt;Today 25 prisoners were returned to Ukraine.&lt;/p&gt;</content>
</entry>
</feed>
"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>t</title>
<item><title>&lol9;</title><link>https://news.example/a</link></item>
</channel></rss>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title>
<item><title>&secret;</title><link>https://news.example/a</link></item>
</channel></rss>
"""


def rss(*items: str) -> bytes:
    body = "".join(f"<item>{item}</item>" for item in items)
    channel = f"<channel><title>t</title>{body}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


# parse_feed


def test_it_reads_an_rss_feed():
    first, second = parse_feed(RSS)

    assert first.entry_id == "news-example-1001"
    assert first.url == "https://news.example/2024/07/17/swap"
    assert first.title == "Ukraine and Russia swap 95 prisoners each"
    assert first.published == dt.date(2024, 7, 17)
    assert "95 for 95" in first.summary
    assert second.published == dt.date(2024, 7, 19)


def test_it_uses_the_link_as_the_id_when_an_entry_has_none():
    second = parse_feed(RSS)[1]

    assert second.entry_id == "https://news.example/2024/07/19/bodies"


def test_it_reads_an_atom_feed():
    first, second = parse_feed(ATOM)

    assert first.entry_id == "urn:example:entry:150"
    assert first.url == "https://hq.example/news/150"
    assert first.published == dt.date(2025, 2, 5)
    assert first.summary == "Ukraine brought home 150 defenders."
    assert second.url is None
    assert second.published == dt.date(2025, 2, 6)
    assert "25 prisoners were returned" in second.content


def test_it_drops_a_link_that_is_not_http():
    (entry,) = parse_feed(rss("<title>x</title><guid>1</guid><link>javascript:alert(1)</link>"))

    assert entry.url is None


def test_it_hashes_an_entry_id_too_long_to_store():
    (entry,) = parse_feed(rss(f"<guid>{'x' * 1500}</guid><link>https://news.example/a</link>"))

    assert entry.entry_id.startswith("sha256:")
    assert len(entry.entry_id) < 100


def test_it_gives_an_entry_with_neither_id_nor_link_a_stable_id():
    item = "<title>Only a title</title><description>and a summary</description>"

    assert parse_feed(rss(item))[0].entry_id == parse_feed(rss(item))[0].entry_id


def test_it_returns_nothing_for_a_feed_without_entries():
    assert parse_feed(rss()) == []


def test_it_reads_only_the_newest_entries(monkeypatch):
    monkeypatch.setattr(feeds, "MAX_ENTRIES", 3)
    items = [f"<guid>{n}</guid><link>https://news.example/{n}</link>" for n in range(10)]

    assert [e.entry_id for e in parse_feed(rss(*items))] == ["0", "1", "2"]


def test_it_refuses_a_billion_laughs_bomb():
    started = time.monotonic()
    with pytest.raises(FeedError, match="DOCTYPE or ENTITY declaration"):
        parse_feed(BILLION_LAUGHS)
    assert time.monotonic() - started < HANG


def test_it_refuses_an_external_entity():
    with pytest.raises(FeedError, match="DOCTYPE or ENTITY declaration"):
        parse_feed(EXTERNAL_ENTITY)


@pytest.mark.parametrize(
    "data",
    [
        b'<!-- a comment with <rss> in it --><!DOCTYPE rss SYSTEM "http://evil.example/x.dtd"><rss/>',
        b"\n\n   <!doctype rss><rss version='2.0'/>",
        EXTERNAL_ENTITY.decode().encode("utf-16"),
        EXTERNAL_ENTITY.decode().encode("utf-32"),
        b'<?xml version="1.0" encoding="utf-7"?>'
        b'+ADw-!DOCTYPE r +AFs-+ADw-!ENTITY x "boom"+AD4-+AF0-+AD4-'
        b"<rss version='2.0'><channel><item><title>&x;</title></item></channel></rss>",
    ],
    ids=["after-a-comment", "lower-case", "utf-16", "utf-32", "utf-7"],
)
def test_it_refuses_a_declaration_however_it_is_written(data):
    with pytest.raises(FeedError, match="DOCTYPE or ENTITY declaration"):
        parse_feed(data)


def test_it_refuses_an_ebcdic_feed():
    with pytest.raises(FeedError, match="EBCDIC"):
        parse_feed('<?xml version="1.0"?><rss/>'.encode("cp037"))


def test_it_accepts_a_doctype_inside_an_entry():
    assert len(parse_feed(RSS)) == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"<rss version='2.0'><channel><title>x</tit</channel>", "not a readable RSS or Atom feed"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00garbage", "not a readable"),
        (bytes(range(256)) * 10, "not a readable"),
        (b"<html><body><p>Not a feed</p></body></html>", "not an RSS or Atom feed"),
        (b"just some words", "not"),
    ],
)
def test_it_refuses_bytes_that_are_not_a_feed(data, message):
    with pytest.raises(FeedError, match=message):
        parse_feed(data)


def test_it_keeps_the_complete_entries_of_a_feed_cut_short():
    cut = RSS[: RSS.index(b"<title>Bodies")]

    assert [e.entry_id for e in parse_feed(cut)] == ["news-example-1001"]


def test_it_says_what_was_wrong_with_a_feed_cut_short():
    entries, problem = read_feed(RSS[: RSS.index(b"<title>Bodies")])
    assert len(entries) == 1
    assert "cut short" in problem
    assert read_feed(RSS) == (parse_feed(RSS), "")


def test_it_refuses_a_huge_feed_without_parsing_it():
    huge = rss(*["<title>" + "x" * 1000 + "</title>"] * 6000)
    assert len(huge) > feeds.MAX_FEED_BYTES

    started = time.monotonic()
    with pytest.raises(FeedError, match="larger than 5 MB"):
        parse_feed(huge)
    assert time.monotonic() - started < HANG


def test_it_never_treats_the_bytes_as_a_file_path(tmp_path):
    stored = tmp_path / "feed.xml"
    stored.write_bytes(RSS)

    with pytest.raises(FeedError):
        parse_feed(str(stored).encode())


def test_it_never_treats_the_bytes_as_a_url():
    with pytest.raises(FeedError):
        parse_feed(b"https://news.example/feed.xml")


def test_it_refuses_text_instead_of_bytes():
    with pytest.raises(FeedError, match="bytes"):
        parse_feed(RSS.decode())  # type: ignore[arg-type]


# poll_feed


@pytest.fixture
def served(monkeypatch) -> dict[str, bytes | Exception]:
    """Feed URL -> body (or the exception fetch_url raises); replaces ingest.fetch.fetch_url."""
    bodies: dict[str, bytes | Exception] = {}

    def fake_fetch(url: str, *, allowed_types: frozenset[str] = fetch.PAGE_TYPES) -> FetchedPage:
        assert allowed_types == FEED_TYPES
        body = bodies[url]
        if isinstance(body, Exception):
            raise body
        return FetchedPage(url, url, 200, "application/rss+xml", body, None)

    monkeypatch.setattr(fetch, "fetch_url", fake_fetch)
    return bodies


@pytest.fixture
def queued(monkeypatch) -> list[int]:
    ids: list[int] = []
    monkeypatch.setattr(tasks, "enqueue_ingest", ids.append)
    return ids


def make_feed(url: str = "https://news.example/feed.xml", **kwargs) -> Feed:
    return Feed.objects.create(name=kwargs.pop("name", url), url=url, **kwargs)


@pytest.mark.django_db
def test_it_creates_a_source_for_each_entry_and_returns_it_unqueued(served, queued):
    feed = make_feed(language="en")
    served[feed.url] = RSS

    result = poll_feed(feed)

    sources = Source.objects.filter(feed=feed).order_by("pk")
    assert [s.pk for s in sources] == result.created
    assert queued == []  # the beat task queues what a poll returns
    assert result.skipped == 0
    first = sources[0]
    assert first.url == "https://news.example/2024/07/17/swap"
    assert first.feed_entry_id == "news-example-1001"
    assert first.title == "Ukraine and Russia swap 95 prisoners each"
    assert first.published == dt.date(2024, 7, 17)
    assert first.language == "en"
    assert first.status == Source.Status.PENDING


@pytest.mark.django_db
def test_polling_twice_creates_nothing_new(served, queued):
    feed = make_feed()
    served[feed.url] = RSS
    poll_feed(feed)

    again = poll_feed(feed)

    assert again.created == []
    assert again.skipped == 2
    assert Source.objects.count() == 2


@pytest.mark.django_db
def test_it_skips_an_entry_seen_before_even_when_its_link_changes(served, queued):
    feed = make_feed()
    served[feed.url] = rss("<guid>42</guid><link>https://news.example/a</link>")
    poll_feed(feed)
    served[feed.url] = rss("<guid>42</guid><link>https://news.example/a-corrected</link>")

    assert poll_feed(feed).created == []
    assert Source.objects.count() == 1


@pytest.mark.django_db
def test_it_skips_a_url_that_another_feed_brought_first(served, queued):
    first, second = make_feed("https://a.example/feed"), make_feed("https://b.example/feed")
    served[first.url] = rss("<guid>a-1</guid><link>https://news.example/shared</link>")
    served[second.url] = rss("<guid>b-7</guid><link>https://news.example/shared</link>")
    poll_feed(first)

    result = poll_feed(second)
    poll_feed(second)

    assert result.created == []
    assert result.skipped == 1
    source = Source.objects.get()
    assert source.feed == first
    assert source.feed_entry_id == "a-1"


@pytest.mark.django_db
def test_it_creates_a_source_from_the_content_of_an_entry_without_a_link(served, queued):
    feed = make_feed()
    served[feed.url] = ATOM

    poll_feed(feed)

    source = Source.objects.get(feed_entry_id="urn:example:entry:no-link")
    assert source.url is None
    assert "25 prisoners were returned" in source.raw_content
    assert source.raw_is_html
    assert source.feed == feed
    assert source.published == dt.date(2025, 2, 6)


@pytest.mark.django_db
def test_it_skips_an_entry_with_neither_link_nor_content(served, queued):
    feed = make_feed()
    served[feed.url] = rss("<guid>1</guid><title>Nothing else</title>")

    result = poll_feed(feed)

    assert (result.created, result.skipped) == ([], 1)


@pytest.mark.django_db
def test_it_records_a_readable_error_and_keeps_what_it_had(served, queued):
    feed = make_feed()
    served[feed.url] = RSS
    poll_feed(feed)
    served[feed.url] = FetchError("The server answered 503 Service Unavailable.")

    result = poll_feed(feed)

    feed.refresh_from_db()
    assert result.error == feed.last_error == "The server answered 503 Service Unavailable."
    assert feed.last_polled_at is not None
    assert Source.objects.filter(feed=feed).count() == 2


@pytest.mark.django_db
def test_it_records_a_truncated_feed_on_the_feed_and_takes_its_complete_entries(served, queued):
    feed = make_feed()
    served[feed.url] = RSS[: RSS.index(b"<title>Bodies")]

    result = poll_feed(feed)

    assert len(result.created) == 1
    feed.refresh_from_db()
    assert "cut short" in feed.last_error


@pytest.mark.django_db
def test_it_clears_the_error_after_a_successful_poll(served, queued):
    feed = make_feed(last_error="The server answered 503 Service Unavailable.")
    served[feed.url] = RSS

    poll_feed(feed)

    feed.refresh_from_db()
    assert feed.last_error == ""


@pytest.mark.django_db
def test_it_records_a_feed_that_is_an_xml_bomb(served, queued):
    feed = make_feed()
    served[feed.url] = BILLION_LAUGHS

    poll_feed(feed)

    feed.refresh_from_db()
    assert "DOCTYPE or ENTITY declaration" in feed.last_error
    assert not Source.objects.exists()


@pytest.mark.django_db
def test_it_records_an_unexpected_failure(served, queued):
    feed = make_feed()
    served[feed.url] = RuntimeError("boom")

    result = poll_feed(feed)

    feed.refresh_from_db()
    assert feed.last_error == result.error == "Unexpected error while polling: RuntimeError('boom')"


@pytest.mark.django_db
def test_it_polls_only_active_feeds(served, queued):
    active = make_feed("https://a.example/feed")
    make_feed("https://b.example/feed", active=False)
    broken = make_feed("https://c.example/feed")
    served[active.url] = RSS
    served[broken.url] = FetchError("The server answered 404 Not Found.")

    summary = poll_active_feeds()

    assert summary.as_dict() == {"feeds": 2, "created": 2, "skipped": 0, "failed": 1}
    assert summary.created == list(Source.objects.order_by("pk").values_list("pk", flat=True))
    assert Feed.objects.get(url="https://b.example/feed").last_polled_at is None


@pytest.mark.django_db
def test_the_beat_task_polls_the_active_feeds(served, queued):
    feed = make_feed()
    served[feed.url] = RSS

    assert tasks.poll_feeds() == {"feeds": 1, "created": 2, "skipped": 0, "failed": 0}
    assert queued == list(Source.objects.order_by("pk").values_list("pk", flat=True))


def test_the_feeds_module_does_not_import_the_tasks():
    # The tasks import the feeds; the way back would make an import cycle.
    tree = ast.parse(Path(feeds.__file__).read_text("utf-8"))
    imported = {
        *(
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        ),
        *(
            f"{node.module}.{alias.name}"
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
        ),
    }
    assert not any(name.startswith("ingest.tasks") for name in imported)
