"""Reconciliation: what one source says becomes reports attached to exchange records.

One real exchange is one record however many sources report it. Each event an
article states becomes a `Report` (the values that source stated, kept as they
were); the report is matched against known exchanges by kind, date, counts and
ordinal, and the exchange's own values are then recomputed from all of its
reports, so the result does not depend on the order articles arrive in.

Editors win: a field named in `Exchange.locked_fields` is never written here;
a new report that disagrees with it only raises the review flag.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Case, Max, Min, Prefetch, Q, When

from exchanges.models import Exchange, Mediator, Report, Source
from ingest.extraction import ExtractedEvent

STATUS_ORDER = {"agreed": 0, "in_progress": 1, "completed": 2}
PRECISION_ORDER = {"day": 3, "week": 2, "month": 1, "unknown": 0}
DATE_TOLERANCE_DAYS = {"day": 1, "week": 4, "month": 31, "unknown": 0}
# How long after its last stage a running multi-day exchange may have another.
STAGE_WINDOW_DAYS = 30
# How long after an agreement the swap it announced may take place.
AGREEMENT_WINDOW_DAYS = 90

REPORT_FIELDS = (
    "date",
    "date_precision",
    "end_date",
    "kind",
    "status",
    "to_ukraine",
    "to_russia",
    "breakdown",
    "ordinal",
    "mediator_names",
    "is_stage",
    "sentence",
    "sentence_start",
    "sentence_end",
    "attributed_to",
    "evidence",
    "confidence",
    "needs_review",
    "review_reason",
)

UKRAINIAN_SIDE_WORDS = (
    "ukrain",
    "zelensk",
    "coordination",
    "lubinets",
    "yermak",
    "kyiv",
    "україн",
    "укр",
    "зеленськ",
    "координац",
    "лубінец",
)
RUSSIAN_SIDE_WORDS = (
    "russia",
    "moscow",
    "kremlin",
    "medinsk",
    "defence ministry",
    "defense ministry",
    "росси",
    "минобороны",
    "мединск",
    "москв",
    "росій",
)


# What recomputing an exchange reads of its reports (not the sentences and evidence).
REFRESH_FIELDS = (
    "exchange_id",
    "kind",
    "status",
    "date",
    "date_precision",
    "end_date",
    "to_ukraine",
    "to_russia",
    "breakdown",
    "ordinal",
    "mediator_names",
    "attributed_to",
    "needs_review",
    "review_reason",
    "source__title",
    "source__url",
)


@dataclass
class ReconcileResult:
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    deleted: list[int] = field(default_factory=list)
    reports_created: int = 0
    reports_updated: int = 0
    reports_unchanged: int = 0


def report_values(event: ExtractedEvent) -> dict:
    return {
        "date": event.date,
        "date_precision": event.date_precision if event.date else "unknown",
        "end_date": event.end_date if event.date else None,
        "kind": event.kind,
        "status": event.status,
        "to_ukraine": event.to_ukraine,
        "to_russia": event.to_russia,
        "breakdown": event.breakdown or {},
        "ordinal": event.ordinal,
        "mediator_names": sorted(set(event.mediators)),
        "is_stage": event.is_stage,
        "sentence": event.sentence,
        "sentence_start": event.start,
        "sentence_end": event.end,
        "attributed_to": event.attributed_to[:200],
        "evidence": [item.as_dict() for item in event.evidence],
        "confidence": event.confidence,
        "needs_review": event.needs_review,
        "review_reason": event.review_reason,
    }


@transaction.atomic
def reconcile_source(
    source: Source, events: list[ExtractedEvent], *, run_label: str = ""
) -> ReconcileResult:
    """Write the source's reports and bring the exchanges they support up to date."""
    result = ReconcileResult()
    existing = {report.position: report for report in source.reports.select_for_update()}
    touched: set[int] = set()
    placed: dict[int, Exchange] = {}  # loaded while matching; no need to load them again
    new_reports: list[Report] = []

    for position, event in enumerate(events):
        values = report_values(event)
        report = existing.pop(position, None)
        if report is not None and _same_values(report, values):
            result.reports_unchanged += 1
            if report.exchange_id is not None:
                continue
        elif report is not None:
            for name, value in values.items():
                setattr(report, name, value)
            result.reports_updated += 1
        else:
            report = Report(source=source, position=position, **values)
            result.reports_created += 1
        if report.pk is not None:
            # Detached first, so its old values no longer shape the record it leaves.
            if report.exchange_id:
                touched.add(report.exchange_id)
            if not (report.pinned and report.exchange_id):
                report.exchange = None
            report.save()
        new_reports.append(report)

    for report in existing.values():
        if report.exchange_id:
            touched.add(report.exchange_id)
        report.delete()

    for report in new_reports:
        if report.pinned and report.exchange_id:
            continue  # an editor placed it (split, merge): its new values count, its place stays
        exchange, created = place_report(report, source)
        report.exchange = exchange
        report.save(update_fields=["exchange"] if report.pk else None)
        touched.add(exchange.pk)
        placed[exchange.pk] = exchange
        if created:
            result.created.append(exchange.pk)

    new_report_ids = {report.pk for report in new_reports}
    for exchange in _with_parents(touched, placed):
        exchange_id = exchange.pk
        if not refresh_exchange(exchange, new_report_ids=new_report_ids, run_label=run_label):
            result.deleted.append(exchange_id)
        elif exchange_id not in result.created:
            result.updated.append(exchange_id)
    return result


