"""The CSV download: one row per top-level exchange, streamed.

Columns (UTF-8, comma-separated, a header row first; an empty cell means the
value is not known):

    id            record number; the exchange's page is /exchanges/<id>/
    date          ISO date (YYYY-MM-DD) of the exchange or its first stage
    date_precision  day | week | month | unknown: how much of `date` is known
                  (month: only the month; week: the week starting on `date`)
    end_date      ISO date of the last day, for an exchange over several days
    kind          pow_exchange | body_repatriation | civilian_return
    status        agreed | in_progress | completed
    to_ukraine    people (or bodies) handed over to Ukraine
    to_russia     people (or bodies) handed over to Russia
    ordinal       Ukraine's official running number of the exchange
    stages        number of stages recorded for a multi-day exchange (0: one day)
    mediators     mediator names, joined by "; " ("Turkey; UAE")
    verified      true | false: an editor checked the record
    needs_review  true | false: flagged for an editor
    has_conflict  true | false: sources disagree on a figure
    corrected_at  ISO date-time (UTC) an editor last corrected the record
    source_count  number of distinct sources reporting it (or its stages)
    source_urls   those sources' URLs, separated by a space
    notes         editor's notes (free text)
    url           the exchange's page on this site

A cell that begins with =, +, -, @, a tab or a carriage return gets a leading
apostrophe, so a spreadsheet shows it as text instead of running it as a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator

from django.db import transaction

from exchanges.models import FIGURE_COLUMNS

COLUMNS: list[tuple[str, str]] = [
    ("id", "record number; the exchange's page is /exchanges/<id>/"),
    ("date", "ISO date of the exchange or of its first stage"),
    ("date_precision", "day, week, month or unknown: how much of the date is known"),
    ("end_date", "ISO date of the last day, for an exchange over several days"),
    ("kind", "pow_exchange, body_repatriation or civilian_return"),
    ("status", "agreed, in_progress or completed"),
    ("to_ukraine", "people (or bodies) handed over to Ukraine; empty when not stated"),
    ("to_russia", "people (or bodies) handed over to Russia; empty when not stated"),
    ("ordinal", "Ukraine's official running number of the exchange"),
    ("stages", "number of stages of a multi-day exchange (0 for a single day)"),
    ("mediators", 'mediator names joined by "; "'),
    ("verified", "true when an editor checked the record"),
    ("needs_review", "true when the record is flagged for an editor"),
    ("has_conflict", "true when sources disagree on a figure"),
    ("corrected_at", "ISO date-time (UTC) an editor last corrected the record"),
    ("source_count", "number of distinct sources reporting the exchange or its stages"),
    ("source_urls", "those sources' URLs, separated by a space"),
    ("notes", "editor's notes"),
    ("url", "the exchange's page on this site"),
]
HEADER = [name for name, _ in COLUMNS]

# The queryset fields behind the columns, in order (see ExchangeQuerySet.for_export).
FIELDS = (
    "id",
    *FIGURE_COLUMNS,
    "stage_count",
    "mediator_names",
    "verified",
    "needs_review",
    "has_conflict",
    "corrected_at",
    "source_count",
    "source_urls",
    "notes",
)

# Cells the database joins, sorted here so every backend gives the same order.
_MEDIATORS = FIELDS.index("mediator_names")
_URLS = FIELDS.index("source_urls")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000


def neutralise(text: str) -> str:
    """Prefix a cell a spreadsheet would run as a formula with an apostrophe."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def _sorted_parts(joined: str, separator: str) -> str:
    # The database joins these; sorting here gives the same order on every backend.
    return separator.join(sorted(joined.split(separator))) if joined else ""


def rows(values: Iterable[tuple], *, site_url: str) -> Iterator[list[str]]:
    """CSV rows (header first) from `for_export().values_list(*FIELDS)` tuples."""
    yield HEADER
    detail = site_url.rstrip("/") + "/exchanges/{}/"
    for record in values:
        record = list(record)
        record[_MEDIATORS] = _sorted_parts(record[_MEDIATORS], "; ")
        record[_URLS] = _sorted_parts(record[_URLS], " ")
        yield [_cell(value) for value in record] + [detail.format(record[0])]


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def stream(queryset, *, site_url: str, lines_per_chunk: int = 500) -> Iterator[str]:
    """CSV text over a server-side iterator, a few hundred lines per chunk: memory stays flat.

    Inside a transaction: outside one, PostgreSQL's server-side cursor must be
    declared WITH HOLD, and such a cursor computes its whole result before the
    first row comes back (2.5 s before the first byte at 100,000 rows).
    """
    writer = csv.writer(_Echo())
    # Only reads: within a caller's transaction it needs no savepoint of its own.
    with transaction.atomic(savepoint=False):
        values = queryset.values_list(*FIELDS).iterator(chunk_size=CHUNK_SIZE)
        buffer: list[str] = []
        for row in rows(values, site_url=site_url):
            buffer.append(writer.writerow(row))
            if len(buffer) >= lines_per_chunk:
                yield "".join(buffer)
                buffer.clear()
        if buffer:
            yield "".join(buffer)
