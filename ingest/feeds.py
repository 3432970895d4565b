"""RSS and Atom feeds: parse the bytes, and turn each new entry into a Source.

feedparser only ever receives bytes wrapped in a stream: given a bare string
or bytes it would fetch URLs and open local file paths itself. A feed with a
DOCTYPE or ENTITY declaration is refused before parsing, since real feeds
never need one and it is how entity-expansion and external-entity attacks
start.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import hashlib
import io
import logging
import re
import xml.sax
from dataclasses import dataclass, field

import feedparser
from django.db import IntegrityError, transaction
from django.utils import timezone

from exchanges.models import Feed, Source
from ingest import fetch
from ingest.fetch import FEED_TYPES, FetchError, validate_url_syntax
from ingest.sources import SourceError, source_create_from_content, source_create_from_url

logger = logging.getLogger(__name__)

MAX_FEED_BYTES = 5 * 1024 * 1024
# Only the newest entries are read; a feed that lists thousands is an archive.
MAX_ENTRIES = 300
# Source.feed_entry_id's length; longer ids are stored as their hash.
MAX_ENTRY_ID = 1000

_DECLARATION = re.compile(rb"<!\s*(doctype|entity|element|attlist)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})""")
# "<?xm" in EBCDIC, which feedparser recognises and decodes.
_EBCDIC_XML = b"\x4c\x6f\xa7\x94"


class FeedError(ValueError):
    """Bytes that are not a feed this reads, with a message a person can act on."""


@dataclass
class FeedEntry:
    entry_id: str
    url: str | None
    title: str
    published: dt.date | None
    summary: str
    # The entry's full content, if the feed carries it (used when there is no link).
    content: str = ""


@dataclass
class PollResult:
    """What one poll of a feed did: the new sources (for the caller to queue)."""

    created: list[int] = field(default_factory=list)
    skipped: int = 0
    error: str = ""


@dataclass
class PollSummary:
    """What one poll of every active feed did."""

    feeds: int = 0
    created: list[int] = field(default_factory=list)
    skipped: int = 0
    failed: int = 0

    def as_dict(self) -> dict:
        """The counts, as the beat task reports them."""
        return {
            "feeds": self.feeds,
            "created": len(self.created),
            "skipped": self.skipped,
            "failed": self.failed,
        }


def parse_feed(data: bytes) -> list[FeedEntry]:
    return read_feed(data)[0]


def read_feed(data: bytes) -> tuple[list[FeedEntry], str]:
    """The feed's complete entries, and what was wrong with it when it was cut short
    or broken part-way (its entries up to there are still read)."""
    if not isinstance(data, bytes | bytearray):
        raise FeedError("A feed must be given as bytes.")
    if len(data) > MAX_FEED_BYTES:
        raise FeedError(f"The feed is larger than {MAX_FEED_BYTES // (1024 * 1024)} MB.")
    if not data.strip():
        raise FeedError("The feed is empty.")
    _refuse_declarations(bytes(data))
    try:
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - a parser of hostile input; any crash is "unreadable"
        logger.info("feedparser failed: %r", exc)
        raise FeedError(f"The feed could not be read ({type(exc).__name__}).") from None
    reason = str(parsed.get("bozo_exception", ""))[:200] if parsed.get("bozo") else ""
    if not parsed.entries:
        if reason:
            raise FeedError(f"This is not a readable RSS or Atom feed ({reason}).")
        if not parsed.get("version"):
            raise FeedError("This is not an RSS or Atom feed.")
    entries = [_entry(raw) for raw in parsed.entries[:MAX_ENTRIES]]
    # A feed cut short ends in an entry with nothing in it.
    entries = [e for e in entries if e.url or e.title or e.summary.strip() or e.content.strip()]
    problem = ""
    # Only broken XML counts: feedparser also flags harmless things (a declared
    # encoding it overrode), which would leave a healthy feed looking failed.
    if isinstance(parsed.get("bozo_exception"), xml.sax.SAXException):
        problem = (
            f"The feed is cut short or malformed ({reason}); "
            f"only the {len(entries)} complete entries before that point were read."
        )
    return entries, problem


def poll_feed(feed: Feed) -> PollResult:
    """Fetch the feed and make a Source of each entry not seen before.

    Queuing their ingest is the caller's business (the beat task does it).
    """
    try:
        page = fetch.fetch_url(feed.url, allowed_types=FEED_TYPES)
        entries, problem = read_feed(page.body)
        result = PollResult(error=problem)
        for entry in entries:
            source = _take_entry(feed, entry)
            if source is None:
                result.skipped += 1
                continue
            result.created.append(source.pk)
    except (FetchError, FeedError) as exc:
        return _record(feed, PollResult(error=str(exc)))
    except Exception as exc:  # noqa: BLE001 - the editor must see why a feed stopped
        logger.exception("Polling feed #%s failed", feed.pk)
        return _record(feed, PollResult(error=f"Unexpected error while polling: {exc!r}"[:2000]))
    return _record(feed, result)


