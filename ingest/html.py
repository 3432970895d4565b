"""Main text and metadata from an article's HTML, through trafilatura."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import trafilatura

# Bodies larger than this are cut before parsing: no article needs more, and
# lxml's time and memory grow with the input.
MAX_HTML_CHARS = 3_000_000


@dataclass
class ArticleText:
    text: str
    title: str = ""
    published: dt.date | None = None
    language: str = ""
    site_name: str = ""


class ExtractionError(ValueError):
    """The HTML held no readable article text."""


def extract_article(html: str, *, url: str | None = None) -> ArticleText:
    html = html[:MAX_HTML_CHARS]
    document = trafilatura.bare_extraction(
        html,
        url=url,
        include_tables=True,
        include_comments=False,
        favor_recall=True,
        with_metadata=True,
        deduplicate=False,
    )
    if document is None or not (document.text or "").strip():
        raise ExtractionError("No article text could be found in this HTML.")
    return ArticleText(
        text=document.text.strip(),
        title=(document.title or "").strip(),
        published=_parse_date(document.date),
        language=(document.language or "").strip()[:8],
        site_name=(document.sitename or "").strip()[:200],
    )


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