def _same_values(report: Report, values: dict) -> bool:
    return all(getattr(report, name) == value for name, value in values.items())


def _with_parents(exchange_ids: set[int], placed: dict[int, Exchange]) -> list[Exchange]:
    """Stages first, then their parents, so a parent sees its stages' new values."""
    exchanges = dict(placed)
    missing = exchange_ids - exchanges.keys()
    exchanges.update(Exchange.objects.prefetch_related("mediators").in_bulk(missing))
    parent_ids = {e.parent_id for e in exchanges.values() if e.parent_id} - exchanges.keys()
    exchanges.update(Exchange.objects.prefetch_related("mediators").in_bulk(parent_ids))
    return sorted(exchanges.values(), key=lambda e: e.parent_id is None)


# --- Matching ---------------------------------------------------------------


def place_report(report: Report, source: Source) -> tuple[Exchange, bool]:
    """The exchange record this report supports: an existing one, or a new one."""
    if report.is_stage and report.date is not None:
        return _place_stage(report, source)
    match = best_match(report, source, _candidates(report, source))
    if match is not None:
        return _same_stage(report, match) or match, False
    if report.date is not None and report.status != "agreed":
        # "Another group came home on Friday": a further stage of a running
        # exchange; "303 on Sunday" inside a finished one's days: one of its stages.
        parent = _find_parent(
            report, source, evidence_needed=True, near_only=report.status == "completed"
        )
        if parent is not None:
            return _place_stage(report, source, parent=parent)
    return _new_exchange(report), True


def _same_stage(report: Report, exchange: Exchange) -> Exchange | None:
    """A stage of `exchange` that this report states exactly (same day, same figures)."""
    for stage in exchange.stages.all():
        if (
            stage.date == report.date
            and _counts_compatible(report, stage)
            and (report.to_ukraine is not None or report.to_russia is not None)
        ):
            return stage
    return None


def _place_stage(
    report: Report, source: Source, parent: Exchange | None = None
) -> tuple[Exchange, bool]:
    parent = parent or _find_parent(report, source)
    created = False
    if parent is None:
        parent = _new_exchange(report, counts=False)
        parent.status = "in_progress"
        parent.save()
        created = True
    stages = list(parent.stages.all())
    for stage in stages:
        announced = "agreed" in (stage.status, report.status)
        if stage.date == report.date and (announced or _counts_compatible(report, stage)):
            return stage, created
    stage = _new_exchange(
        report,
        parent=parent,
        stage_number=max((s.stage_number or 0 for s in stages), default=0) + 1,
    )
    return stage, True


