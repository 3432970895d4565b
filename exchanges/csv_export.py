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

from django.db import connection, transaction

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


def _chunks(rows: Iterable[list], lines_per_chunk: int) -> Iterator[str]:
    writer = csv.writer(_Echo())
    buffer: list[str] = []
    for row in rows:
        buffer.append(writer.writerow(row))
        if len(buffer) >= lines_per_chunk:
            yield "".join(buffer)
            buffer.clear()
    if buffer:
        yield "".join(buffer)


def stream(queryset, *, site_url: str, sort: str | None = None, lines_per_chunk: int = 500):
    """The CSV of these exchanges in the table's `sort` order, a few hundred lines per chunk.

    One aggregated query (`export_query`) read through a server-side cursor
    inside a transaction, so memory stays flat and the first rows come back
    while the rest are still being read: outside a transaction PostgreSQL's
    cursor must be declared WITH HOLD, and such a cursor computes its whole
    result before the first row comes back (2.5 s at 100,000 rows).
    """
    sql, params = export_query(queryset, sort)
    # Only reads: within a caller's transaction it needs no savepoint of its own.
    with transaction.atomic(savepoint=False), connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        yield from _chunks(_export_rows(cursor, site_url), lines_per_chunk)


def stream_snapshot(queryset, *, site_url: str, lines_per_chunk: int = 500):
    """The CSV of a snapshot's history rows (snapshots.py), ordered by the caller: their
    columns come from the snapshot's `for_export()` annotations."""
    with transaction.atomic(savepoint=False):
        values = queryset.for_export().values_list(*FIELDS).iterator(chunk_size=CHUNK_SIZE)
        yield from _chunks(rows(values, site_url=site_url), lines_per_chunk)


def _export_rows(cursor, site_url: str) -> Iterator[list]:
    """CSV rows (header first) from `export_query`'s rows, which come with their booleans
    and date-time already as text; the rest is done here, the same as `_cell` does."""
    yield HEADER
    detail = site_url.rstrip("/") + "/exchanges/{}/"
    while batch := cursor.fetchmany(CHUNK_SIZE):
        for record in batch:
            record = list(record)
            # Only these text columns can hold a formula (kind, status and the
            # precision are from a fixed vocabulary); the joined ones are sorted
            # here as on every backend.
            names, urls, notes = record[_MEDIATORS], record[_URLS], record[_NOTES]
            if "; " in names:
                names = _sorted_parts(names, "; ")
            if " " in urls:
                urls = _sorted_parts(urls, " ")
            record[_MEDIATORS] = neutralise(names)
            record[_URLS] = neutralise(urls)
            record[_NOTES] = neutralise(notes)
            record.append(detail.format(record[0]))
            yield record


# The exchange's own columns, as `export_query` selects them; the aggregates go between.
OWN_FIELDS = (
    "id",
    *FIGURE_COLUMNS,
    "verified",
    "needs_review",
    "has_conflict",
    "corrected_at",
    "notes",
)
_NOTES = FIELDS.index("notes")
AGGREGATES = ("stage_count", "source_count")


def export_query(queryset, sort: str | None = None) -> tuple[str, list]:
    """SQL and parameters of the CSV rows (columns FIELDS) of `queryset`'s exchanges.

    One query: the exchanges joined to themselves and their stages, to those
    records' reports and sources, and to their mediators, grouped per exchange.
    No subquery runs per row. The rows are grouped in the order they are written
    (the table's order for `sort`), so PostgreSQL can hand out the first ones
    before it has read the last: the selected exchanges come as a derived table
    already in that order (`OFFSET 0` keeps the planner from folding it into
    the outer query, where it would group by id alone and sort everything after).
    """
    from exchanges.models import Exchange, Mediator, Report, Source
    from exchanges.tables import ExchangeTable

    sort = sort if sort and sort.lstrip("-") in ExchangeTable.SORTABLE else "-date"
    name, descending = sort.lstrip("-"), sort.startswith("-")
    if name in AGGREGATES:
        inner = queryset.order_by().values_list(*OWN_FIELDS)
    else:
        inner = ExchangeTable.ordered(queryset.values_list(*OWN_FIELDS), sort)
    inner_sql, inner_params = inner.query.sql_with_params()
    postgres = connection.vendor == "postgresql"
    q = connection.ops.quote_name
    exchange, report, source, mediator = (
        q(m._meta.db_table) for m in (Exchange, Report, Source, Mediator)
    )
    links = q(Exchange.mediators.through._meta.db_table)
    if postgres:
        names = "STRING_AGG(DISTINCT m.name, '; ' ORDER BY m.name)"
        urls = "STRING_AGG(DISTINCT s.url, ' ' ORDER BY s.url)"
        corrected = "to_char(e.corrected_at AT TIME ZONE 'UTC', %s)"
        corrected_format = 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"'
    else:  # SQLite: DISTINCT only with the default separator, commas swapped out meanwhile
        names = _sqlite_distinct_join("m.name", "; ")
        urls = _sqlite_distinct_join("s.url", " ")
        corrected = "strftime(%s, e.corrected_at)"
        corrected_format = "%Y-%m-%dT%H:%M:%S+00:00"
    aggregates = {
        "stage_count": "COUNT(DISTINCT x.id) - 1",
        "source_count": "COUNT(DISTINCT r.source_id)",
    }
    direction = "DESC" if descending else "ASC"
    first = aggregates[name] if name in AGGREGATES else f"e.{q(name)}"
    order = f"{first} {direction} NULLS LAST, e.id {'DESC' if descending else 'ASC'}"
    own = [f"e.{q(f)}" for f in OWN_FIELDS]
    group = ([] if name in AGGREGATES else [first]) + [c for c in own if c != first]
    flag = "CASE WHEN e.{0} THEN 'true' ELSE 'false' END"
    columns = [
        "e.id",
        *(f"e.{q(f)}" for f in FIGURE_COLUMNS),
        aggregates["stage_count"],
        f"COALESCE({names}, '')",
        flag.format("verified"),
        flag.format("needs_review"),
        flag.format("has_conflict"),
        corrected,
        aggregates["source_count"],
        f"COALESCE({urls}, '')",
        "e.notes",
    ]
    fence = " OFFSET 0" if postgres else ""
    sql = (
        f"SELECT {', '.join(columns)}"  # noqa: S608 - names from our models; values are params
        f" FROM ({inner_sql}{fence}) e"
        f" JOIN {exchange} x ON x.id = e.id OR x.parent_id = e.id"
        f" LEFT JOIN {report} r ON r.exchange_id = x.id"
        f" LEFT JOIN {source} s ON s.id = r.source_id"
        f" LEFT JOIN {links} t ON t.exchange_id = e.id"
        f" LEFT JOIN {mediator} m ON m.id = t.mediator_id"
        f" GROUP BY {', '.join(group)}"
        f" ORDER BY {order}"
    )
    return sql, [corrected_format, *inner_params]


def _sqlite_distinct_join(column: str, separator: str) -> str:
    joined = f"GROUP_CONCAT(DISTINCT REPLACE({column}, ',', char(31)))"
    return f"REPLACE(REPLACE({joined}, ',', '{separator}'), char(31), ',')"
