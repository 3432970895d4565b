"""Matching: which exchange record a report is about, or whether it is a new one.

A report matches an exchange of the same kind when its date falls within the
tolerance its precision allows, its figures agree (or the disagreement is one
the same day or the same official number explains), and nothing vetoes it
(two different ordinals, two distinct events of one article). A stage of a
multi-day exchange hangs under the exchange as a child record.

Matching only reads: it says where a report goes (a `Placement`), and the
reconciling step creates the records that are new.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection

from exchanges.choices import DatePrecision, Status
from exchanges.models import Exchange, Report, Source
from exchanges.queries import TOP_LEVEL
from exchanges.versions import data_version_lock
from ingest.candidates import (
    AGREEMENT_WINDOW_DAYS,
    DATE_TOLERANCE_DAYS,
    Candidate,
    Supported,
    candidates_for,
    parents_for,
)

# How long after its last stage a running multi-day exchange may have another.
STAGE_WINDOW_DAYS = 30

# The first key of the advisory locks that serialise matching ("POW" in ASCII).
MATCHING_LOCK_CLASS = 0x504F57


def lock_matching(kinds: Iterable[str]) -> None:
    """Serialise match-and-create with every other ingest of the same kinds of exchange.

    Matching reads the candidates, and reconciling then creates a record when
    none fits; without a lock two processes ingesting reports of one exchange each find
    nothing and each create it. A report only ever matches exchanges of its own
    kind (candidates, parents and stages are all filtered by kind), and nothing
    narrower is safe: undated reports and agreements reach months either way.
    So one PostgreSQL transaction-level advisory lock per kind, taken in a fixed
    order (no deadlock between two sources of several kinds), held until the
    transaction commits, when the records it created are visible to the next
    holder. SQLite needs none: its write transactions (IMMEDIATE) already take
    the one database-wide write lock.
    """
    if connection.vendor != "postgresql":
        return
    # Every writer takes the data version's lock before any other (exchanges/versions.py).
    data_version_lock()
    with connection.cursor() as cursor:
        for kind in sorted(set(kinds)):
            key = zlib.crc32(kind.encode()) & 0x7FFFFFFF
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [MATCHING_LOCK_CLASS, key])


@dataclass(frozen=True)
class Placement:
    """Where a report goes: the record it is about, or the new record to create for it.

    `existing` is the record it is about. Otherwise a new record: top-level, or
    stage `stage_number` of the multi-day exchange `parent`, or the first stage
    of a new multi-day exchange made for it (`new_parent`).
    """

    existing: Candidate | None = None
    parent: Candidate | None = None
    stage_number: int | None = None
    new_parent: bool = False


def place_report(report: Report, source: Source, supported: Supported = frozenset()) -> Placement:
    """Where this report goes: on an existing exchange record, or on a new one.

    `supported`: the exchanges the source's other reports are already on (one
    article's events are distinct, unless it merely restates one).
    """
    if report.is_stage and report.date is not None:
        # A day the curated history holds as an exchange of its own (Ukraine numbered
        # both days of the Geneva swap) is that exchange, not a stage of another one.
        curated = best_match(
            report,
            source,
            [
                c
                for c in candidates_for(report, source, supported)
                if c.exchange.curated_key and c.exchange.date == report.date and not c.stages
            ],
        )
        if curated is not None:
            return Placement(existing=curated)
        return _place_stage(report, supported)
    match = best_match(report, source, candidates_for(report, source, supported))
    if match is None:
        match = _the_curated_one_that_month(report, source, supported)
    if match is not None:
        return Placement(existing=_same_stage(report, match) or match)
    if report.date is not None and report.status != Status.AGREED:
        # "Another group came home on Friday": a further stage of a running
        # exchange; "303 on Sunday" inside a finished one's days: one of its stages.
        parent = _find_parent(
            report,
            supported,
            evidence_needed=True,
            near_only=report.status == Status.COMPLETED,
        )
        if parent is not None:
            return _place_stage(report, supported, parent=parent)
    return Placement()


def _the_curated_one_that_month(
    report: Report, source: Source, supported: Supported
) -> Candidate | None:
    """A vague mention ("earlier this month, bodies were returned"), no figures given,
    is the curated record of that kind that month when there is exactly one.

    Curated records are the whole known history, so the only one that fits is
    the one meant; against ingested records alone such a mention is never guessed.
    """
    if (
        report.date is None
        or report.date_precision != DatePrecision.MONTH
        or report.status == Status.AGREED
    ):
        return None
    if report.to_ukraine is not None or report.to_russia is not None or report.ordinal:
        return None
    start = report.date.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    if source.published is not None:
        end = min(end, source.published)
    found = list(
        Exchange.objects.filter(
            TOP_LEVEL,
            kind=report.kind,
            curated_key__isnull=False,
            date__range=(start, end),
        )
        .exclude(pk__in=supported)
        .exclude(stages__pk__in=supported)  # the article's other events are not this one
        .distinct()
        .order_by()[:2]
    )
    return Candidate(found[0]) if len(found) == 1 else None


def _same_stage(report: Report, match: Candidate) -> Candidate | None:
    """A stage of the matched exchange that this report states exactly (same day, same figures)."""
    for stage in match.stage_candidates:
        if (
            stage.exchange.date == report.date
            and _counts_compatible(report, stage.exchange)
            and (report.to_ukraine is not None or report.to_russia is not None)
        ):
            return stage
    return None


def _place_stage(
    report: Report, supported: Supported, parent: Candidate | None = None
) -> Placement:
    parent = parent or _find_parent(report, supported)
    if parent is None:
        return Placement(new_parent=True, stage_number=1)
    for candidate in parent.stage_candidates:
        stage = candidate.exchange
        announced = Status.AGREED in (stage.status, report.status)
        if stage.date == report.date and (announced or _counts_compatible(report, stage)):
            return Placement(existing=candidate)
    number = max((s.stage_number or 0 for s in parent.stages), default=0) + 1
    return Placement(parent=parent, stage_number=number)


def _find_parent(
    report: Report, supported: Supported, *, evidence_needed: bool = False, near_only: bool = False
) -> Candidate | None:
    """The multi-day exchange a stage belongs to: running when the stage took place,
    and not smaller than it."""
    best, best_score = None, float("-inf")
    for candidate in parents_for(report, supported):
        exchange, stages = candidate.exchange, candidate.stages
        if ordinals_differ(report, exchange):
            continue
        if exchange.date is None:
            # An announced swap's first stage says it is one (or that it is under way).
            if near_only or not _agreement_fits(candidate, report.date):
                continue
        elif exchange.date_precision != DatePrecision.DAY:
            continue
        else:
            window = dt.timedelta(days=1 if near_only else STAGE_WINDOW_DAYS)
            if report.date > _span(exchange, stages)[1] + window:
                continue
        whole_ukraine, whole_russia = _stated_counts(candidate)
        if any(
            whole is not None and part is not None and part > whole
            for whole, part in (
                (whole_ukraine, report.to_ukraine),
                (whole_russia, report.to_russia),
            )
        ):
            continue
        if evidence_needed and not stages and not _part_of(report, whole_ukraine, whole_russia):
            continue  # nothing says this report is one stage of that exchange
        if evidence_needed and candidate.from_this_source:
            continue  # the same article told them apart: two exchanges, not a whole and its part
        within_span = any(s.date == report.date for s in stages)
        if _stages_add_up(stages, whole_ukraine, whole_russia) and not within_span:
            continue  # every person the exchange was to free is already accounted for
        # A finished exchange takes late reports of its own days, not new stages.
        finished = exchange.status == Status.COMPLETED
        same_ordinal = ordinal_agrees(report, exchange)
        if finished and not same_ordinal and not distance_in_span(report, exchange, stages):
            continue
        score = 2.0 if stages else 1.0
        if same_ordinal:
            score += 3
        if exchange.date is not None:
            score -= (report.date - exchange.date).days / 100
        if score > best_score:
            best, best_score = candidate, score
    return best


def _part_of(report: Report, whole_ukraine, whole_russia) -> bool:
    """The report's figures are a strict part of the whole exchange's stated figures."""
    pairs = [(report.to_ukraine, whole_ukraine), (report.to_russia, whole_russia)]
    known = [(part, whole) for part, whole in pairs if part is not None and whole is not None]
    return (
        bool(known)
        and all(part <= whole for part, whole in known)
        and any(part < whole for part, whole in known)
    )


def _stages_add_up(stages: list[Exchange], whole_ukraine, whole_russia) -> bool:
    """True when the stages so far account for the whole exchange's stated figures."""
    known = [
        (w, side)
        for w, side in ((whole_ukraine, "to_ukraine"), (whole_russia, "to_russia"))
        if w is not None
    ]
    return (
        bool(stages)
        and bool(known)
        and all(
            sum(getattr(s, side) or 0 for s in stages if s.status != Status.AGREED) >= whole
            for whole, side in known
        )
    )