def _find_parent(
    report: Report, source: Source, *, evidence_needed: bool = False, near_only: bool = False
) -> Exchange | None:
    """The multi-day exchange a stage belongs to: running when the stage took place,
    and not smaller than it."""
    earliest = report.date - dt.timedelta(days=AGREEMENT_WINDOW_DAYS)
    candidates = (
        Exchange.objects.top_level()
        .filter(kind=report.kind)
        .filter(
            Q(date__range=(earliest, report.date + dt.timedelta(days=1)))
            | Q(date__isnull=True, status="agreed")
        )
    )
    best, best_score = None, float("-inf")
    for exchange in _with_match_facts(candidates, source):
        stages = list(exchange.stages.all())
        if report.ordinal and exchange.ordinal and report.ordinal != exchange.ordinal:
            continue
        if exchange.date is None:
            if not _agreement_fits(exchange, report.date):
                continue
        elif exchange.date_precision != "day":
            continue
        else:
            last_day = max(
                [exchange.end_date or exchange.date, *(s.date for s in stages if s.date)]
            )
            window = dt.timedelta(days=1 if near_only else STAGE_WINDOW_DAYS)
            if report.date > last_day + window:
                continue
        whole_ukraine, whole_russia = _stated_counts(exchange)
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
        within_span = any(s.date == report.date for s in stages)
        if _stages_add_up(stages, whole_ukraine, whole_russia) and not within_span:
            continue  # every person the exchange was to free is already accounted for
        if exchange.status == "completed" and not (
            report.ordinal and report.ordinal == exchange.ordinal
        ):
            # A finished exchange takes late reports of its own days, not new stages.
            first_day = exchange.date or report.date
            last_day = max([exchange.end_date or first_day, *(s.date for s in stages if s.date)])
            if not first_day - dt.timedelta(days=1) <= report.date <= last_day + dt.timedelta(1):
                continue
        score = 2.0 if stages else 1.0
        if report.ordinal and report.ordinal == exchange.ordinal:
            score += 3
        if exchange.date is not None:
            score -= (report.date - exchange.date).days / 100
        if score > best_score:
            best, best_score = exchange, score
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
            sum(getattr(s, side) or 0 for s in stages if s.status != "agreed") >= whole
            for whole, side in known
        )
    )


def _stated_counts(exchange: Exchange) -> tuple[int | None, int | None]:
    """The figures sources gave for the exchange as a whole.

    An exchange with stages may carry the sum of its stages so far; that sum
    is not what anyone said of the whole, so it neither bounds a stage nor
    contradicts an agreed total. (`stated_*` come from `_with_match_facts`.)
    """
    if not exchange.stages.all():
        return exchange.to_ukraine, exchange.to_russia
    return exchange.stated_to_ukraine, exchange.stated_to_russia


def _with_match_facts(exchanges, source: Source) -> list[Exchange]:
    """The candidates, each with what matching needs to know of it.

    Whether this source already supports it, the largest figures its own
    reports state and when it was first announced come from one grouped query
    over their reports; loading every report of every candidate instead costs
    more than the rest of an ingest.
    """
    exchanges = list(
        exchanges.prefetch_related(
            "mediators",
            Prefetch(
                "stages",
                queryset=Exchange.objects.only(
                    "id", "parent_id", "date", "to_ukraine", "to_russia", "status"
                ),
            ),
        )
    )
    facts = {
        row["exchange_id"]: row
        for row in Report.objects.filter(exchange__in=[e.pk for e in exchanges])
        .values("exchange_id")
        .annotate(
            stated_to_ukraine=Max("to_ukraine"),
            stated_to_russia=Max("to_russia"),
            announced_on=Min("source__published"),
            from_this_source=Max(Case(When(source_id=source.pk, then=1), default=0)),
        )
        .order_by()
    }
    for exchange in exchanges:
        row = facts.get(exchange.pk, {})
        exchange.stated_to_ukraine = row.get("stated_to_ukraine")
        exchange.stated_to_russia = row.get("stated_to_russia")
        exchange.announced_on = row.get("announced_on")
        exchange.from_this_source = bool(row.get("from_this_source"))
    return exchanges


