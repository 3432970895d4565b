"""The exchange records a report may be about, with what matching reads of them.

Matching runs for every report of every article, so the candidates, their
stages and the names of their mediators come in one hand-written query. Built
by the ORM, the same query and the mediators' query after it cost several
times the rest of the matching: building a query took longer than running it,
and on PostgreSQL each query is a round trip. (Django's prefetching, or
grouping facts over every candidate's reports, cost more still.) What only a
few candidates need, the figures their reports state, is read for those, on
first use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import Max, Min

from exchanges.choices import Status
from exchanges.models import Exchange, Report, Source

DATE_TOLERANCE_DAYS = {"day": 1, "week": 4, "month": 31, "unknown": 0}
# How long after an agreement the swap it announced may take place.
AGREEMENT_WINDOW_DAYS = 90

# Ids of the exchanges the source being reconciled already has reports on.
Supported = set[int] | frozenset[int]


@dataclass(frozen=True)
class ReportFacts:
    """The largest figures an exchange's reports state, and when it was first reported."""

    to_ukraine: int | None = None
    to_russia: int | None = None
    announced_on: dt.date | None = None


@dataclass(eq=False)
class Candidate:
    """An exchange record a report may be about, and what matching knows of it.

    Its stages (as candidates too), its reports' facts and its mediators' names
    are read from the database the first time they are asked for, unless they
    were given (the loader below gives stages and names; unit tests give all).
    """

    exchange: Exchange
    # The source being reconciled already has a report on this record.
    from_this_source: bool = False
    known_stages: list[Candidate] | None = None
    known_facts: ReportFacts | None = None
    known_mediator_names: set[str] | None = None

    @property
    def stage_candidates(self) -> list[Candidate]:
        """The record's stages, newest first."""
        if self.known_stages is None:
            stages = newest_first(self.exchange.stages.order_by())
            self.known_stages = [Candidate(stage) for stage in stages]
        return self.known_stages

    @property
    def stages(self) -> list[Exchange]:
        return [stage.exchange for stage in self.stage_candidates]

    @property
    def facts(self) -> ReportFacts:
        if self.known_facts is None:
            self.known_facts = ReportFacts(
                **self.exchange.reports.aggregate(
                    to_ukraine=Max("to_ukraine"),
                    to_russia=Max("to_russia"),
                    announced_on=Min("source__published"),
                )
            )
        return self.known_facts

    @property
    def mediator_names(self) -> set[str]:
        if self.known_mediator_names is None:
            self.known_mediator_names = set(self.exchange.mediators.values_list("name", flat=True))
        return self.known_mediator_names

    @classmethod
    def new(cls, exchange: Exchange) -> Candidate:
        """A record created a moment ago: no stages, reports or mediators yet."""
        return cls(
            exchange,
            known_stages=[],
            known_facts=ReportFacts(),
            known_mediator_names=set(),
        )


def candidates_for(report: Report, source: Source, supported: Supported) -> list[Candidate]:
    """Top-level exchanges of the same kind that could be the one the report means.

    A dated report can only match within a month or so of its date (or a span
    of stages reaching it, or an undated agreement); an undated agreement only
    what happened after it was announced.
    """
    where, params = "kind = %s", [report.kind]
    if report.date is not None:
        reach = dt.timedelta(days=DATE_TOLERANCE_DAYS["month"] + 7)
        where += " AND (date BETWEEN %s AND %s OR (date <= %s AND end_date >= %s) OR date IS NULL)"
        params += [report.date - reach, report.date + reach, report.date, report.date - reach]
    elif source.published is not None and report.ordinal is None:
        where += " AND (date IS NULL OR date BETWEEN %s AND %s)"
        params += [
            source.published - dt.timedelta(days=3),
            source.published + dt.timedelta(days=AGREEMENT_WINDOW_DAYS),
        ]
    return load_candidates(where, params, supported)


def parents_for(report: Report, supported: Supported) -> list[Candidate]:
    """Top-level exchanges of the same kind that a stage on the report's day may belong to:
    those up to an agreement's window before it, and undated agreements."""
    earliest = report.date - dt.timedelta(days=AGREEMENT_WINDOW_DAYS)
    where = "kind = %s AND (date BETWEEN %s AND %s OR (date IS NULL AND status = %s))"
    params = [report.kind, earliest, report.date + dt.timedelta(days=1), Status.AGREED.value]
    return load_candidates(where, params, supported)


# The candidates, their stages, and any stages those have (an editor may hang a
# record under a stage), each row once per mediator. `{where}` is one of the
# conditions above, over the columns of the exchange table.
CANDIDATES_SQL = """
WITH candidate AS (
    SELECT id FROM exchanges_exchange WHERE parent_id IS NULL AND ({where})
), stage AS (
    SELECT id FROM exchanges_exchange WHERE parent_id IN (SELECT id FROM candidate)
)
SELECT exchange.*, mediator.name AS mediator_name
FROM exchanges_exchange AS exchange
LEFT JOIN exchanges_exchange_mediators AS link ON link.exchange_id = exchange.id
LEFT JOIN exchanges_mediator AS mediator ON mediator.id = link.mediator_id
WHERE exchange.id IN (SELECT id FROM candidate)
    OR exchange.parent_id IN (SELECT id FROM candidate)
    OR exchange.parent_id IN (SELECT id FROM stage)
"""


def load_candidates(where: str, params: Sequence, supported: Supported) -> list[Candidate]:
    """The top-level exchanges that meet `where`, with their stages and mediators' names,
    newest first. (The stages of a stage's own stages are read if ever asked for.)"""
    sql = CANDIDATES_SQL.format(where=where)
    params = [_adapted(value) for value in params]
    loaded: dict[int, Candidate] = {}
    # Whole rows: a record matched here may be recomputed and saved next. A record
    # comes once for each of its mediators.
    for row in Exchange.objects.raw(sql, params):
        name = vars(row).pop("mediator_name")  # a column of the query, not of the record
        candidate = loaded.setdefault(
            row.pk,
            Candidate(row, from_this_source=row.pk in supported, known_mediator_names=set()),
        )
        if name is not None:
            candidate.known_mediator_names.add(name)
    by_date = newest_first(candidate.exchange for candidate in loaded.values())
    top_level = [loaded[exchange.pk] for exchange in by_date if exchange.parent_id is None]
    # The query brought every stage of the candidates and of their stages.
    for candidate in loaded.values():
        parent_id = candidate.exchange.parent_id
        if parent_id is None or loaded[parent_id].exchange.parent_id is None:
            candidate.known_stages = []
    for exchange in by_date:
        if exchange.parent_id is not None:
            loaded[exchange.parent_id].known_stages.append(loaded[exchange.pk])
    return top_level


def _adapted(value):
    """A date as the database's driver takes it (a string for SQLite)."""
    if isinstance(value, dt.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def newest_first(exchanges: Iterable[Exchange]) -> list[Exchange]:
    """In the model's own order (latest date first, undated last), sorted here rather
    than by the database: the candidate queries skip the ORDER BY."""
    return sorted(
        exchanges,
        key=lambda e: (e.date is None, -(e.date.toordinal() if e.date else 0), -e.pk),
    )