def _stated_counts(candidate: Candidate) -> tuple[int | None, int | None]:
    """The figures sources gave for the exchange as a whole.

    An exchange with stages may carry the sum of its stages so far; that sum
    is not what anyone said of the whole, so it neither bounds a stage nor
    contradicts an agreed total.
    """
    if not candidate.stages:
        return candidate.exchange.to_ukraine, candidate.exchange.to_russia
    return candidate.facts.to_ukraine, candidate.facts.to_russia


def best_match(report: Report, source: Source, candidates: Iterable[Candidate]) -> Candidate | None:
    best, best_score = None, 0.0
    for candidate in candidates:
        score = match_score(report, source, candidate)
        if score is not None and score > best_score:
            best, best_score = candidate, score
    return best


def match_score(report: Report, source: Source, candidate: Candidate) -> float | None:
    """How well a report fits an exchange; None when it cannot be the same one."""
    exchange = candidate.exchange
    if report.kind != exchange.kind:
        return None
    same_source = candidate.from_this_source
    score = 1.0  # passed every veto below
    same_ordinal = ordinal_agrees(report, exchange)
    if ordinals_differ(report, exchange):
        return None
    if same_ordinal:
        score += 3

    # Dates.
    exact_day = False
    both_undated = False
    if report.date and exchange.date:
        tolerance = max(
            DATE_TOLERANCE_DAYS[report.date_precision], DATE_TOLERANCE_DAYS[exchange.date_precision]
        )
        same_pair = (
            report.to_ukraine is not None
            and report.to_russia is not None
            and (report.to_ukraine, report.to_russia) == (exchange.to_ukraine, exchange.to_russia)
        )
        if same_ordinal or same_pair:
            # The same official number, or the same figures for both sides, outweigh
            # a date a source got a few days wrong.
            tolerance = max(tolerance, 7)
        by_month = DatePrecision.MONTH in (report.date_precision, exchange.date_precision)
        same_month = (report.date.year, report.date.month) == (
            exchange.date.year,
            exchange.date.month,
        )
        if by_month and not same_month and not same_ordinal:
            return None
        last_day = exchange.end_date or exchange.date
        if report.date < exchange.date:
            distance = (exchange.date - report.date).days
        elif report.date > last_day:
            distance = (report.date - last_day).days
        else:
            distance = 0
        if distance > tolerance:
            return None
        exact_day = (
            distance == 0 and report.date_precision == exchange.date_precision == DatePrecision.DAY
        )
        score += 2 - distance / (tolerance + 1)
    elif report.date and not exchange.date:
        if exchange.status != Status.AGREED or not _agreement_fits(candidate, report.date):
            return None
        score += 0.5
    elif exchange.date and not report.date:
        if report.status == Status.AGREED:
            published = source.published
            if published is None or not (
                published - dt.timedelta(days=3)
                <= exchange.date
                <= published + dt.timedelta(days=AGREEMENT_WINDOW_DAYS)
            ):
                return None
        elif not same_ordinal:
            return None
        score += 0.5
    else:
        both_undated = True

    # Counts.
    whole_ukraine, whole_russia = _stated_counts(candidate)
    pairs = [(report.to_ukraine, whole_ukraine), (report.to_russia, whole_russia)]
    known = [(a, b) for a, b in pairs if a is not None and b is not None]
    stages = candidate.stages
    if stages and not known and (exact_day or distance_in_span(report, exchange, stages)):
        # A multi-day exchange known only from its stages: a report of the whole
        # (at least as many people as the stages so far) is about it.
        sums = [sum(getattr(s, side) or 0 for s in stages) for side in ("to_ukraine", "to_russia")]
        counts = (report.to_ukraine, report.to_russia)
        if all(c is None or c >= total for c, total in zip(counts, sums, strict=True)):
            return score + 1
    equal = sum(1 for a, b in known if a == b)
    planned = Status.AGREED in (report.status, exchange.status)
    if known and equal < len(known):
        if planned and not (report.date and exchange.date):
            return None
        if equal == 0 and not (exact_day or same_ordinal):
            return None
    # Two mentions as vague as "earlier this month", without figures, are taken to be
    # one; a vague mention is never guessed onto a precisely dated exchange.
    vague = bool(report.date and exchange.date) and DatePrecision.DAY not in (
        report.date_precision,
        exchange.date_precision,
    )
    if both_undated and not same_ordinal and (not known or equal < len(known)):
        return None
    figures_unknown_either_way = not known and not (exact_day or same_ordinal or vague)
    if figures_unknown_either_way and not (planned and (report.date or exchange.date)):
        return None
    if same_source and not (exact_day and known and equal == len(known)):
        return None  # one article's events are distinct, unless it merely restates one
    score += 2 * equal

    # Mediators: naming different ones is a hint, not a veto.
    names = set(report.mediator_names)
    theirs = candidate.mediator_names if names else set()
    if names and theirs:
        score += 0.5 if names & theirs else -1
    return score