def poll_active_feeds() -> PollSummary:
    """Poll every active feed."""
    summary = PollSummary()
    for feed in Feed.objects.filter(active=True).order_by("pk"):
        result = poll_feed(feed)
        summary.feeds += 1
        summary.created += result.created
        summary.skipped += result.skipped
        summary.failed += bool(result.error)
    return summary


def _take_entry(feed: Feed, entry: FeedEntry) -> Source | None:
    """The new Source for an entry, or None when it was seen before or is unusable."""
    if Source.objects.filter(feed=feed, feed_entry_id=entry.entry_id).exists():
        return None
    try:
        with transaction.atomic():
            if entry.url:
                source, created = source_create_from_url(
                    entry.url, published=entry.published, title=entry.title, language=feed.language
                )
            elif (entry.content or entry.summary).strip():
                source, created = source_create_from_content(
                    content=entry.content or entry.summary,
                    published=entry.published,
                    title=entry.title,
                    language=feed.language,
                )
            else:
                return None
            # A URL or body already known (from this feed or another) stays
            # with the source that first brought it.
            if not created:
                return None
            source.feed = feed
            source.feed_entry_id = entry.entry_id
            source.save(update_fields=["feed", "feed_entry_id"])
    except (FetchError, SourceError) as exc:
        logger.info("Feed #%s: skipped entry %r: %s", feed.pk, entry.entry_id, exc)
        return None
    except IntegrityError:
        # Another poll of the same feed took this entry a moment ago.
        return None
    return source


def _record(feed: Feed, result: PollResult) -> PollResult:
    # An update, not save(): polling is not an edit, so it adds no history row
    # and cannot overwrite a change an editor made meanwhile.
    feed.last_polled_at = timezone.now()
    feed.last_error = result.error
    Feed.objects.filter(pk=feed.pk).update(
        last_polled_at=feed.last_polled_at, last_error=feed.last_error
    )
    return result


def _refuse_declarations(data: bytes) -> None:
    if data.startswith(_EBCDIC_XML):
        raise FeedError("The feed is encoded in EBCDIC, which is not accepted.")
    # Without NUL bytes, UTF-16 and UTF-32 markup reads as ASCII.
    plain = data.replace(b"\x00", b"")
    views = [plain]
    declared = _XML_ENCODING.match(plain[:1024].lstrip(b"\xef\xbb\xbf\xff\xfe"))
    if declared is not None:
        # In UTF-7 or ISO-2022 a DOCTYPE can be spelled so no byte search finds
        # it ("+ADw-!DOCTYPE"); feedparser decodes as declared, so check that too.
        try:
            codec = codecs.lookup(declared.group(1).decode("ascii")).name
        except LookupError:
            codec = "utf-8"
        if codec not in {"utf-8", "ascii"}:
            # Not a text encoding ("rot13", "base64"): feedparser falls back too.
            with contextlib.suppress(LookupError, ValueError, TypeError):
                views.append(data.decode(codec, "replace").encode("utf-8", "replace"))
    if any(_DECLARATION.search(_prolog(view)) for view in views):
        raise FeedError(
            "Refused: the feed contains a DOCTYPE or ENTITY declaration. Feeds never need "
            "one, and they are used for entity-expansion and external-entity attacks."
        )


def _prolog(data: bytes) -> bytes:
    """Everything before the root element, where a DOCTYPE has to be."""
    position = 0
    while True:
        start = data.find(b"<", position)
        if start < 0:
            return data
        if data.startswith(b"<!--", start):
            end = data.find(b"-->", start + 4)
            if end < 0:
                return data
            position = end + 3
        elif data[start + 1 : start + 2] in (b"?", b"!"):
            position = start + 2
        else:
            return data[:start]


def _entry(raw: feedparser.FeedParserDict) -> FeedEntry:
    title = _text(raw.get("title")).strip()
    summary = _text(raw.get("summary"))
    content = ""
    for part in raw.get("content") or []:
        content = _text(part.get("value"))
        if content.strip():
            break
    url = _valid_url(_text(raw.get("link")))
    entry_id = _text(raw.get("id")).strip() or url or _digest(title + summary + content)
    if len(entry_id) > MAX_ENTRY_ID:
        entry_id = _digest(entry_id)
    return FeedEntry(
        entry_id=entry_id,
        url=url,
        title=title,
        # dict.get: FeedParserDict.get maps a missing published date to the
        # updated one itself, with a deprecation warning.
        published=_date(dict.get(raw, "published_parsed") or dict.get(raw, "updated_parsed")),
        summary=summary,
        content=content,
    )


def _valid_url(link: str) -> str | None:
    if not link.strip():
        return None
    try:
        return validate_url_syntax(link)
    except FetchError:
        return None


def _date(value: object) -> dt.date | None:
    try:
        return dt.date(*value[:3])  # type: ignore[index]
    except (TypeError, ValueError, IndexError):
        return None


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
