"""extract_article: main text, tables and lists as lines, and clear failures."""

from __future__ import annotations

import datetime as dt
import socket
import time

import pytest
import trafilatura

from ingest import html as html_module
from ingest.html import ExtractionError, extract_article

# A guard against hanging (runaway regexes, parsers), not a speed check: speed is
# measured by the benchmarks. Generous, so a busy CI machine never trips it.
HANG = 30

ARTICLE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ukraine and Russia swap 95 prisoners each | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2024-07-17T12:00:00Z">
</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/w">World</a></li></ul></nav></header>
<article>
<h1>Ukraine and Russia swap 95 prisoners each</h1>
<p>Ukraine and Russia exchanged 95 prisoners of war each on Wednesday, in a swap
mediated by the United Arab Emirates, officials on both sides said.</p>
<p>Among those returned to Ukraine were defenders of Mariupol and soldiers captured
near Kharkiv, according to the Coordination Headquarters.</p>
<h2>The last three exchanges</h2>
<table>
<thead><tr><th>Date</th><th>To Ukraine</th><th>To Russia</th></tr></thead>
<tbody>
<tr><td>31 May</td><td>75</td><td>75</td></tr>
<tr><td>25 Jun</td><td>90</td><td>90</td></tr>
<tr><td>17 Jul</td><td>95</td><td>95</td></tr>
</tbody>
</table>
<p>Those returned included:</p>
<ul>
<li>members of the National Guard;</li>
<li>border guards;</li>
<li>two civilians.</li>
</ul>
</article>
<footer><p>Copyright The Daily Example. All rights reserved.</p></footer>
</body>
</html>
"""


def test_it_extracts_the_article_text():
    article = extract_article(ARTICLE, url="https://news.example/2024/07/17/swap")

    assert "exchanged 95 prisoners of war each on Wednesday" in article.text
    assert "defenders of Mariupol" in article.text
    assert "All rights reserved" not in article.text


def test_it_extracts_the_metadata():
    article = extract_article(ARTICLE, url="https://news.example/2024/07/17/swap")

    assert article.title == "Ukraine and Russia swap 95 prisoners each"
    assert article.published == dt.date(2024, 7, 17)
    assert article.site_name == "The Daily Example"


def test_it_keeps_each_table_row_on_its_own_line():
    lines = extract_article(ARTICLE).text.splitlines()

    assert "| Date | To Ukraine | To Russia |" in lines
    assert "| 31 May | 75 | 75 |" in lines
    assert "| 17 Jul | 95 | 95 |" in lines


def test_it_drops_the_rule_under_a_table_header():
    text = extract_article(ARTICLE).text

    assert "---" not in text
    assert "| To Russia |\n| 31 May |" in text


def test_it_keeps_each_list_item_on_its_own_line():
    lines = extract_article(ARTICLE).text.splitlines()

    assert "- members of the National Guard;" in lines
    assert "- border guards;" in lines
    assert "- two civilians." in lines


def test_it_reads_a_fragment_pasted_without_html_and_body():
    article = extract_article("<p>Ukraine brought home 150 defenders.</p><ol><li>one</li></ol>")

    assert article.text == "Ukraine brought home 150 defenders.\n- one"


def test_it_reads_text_after_a_nul_character():
    html = (
        "<html><body><p>Before.</p>\x00<p>After the NUL, 90 prisoners came home.</p></body></html>"
    )

    assert "After the NUL, 90 prisoners came home." in extract_article(html).text


def test_it_runs_trafilatura_once_per_article(monkeypatch):
    calls = []
    real = trafilatura.bare_extraction

    def spy(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", spy)

    extract_article(ARTICLE)

    assert len(calls) == 1
    assert calls[0]["fast"] is True
    assert calls[0]["include_tables"] is True
    assert calls[0]["favor_recall"] is True


def test_it_never_opens_a_network_connection(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("extract_article opened a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)

    extract_article(ARTICLE, url="https://news.example/2024/07/17/swap")
    # A bare URL is text to extract, not an address to visit.
    url_only = extract_article("https://news.example/2024/07/17/swap", url="https://news.example/")
    assert url_only.text == "https://news.example/2024/07/17/swap"


def test_it_cuts_a_huge_page_before_parsing(monkeypatch):
    monkeypatch.setattr(html_module, "MAX_HTML_CHARS", 2_000)
    filler = "<p>" + "An early paragraph about prisoners. " * 100 + "</p>"
    html = f"<html><body>{filler}<p>THE PART PAST THE LIMIT</p></body></html>"

    assert "PAST THE LIMIT" not in extract_article(html).text


def test_it_finishes_quickly_on_very_deep_nesting():
    html = "<html><body>" + "<div>" * 50_000 + "<p>Deep text.</p>" + "</body></html>"

    started = time.monotonic()
    with pytest.raises(ExtractionError):
        extract_article(html)
    assert time.monotonic() - started < HANG


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("", "The HTML is empty"),
        ("   \n\t", "The HTML is empty"),
        ("<html><body></p></div></span></body></html>", "No article text"),
        ("\x00\x01\x02\x03", "No article text"),
        ("<html><head><title>Only a title</title></head><body></body></html>", "No article text"),
        ("<html><body><script>var swaps = 95;</script></body></html>", "No article text"),
        ("<html><body><img src='x.png'></body></html>", "No article text"),
    ],
)
def test_it_raises_a_clear_error_when_there_is_no_text(html, message):
    with pytest.raises(ExtractionError, match=message):
        extract_article(html)


def test_it_refuses_bytes():
    with pytest.raises(ExtractionError, match="not bytes"):
        extract_article(ARTICLE.encode())  # type: ignore[arg-type]


def test_it_reports_a_parser_crash_as_an_extraction_error(monkeypatch):
    def crash(*args, **kwargs):
        raise ValueError("lxml gave up")

    monkeypatch.setattr(trafilatura, "bare_extraction", crash)

    with pytest.raises(ExtractionError, match=r"could not be read \(ValueError\)"):
        extract_article(ARTICLE)