def ordinal_agrees(report: Report, exchange: Exchange) -> bool:
    """The report gives the exchange's official number, or one sources are known to
    give it instead (a curated record lists those: "some outlets called it the 64th")."""
    if not (report.ordinal and exchange.ordinal):
        return False
    return report.ordinal == exchange.ordinal or report.ordinal in exchange.other_ordinals


def ordinals_differ(report: Report, exchange: Exchange) -> bool:
    """Both carry an official number and they are not the same exchange's."""
    return bool(report.ordinal and exchange.ordinal) and not ordinal_agrees(report, exchange)


def _span(exchange: Exchange, stages: list[Exchange]) -> tuple[dt.date, dt.date] | None:
    """First and last day of an exchange and its stages, or None when nothing is dated."""
    days = [d for d in (exchange.date, exchange.end_date, *(s.date for s in stages)) if d]
    return (min(days), max(days)) if days else None


def distance_in_span(report: Report, exchange: Exchange, stages: list[Exchange]) -> bool:
    """The report's date lies within a day of the exchange's days."""
    span = _span(exchange, stages)
    if not report.date or span is None:
        return False
    one = dt.timedelta(days=1)
    return span[0] - one <= report.date <= span[1] + one


def _agreement_fits(candidate: Candidate, when: dt.date) -> bool:
    """An undated agreed exchange can be carried out from its announcement on."""
    announced_on = candidate.facts.announced_on
    if announced_on is None:
        return True
    start = announced_on - dt.timedelta(days=3)
    return start <= when <= start + dt.timedelta(days=AGREEMENT_WINDOW_DAYS)


def _counts_compatible(report: Report, exchange: Exchange) -> bool:
    return all(
        a is None or b is None or a == b
        for a, b in (
            (report.to_ukraine, exchange.to_ukraine),
            (report.to_russia, exchange.to_russia),
        )
    )
