"""The exchange records a report may be about, with what matching reads of them.

Matching runs for every report of every article, so candidates are loaded in
one plain query, the records and their stages together. Django's prefetching,
or grouping facts over every candidate's reports, took longer than the rest of
the matching, and on PostgreSQL each query is a round trip that costs more
than building it; what only a few candidates need (their reports' figures,
their mediators) is loaded for those, on first use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Max, Min, Q

from exchanges.models import Exchange, Report, Source
from exchanges.queries import TOP_LEVEL

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

    `stages`, `facts` and `mediator_names` are read from the database the first
    time they are asked for, unless they were given (the loader below gives the
    stages; unit tests give all three).
    """

    exchange: Exchange
    # The source being reconciled already has a report on this record.
    from_this_source: bool = False
    known_stages: list[Exchange] | None = None
    known_facts: ReportFacts | None = None
    known_mediator_names: set[str] | None = None

    @property
    def stages(self) -> list[Exchange]:
        """The record's stages, newest first."""
        if self.known_stages is None:
            self.known_stages = newest_first(self.exchange.stages.order_by())
        return self.known_stages

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
    conditions = Q(kind=report.kind)
    if report.date is not None:
        reach = dt.timedelta(days=DATE_TOLERANCE_DAYS["month"] + 7)
        conditions &= (
            Q(date__range=(report.date - reach, report.date + reach))
            | Q(date__lte=report.date, end_date__gte=report.date - reach)
            | Q(date__isnull=True)
        )
    elif source.published is not None and report.ordinal is None:
        conditions &= Q(date__isnull=True) | Q(
            date__range=(
                source.published - dt.timedelta(days=3),
                source.published + dt.timedelta(days=AGREEMENT_WINDOW_DAYS),
            )
        )
    return load_candidates(conditions, supported)


def load_candidates(conditions: Q, supported: Supported) -> list[Candidate]:
    """The top-level exchanges that meet `conditions`, as candidates with their stages,
    newest first: the records and their stages come in one query."""
    top_level = TOP_LEVEL & conditions
    # Whole rows: a stage matched here may be recomputed and saved next. No ORDER BY
    # to compile: they are sorted here. One filter() call: each call copies the query.
    rows = Exchange.objects.filter(
        top_level | Q(parent__in=Exchange.objects.filter(top_level).values("pk"))
    ).order_by()
    exchanges, stages = [], {}
    for row in newest_first(rows):
        if row.parent_id is None:
            exchanges.append(row)
        else:
            stages.setdefault(row.parent_id, []).append(row)
    return [
        Candidate(e, from_this_source=e.pk in supported, known_stages=stages.get(e.pk, []))
        for e in exchanges
    ]


def newest_first(exchanges: Iterable[Exchange]) -> list[Exchange]:
    """In the model's own order (latest date first, undated last), sorted here rather
    than by the database: the candidate queries skip the ORDER BY."""
    return sorted(
        exchanges,
        key=lambda e: (e.date is None, -(e.date.toordinal() if e.date else 0), -e.pk),
    )
