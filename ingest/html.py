"""Main text and metadata from an article's HTML, through trafilatura.

trafilatura only ever receives the HTML string: it fetches nothing (all
fetching goes through `ingest.fetch`). It runs once per article, in its fast
mode, which skips the second and third extractions trafilatura otherwise runs
to compare its result with readability and jusText. Tables come out as one
line per row ("| 3 Jan | 230 | 248 |") and list items as "- item" lines.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

import trafilatura

logger = logging.getLogger(__name__)

# Bodies larger than this are cut before parsing: no article needs more, and
# lxml's and trafilatura's time and memory grow with the input (about 1.5 s of
# CPU a million characters: a 5 MB page read whole took most of the 5 s a page
# may cost). The text kept from it is cut again (ingest.pipeline.MAX_TEXT_CHARS).
MAX_HTML_CHARS = 1_500_000

_DOCUMENT_START = re.compile(r"<\s*(html|body)\b", re.IGNORECASE)
# The "|---|---|" line trafilatura writes under a table's header row.
_TABLE_RULE = re.compile(r"^\|(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*(?:\n|$)", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n{3,}")


# One fast pass (no fallback extractors), tables kept, and the publication date
# read from the markup only: htmldate's "extensive search" runs dateparser with
# language auto-detection over the page, which costs more than the rest.
TRAFILATURA_OPTIONS = {
    "fast": True,
    "favor_recall": True,
    "include_tables": True,
    "include_comments": False,
    "include_images": False,
    "include_links": False,
    "with_metadata": True,
    "deduplicate": False,
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}


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
    if not isinstance(html, str):
        raise ExtractionError("The HTML must be text, not bytes; decode it first.")
    html = html[:MAX_HTML_CHARS]
    if not html.strip():
        raise ExtractionError("The HTML is empty.")
    if "\x00" in html:
        # lxml stops at a NUL byte, silently losing the rest of the page.
        html = html.replace("\x00", "")
    if not _DOCUMENT_START.search(html[:4096]):
        # trafilatura drops a bare fragment ("<p>…</p><p>…</p>"), as pasted by an editor.
        html = f"<html><body>{html}</body></html>"
    try:
        document = trafilatura.bare_extraction(html, url=url, **TRAFILATURA_OPTIONS)
    except Exception as exc:  # noqa: BLE001 - lxml and trafilatura raise many kinds on bad markup
        logger.info("trafilatura failed on %s: %r", url or "pasted HTML", exc)
        raise ExtractionError(f"The HTML could not be read ({type(exc).__name__}).") from None
    text = _clean(document.text or "") if document is not None else ""
    if not text:
        raise ExtractionError("No article text could be found in this HTML.")
    return ArticleText(
        text=text,
        title=(document.title or "").strip()[:500],
        published=_parse_date(document.date),
        language=(document.language or "").strip()[:8],
        site_name=(document.sitename or "").strip()[:200],
    )


def _clean(text: str) -> str:
    text = _TABLE_RULE.sub("", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip()


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
