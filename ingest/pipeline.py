"""The ingest pipeline for one source: fetch → main text → events → records.

`ingest_source` is what the Celery task runs and what tests call directly. It
never raises for bad input: the source ends `failed` with an error a person
can read, and nothing already recorded is touched.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from exchanges.models import Checkpoint, Mediator, Source
from exchanges.versions import data_changed
from ingest.checkpoints import FoundCheckpoint, find_checkpoints
from ingest.extraction import MediatorName, extract_events
from ingest.fetch import FetchError, fetch_url
from ingest.html import ExtractionError, extract_article
from ingest.reconcile import ReconcileResult, reconcile_source
from ingest.sources import SourceError, decode_bytes, looks_like_html, sha256

logger = logging.getLogger(__name__)

# Only the first part of a very long text is read: articles are far shorter, and
# the extractor's cost grows with its input.
MAX_TEXT_CHARS = 200_000
# Fewer than 200 exchanges and repatriations have taken place in all: a page that
# states more is a generated table, and reconciling each of its rows costs about
# 20 ms (a 5 MB page of one table held a worker for 40 s of CPU with 2,000).
MAX_EVENTS = 200

_UKRAINIAN_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
_RUSSIAN_LETTERS = re.compile(r"[ыэъЫЭЪё]")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t\u00a0]+")


# What the pipeline itself sets on a source (besides its text).
PIPELINE_FIELDS = [
    "status",
    "error",
    "title",
    "outlet",
    "published",
    "language",
    "duplicate_of",
    "updated_at",
]


@dataclass
class IngestResult:
    source_id: int
    status: str
    error: str = ""
    reconcile: ReconcileResult = field(default_factory=ReconcileResult)


def ingest_source(source_id: int, *, run_label: str = "") -> IngestResult:
    source = Source.objects.get(pk=source_id)
    # Read together with the source, before the page's long computations: on a busy
    # machine the first query after one waited several times longer than the next.
    mediators = known_mediators()
    run_label = run_label or f"ingest of source #{source.pk}"
    recorded = _recorded(source)
    try:
        if source.url and not source.raw_content:
            # A fetch can take seconds: show that the source is being worked on.
            data_changed()  # the sources page shows statuses
            Source.objects.filter(pk=source.pk).update(status=Source.Status.PROCESSING, error="")
            _fetch_into(source)
        text = _main_text(source)
        # Reports are only ever written together with the text's hash (below).
        never_reconciled = source.content_hash is None
        source.text = text
        source.content_hash = sha256(text)
        source.language = source.language or guess_language(text)
        language = source.language if source.language in {"en", "uk", "ru"} else "en"
        events = extract_events(
            text, published=source.published, language=language, mediators=mediators
        )
        # Running totals the text states are kept to check our count against.
        checkpoints = find_checkpoints(
            text, language=language, published=source.published, mediators=mediators
        )
        # The source's text, its status and the records it supports are written together.
        source.status = Source.Status.DONE if events else Source.Status.IRRELEVANT
        source.error = ""
        if len(events) > MAX_EVENTS:
            source.error = (
                f"The page states {len(events):,} exchanges; "
                f"only the first {MAX_EVENTS} were recorded."
            )
            events = events[:MAX_EVENTS]
        try:
            with transaction.atomic():
                commit_without_waiting_for_the_disk()
                source.save_without_historical_record(
                    update_fields=[*PIPELINE_FIELDS, "text", "content_hash"]
                )
                result = reconcile_source(
                    source, events, run_label=run_label, has_reports=not never_reconciled
                )
                checkpoints_replace(source, checkpoints, has_checkpoints=not never_reconciled)
                # A new source's first reading is its current state, not a change worth
                # a history row; a re-ingest gets one only when it changes something.
                if not never_reconciled and (_recorded(source) != recorded or _changed(result)):
                    source.save(update_fields=["updated_at"])
        except IntegrityError:
            # The text's hash is unique: the same text arrived before, from another source.
            duplicate_id = _source_with_text(source.content_hash, but_not=source.pk)
            if duplicate_id is None:
                raise
            source.duplicate_of_id = duplicate_id
            return _finish(
                source,
                Source.Status.DONE,
                f"The same text is already stored as source #{duplicate_id}; nothing new recorded.",
            )
        return IngestResult(source.pk, source.status, "", result)
    except (FetchError, ExtractionError, SourceError) as exc:
        return _finish(source, Source.Status.FAILED, str(exc))
    except Exception as exc:  # noqa: BLE001 - any failure must reach the editor, not vanish
        logger.exception("Ingest of source #%s failed", source.pk)
        return _finish(
            source, Source.Status.FAILED, f"Unexpected error while ingesting: {exc!r}"[:2000]
        )


def commit_without_waiting_for_the_disk() -> None:
    """Let the current transaction's commit return before PostgreSQL has written it to disk.

    Waiting for the disk was the largest single cost of an ingest on PostgreSQL
    (5 ms and more a commit on a shared machine, against about 1 ms for the rest
    of it). What an ingest writes is derived from the stored source, so it can be
    lost and written again: if the server crashes in the moment before the write
    reaches the disk (at most three times `wal_writer_delay`, 0.6 s by default),
    the transaction is gone as if it had rolled back, the source is left pending
    or processing, and `requeue_stuck_sources` ingests it again. The database
    stays consistent (PostgreSQL manual, "Asynchronous Commit"), and a later
    commit that does wait (an editor's) also writes every one before it. Only
    this transaction is affected (SET LOCAL): the source itself, what a person
    or a feed gave us, is stored by a commit that waits.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def checkpoints_replace(
    source: Source, found: list[FoundCheckpoint], *, has_checkpoints: bool = True
) -> list[Checkpoint]:
    """The source's official running figures, replacing those of an earlier reading.

    A checkpoint is placed at the source's publication date: without one it
    cannot be held against our count, so it is not kept.
    """
    if has_checkpoints:
        source.checkpoints.filter(curated_key__isnull=True).delete()
    if not found or source.published is None:
        return []
    names = {f.mediator for f in found if f.mediator}
    mediators = {m.name: m for m in Mediator.objects.filter(name__in=names)} if names else {}
    rows = [
        Checkpoint(
            date=source.published,
            claimant=f.claimant[:200],
            measure=f.measure,
            value=f.value,
            year=f.year,
            mediator=mediators.get(f.mediator) if f.mediator else None,
            at_least=f.at_least,
            source=source,
            sentence=f.sentence,
        )
        for f in found
        if not f.mediator or f.mediator in mediators
    ]
    data_changed()  # bulk_create sends no signal
    return Checkpoint.objects.bulk_create(rows)


def _recorded(source: Source) -> tuple:
    """What an ingest records on a source, besides its status (pending or processing
    while it runs, so the previous outcome is no longer there to compare)."""
    return (
        source.content_hash,
        source.error,
        source.title,
        source.outlet,
        source.published,
        source.language,
        source.duplicate_of_id,
    )


def _changed(result: ReconcileResult) -> bool:
    return bool(
        result.created
        or result.updated
        or result.deleted
        or result.reports_created
        or result.reports_updated
    )


def _source_with_text(content_hash: str, *, but_not: int) -> int | None:
    others = Source.objects.filter(content_hash=content_hash).exclude(pk=but_not)
    return others.values_list("pk", flat=True).first()


def _fetch_into(source: Source) -> None:
    page = fetch_url(source.url)
    content = decode_bytes(page.body, declared_encoding=page.encoding)
    source.raw_content = content
    source.raw_is_html = "html" in page.content_type or looks_like_html(content)
    source.fetched_at = timezone.now()
    source.raw_hash = sha256(content)
    if Source.objects.filter(raw_hash=source.raw_hash).exclude(pk=source.pk).exists():
        source.raw_hash = None
    source.save(update_fields=["raw_content", "raw_is_html", "fetched_at", "raw_hash"])


def _main_text(source: Source) -> str:
    if source.raw_is_html:
        article = extract_article(source.raw_content, url=source.url)
        source.title = source.title or article.title[:500]
        source.outlet = source.outlet or article.site_name
        source.published = source.published or article.published
        source.language = source.language or article.language[:2]
        text = article.text
    else:
        text = source.raw_content
    text = normalise_text(text)[:MAX_TEXT_CHARS]
    if not text.strip():
        raise ExtractionError("The article has no text.")
    if not source.title:
        source.title = text.strip().split("\n", 1)[0][:300]
    return text


def normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", _without_control_chars(line)).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _without_control_chars(line: str) -> str:
    """The line without control and format characters (zero-width spaces, stray bytes)."""
    if line.isprintable():
        return line  # most lines: checked at C speed, no character-by-character pass
    return "".join(ch for ch in line if ch == "\t" or unicodedata.category(ch)[0] != "C")


def guess_language(text: str) -> str:
    sample = text[:5000]
    if not _CYRILLIC.search(sample):
        return "en"
    uk = len(_UKRAINIAN_LETTERS.findall(sample))
    ru = len(_RUSSIAN_LETTERS.findall(sample))
    return "uk" if uk > ru else "ru"


def known_mediators() -> list[MediatorName]:
    """The mediators and the aliases that name them, as editors keep them in the database.

    Read at every ingest, not cached: an alias an editor adds or removes counts
    from the next article on, in every worker. (With no mediator in the database
    at all, the extractor falls back to its own built-in list.)
    """
    rows = Mediator.objects.order_by().values_list("name", "aliases")
    return [MediatorName(name, tuple(aliases or ())) for name, aliases in rows]


def _finish(source: Source, status: str, error: str) -> IngestResult:
    source.status = status
    source.error = error
    try:
        source.save(update_fields=PIPELINE_FIELDS)
    except Exception:  # noqa: BLE001 - deleted meanwhile, or a title the database refuses
        data_changed()
        Source.objects.filter(pk=source.pk).update(status=status, error=error)
    return IngestResult(source.pk, status, error)