def _candidates(report: Report, source: Source):
    """Top-level exchanges of the same kind that could be the one the report means.

    A dated report can only match within a month or so of its date (or a span
    of stages reaching it, or an undated agreement); an undated agreement only
    what happened after it was announced.
    """
    exchanges = Exchange.objects.top_level().filter(kind=report.kind)
    if report.date is not None:
        reach = dt.timedelta(days=DATE_TOLERANCE_DAYS["month"] + 7)
        exchanges = exchanges.filter(
            Q(date__range=(report.date - reach, report.date + reach))
            | Q(date__lte=report.date, end_date__gte=report.date - reach)
            | Q(date__isnull=True)
        )
    elif source.published is not None and report.ordinal is None:
        exchanges = exchanges.filter(
            Q(date__isnull=True)
            | Q(
                date__range=(
                    source.published - dt.timedelta(days=3),
                    source.published + dt.timedelta(days=AGREEMENT_WINDOW_DAYS),
                )
            )
        )
    return _with_match_facts(exchanges, source)


def best_match(report: Report, source: Source, candidates) -> Exchange | None:
    best, best_score = None, 0.0
    for exchange in candidates:
        score = match_score(report, source, exchange)
        if score is not None and score > best_score:
            best, best_score = exchange, score
    return best


def match_score(report: Report, source: Source, exchange: Exchange) -> float | None:
    """How well a report fits an exchange; None when it cannot be the same one."""
    if report.kind != exchange.kind:
        return None
    same_source = exchange.from_this_source
    score = 1.0  # passed every veto below
    same_ordinal = bool(report.ordinal and exchange.ordinal and report.ordinal == exchange.ordinal)
    if report.ordinal and exchange.ordinal and not same_ordinal:
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
        if same_ordinal:
            tolerance = max(tolerance, 7)
        by_month = "month" in (report.date_precision, exchange.date_precision)
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
            distance == 0 and report.date_precision == "day" and exchange.date_precision == "day"
        )
        score += 2 - distance / (tolerance + 1)
    elif report.date and not exchange.date:
        if exchange.status != "agreed" or not _agreement_fits(exchange, report.date):
            return None
        score += 0.5
    elif exchange.date and not report.date:
        if report.status == "agreed":
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
    whole_ukraine, whole_russia = _stated_counts(exchange)
    pairs = [(report.to_ukraine, whole_ukraine), (report.to_russia, whole_russia)]
    known = [(a, b) for a, b in pairs if a is not None and b is not None]
    stages = list(exchange.stages.all())
    if stages and not known and (exact_day or distance_in_span(report, exchange, stages)):
        # A multi-day exchange known only from its stages: a report of the whole
        # (at least as many people as the stages so far) is about it.
        sums = [sum(getattr(s, side) or 0 for s in stages) for side in ("to_ukraine", "to_russia")]
        counts = (report.to_ukraine, report.to_russia)
        if all(c is None or c >= total for c, total in zip(counts, sums, strict=True)):
            return score + 1
    equal = sum(1 for a, b in known if a == b)
    planned = "agreed" in (report.status, exchange.status)
    if known and equal < len(known):
        if planned and not (report.date and exchange.date):
            return None
        if equal == 0 and not (exact_day or same_ordinal):
            return None
    # Two mentions as vague as "earlier this month", without figures, are taken to be
    # one; a vague mention is never guessed onto a precisely dated exchange.
    vague = bool(report.date and exchange.date) and "day" not in (
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
    theirs = {m.name for m in exchange.mediators.all()}
    if names and theirs:
        score += 0.5 if names & theirs else -1
    return score


def distance_in_span(report: Report, exchange: Exchange, stages: list[Exchange]) -> bool:
    """The report's date lies within a day of the stages' days."""
    days = [s.date for s in stages if s.date] + [d for d in (exchange.date,) if d]
    if not report.date or not days:
        return False
    one = dt.timedelta(days=1)
    return min(days) - one <= report.date <= max(days) + one


def _agreement_fits(exchange: Exchange, when: dt.date) -> bool:
    """An undated agreed exchange can be carried out from its announcement on."""
    if exchange.announced_on is None:
        return True
    start = exchange.announced_on - dt.timedelta(days=3)
    return start <= when <= start + dt.timedelta(days=AGREEMENT_WINDOW_DAYS)


def _counts_compatible(report: Report, exchange: Exchange) -> bool:
    return all(
        a is None or b is None or a == b
        for a, b in (
            (report.to_ukraine, exchange.to_ukraine),
            (report.to_russia, exchange.to_russia),
        )
    )


def _new_exchange(
    report: Report,
    *,
    parent: Exchange | None = None,
    stage_number: int | None = None,
    counts: bool = True,
) -> Exchange:
    exchange = Exchange(
        kind=report.kind,
        status=report.status,
        date=report.date,
        date_precision=report.date_precision if report.date else "unknown",
        parent=parent,
        stage_number=stage_number,
    )
    if counts:
        exchange.to_ukraine = report.to_ukraine
        exchange.to_russia = report.to_russia
    exchange._change_reason = "created by ingest"
    exchange.save()
    return exchange


# --- Recomputing an exchange from its reports -------------------------------


def refresh_exchange(exchange: Exchange, *, new_report_ids: set[int], run_label: str) -> bool:
    """Recompute an exchange's values from its reports; False when it was removed."""
    # Sources carry whole articles; only their names and dates are needed here.
    reports = list(exchange.reports.select_related("source").only(*REFRESH_FIELDS))
    # Queried afresh: a stage refreshed a moment ago must show its new values here.
    stages = list(exchange.stages.prefetch_related("mediators"))
    if not reports and not stages:
        if not exchange.locked_fields and not exchange.verified:
            exchange.delete()
            return False
        return True

    proposed, conflicts = derive_values(reports, stages)
    locked = set(exchange.locked_fields)
    reasons: list[str] = []
    changed = False
    for name, value in proposed.items():
        current = _current_value(exchange, name)
        if name in locked:
            new_disagree = [
                r for r in reports if r.pk in new_report_ids and _disagrees(r, name, current)
            ]
            if new_disagree:
                reasons.append(
                    f"{_label(name)}: a new source ({new_disagree[0].source}) says "
                    f"{_report_value(new_disagree[0], name)}, the editor set {current}."
                )
            continue
        if current != value:
            _set_value(exchange, name, value)
            changed = True

    has_conflict = bool(conflicts)
    if has_conflict != exchange.has_conflict:
        exchange.has_conflict = has_conflict
        changed = True
    new_reports = [r for r in reports if r.pk in new_report_ids]
    if new_reports:
        for name, values in conflicts.items():
            if any(_report_value(r, name) in values for r in new_reports):
                shown = ", ".join(str(v) for v in sorted(values, key=str))
                reasons.append(f"Sources disagree on {_label(name)}: {shown}.")
        for r in new_reports:
            if r.needs_review:
                reasons.append(f"Unsure extraction from {r.source}: {r.review_reason}".strip())
        if exchange.date is None and exchange.parent_id is None:
            reasons.append("No date given by any source.")
    if reasons:
        exchange.needs_review = True
        reason_text = "\n".join(dict.fromkeys([*exchange.review_reason.splitlines(), *reasons]))
        if reason_text != exchange.review_reason:
            exchange.review_reason = reason_text
        changed = True
    if changed:
        exchange._change_reason = run_label or "ingest"
        exchange.save()
    return True


def derive_values(reports: list[Report], stages: list[Exchange]) -> tuple[dict, dict]:
    """The values an exchange should carry given its reports, and the figures in dispute."""
    carried_out = [r for r in reports if r.status != "agreed"]
    basis = carried_out or reports
    conflicts: dict[str, set] = {}
    values: dict = {}

    # A stage reported as completed is the final one: the whole exchange is done.
    statuses = [r.status for r in reports] + [s.status for s in stages]
    if stages:
        statuses.append("in_progress")
    values["status"] = max(statuses, key=STATUS_ORDER.__getitem__)
    values["kind"] = (
        Counter(r.kind for r in basis).most_common(1)[0][0] if basis else (stages[0].kind)
    )

    date, precision = _pick_date(basis, conflicts)
    stage_dates = [s.date for s in stages if s.date]
    if stage_dates:
        first = min(stage_dates)
        if date is None or first < date:
            date, precision = first, "day"
    values["date"] = date
    values["date_precision"] = precision if date else "unknown"
    ends = [d for d in stage_dates + [r.end_date for r in basis if r.end_date] if d]
    end = max(ends, default=None)
    values["end_date"] = end if date and end and end > date else None

    for side in ("to_ukraine", "to_russia"):
        values[side] = _pick_count(basis, side, conflicts)
        if values[side] is None and stages:
            stage_counts = [getattr(s, side) for s in stages]
            if all(c is not None for c in stage_counts):
                values[side] = sum(stage_counts)
    ordinals = [r.ordinal for r in basis if r.ordinal] or [s.ordinal for s in stages if s.ordinal]
    values["ordinal"] = _pick_mode(ordinals, "ordinal", conflicts)
    values["breakdown"] = next((r.breakdown for r in basis if r.breakdown), {})
    names = {name for r in reports for name in r.mediator_names}
    names |= {m.name for s in stages for m in s.mediators.all()}
    values["mediators"] = sorted(names)
    return values, conflicts


def _pick_date(reports: list[Report], conflicts: dict) -> tuple[dt.date | None, str]:
    dated = [r for r in reports if r.date]
    if not dated:
        return None, "unknown"
    best_precision = max(PRECISION_ORDER[r.date_precision] for r in dated)
    precise = [r for r in dated if PRECISION_ORDER[r.date_precision] == best_precision]
    counts = Counter(r.date for r in precise)
    top = max(counts.values())
    date = min(d for d, n in counts.items() if n == top)
    if best_precision == PRECISION_ORDER["day"]:
        far = {r.date for r in precise if abs((r.date - date).days) > 1}
        if far:
            conflicts["date"] = {date, *far}
    return date, precise[0].date_precision


def _pick_count(reports: list[Report], side: str, conflicts: dict) -> int | None:
    """The most reported figure; on a tie, the one the receiving side itself gave."""
    values = [getattr(r, side) for r in reports if getattr(r, side) is not None]
    if not values:
        return None
    if len(set(values)) > 1:
        conflicts[side] = set(values)
    counts = Counter(values)
    top = max(counts.values())
    tied = {v for v, n in counts.items() if n == top}
    if len(tied) == 1:
        return tied.pop()
    own_words = UKRAINIAN_SIDE_WORDS if side == "to_ukraine" else RUSSIAN_SIDE_WORDS
    own = [
        getattr(r, side)
        for r in reports
        if getattr(r, side) in tied and any(w in r.attributed_to.lower() for w in own_words)
    ]
    return own[0] if own else max(tied)


def _pick_mode(values: list, name: str, conflicts: dict):
    present = [v for v in values if v is not None]
    if not present:
        return None
    if len(set(present)) > 1:
        conflicts[name] = set(present)
    counts = Counter(present)
    top = max(counts.values())
    return min(v for v, n in counts.items() if n == top)


def _current_value(exchange: Exchange, name: str):
    if name == "mediators":
        if exchange.pk is None:
            return []
        return sorted(m.name for m in exchange.mediators.all())
    return getattr(exchange, name)


def _set_value(exchange: Exchange, name: str, value) -> None:
    if name == "mediators":
        exchange.mediators.set(_mediators_named(value))
    else:
        setattr(exchange, name, value)


def _mediators_named(names: list[str]) -> list[Mediator]:
    found = {m.name: m for m in Mediator.objects.filter(name__in=names)}
    missing = [name for name in names if name not in found]
    for name in missing:
        found[name], _ = Mediator.objects.get_or_create(name=name)
    return [found[name] for name in names]


def _report_value(report: Report, name: str):
    if name == "mediators":
        return sorted(report.mediator_names)
    return getattr(report, name)


def _disagrees(report: Report, name: str, current) -> bool:
    value = _report_value(report, name)
    if name == "mediators":
        return bool(value) and not set(value) <= set(current or [])
    if report.status == "agreed" and name in {"to_ukraine", "to_russia", "date", "status"}:
        return False
    return value not in (None, [], {}) and value != current


def _label(name: str) -> str:
    return Exchange._meta.get_field(name).verbose_name if name != "mediators" else "mediators"
