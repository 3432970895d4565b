"""Recomputing an exchange record from all of its reports.

The rule that an exchange's values derive from its reports belongs to the
records, so it lives here; ingest (reconciling) and editors (merge, split,
reject) both call it.

The record's values are derived from every report that supports it, so they
do not depend on the order articles arrived in; fields an editor set
(`Exchange.locked_fields`) are never written, and a new report that disagrees
with one raises the review flag instead.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from exchanges.models import FIGURE_FIELDS, DatePrecision, Exchange, Mediator, Report, Status

STATUS_ORDER = {Status.AGREED: 0, Status.IN_PROGRESS: 1, Status.COMPLETED: 2}
PRECISION_ORDER = {
    DatePrecision.DAY: 3,
    DatePrecision.WEEK: 2,
    DatePrecision.MONTH: 1,
    DatePrecision.UNKNOWN: 0,
}

# Words in an attribution that say which side gave a figure.

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
    *FIGURE_FIELDS,
    "mediator_names",
    "attributed_to",
    "needs_review",
    "review_reason",
    "source__title",
    "source__url",
)


def refresh_exchange(
    exchange: Exchange,
    *,
    new_report_ids: set[int],
    run_label: str,
    mediator_names: set[str] | None = None,
) -> bool:
    """Recompute an exchange's values from its reports; False when it was removed.

    `mediator_names`: the names of its mediators now, when the caller has them
    already (matching loads them for some records), to spare reading them again.
    """
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
    if mediator_names is None:
        mediator_names = set(exchange.mediators.values_list("name", flat=True))
    locked = set(exchange.locked_fields)
    reasons: list[str] = []
    changed = False
    for name, value in proposed.items():
        current = sorted(mediator_names) if name == "mediators" else getattr(exchange, name)
        if name in locked:
            new_disagree = [
                r
                for r in reports
                if r.pk in new_report_ids
                and _disagrees(r, name, current)
                and not (exchange.curated_key and _only_vaguer(r, name, current, exchange))
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
        # An unsure report holds the record back only while no confident one supports it.
        if not stages and all(r.needs_review for r in reports):
            for r in new_reports:
                reasons.append(f"Unsure extraction from {r.source}: {r.review_reason}".strip())
        if exchange.date is None and exchange.parent_id is None:
            reasons.append("No date given by any source.")
    doubtful = (
        bool(conflicts)
        or (exchange.date is None and exchange.parent_id is None)
        or (not stages and all(r.needs_review for r in reports))
    )
    if reasons:
        reason_text = "\n".join(dict.fromkeys([*exchange.review_reason.splitlines(), *reasons]))
        # Already waiting for review for the same reasons: nothing to write (or to log).
        if not exchange.needs_review or reason_text != exchange.review_reason:
            exchange.needs_review = True
            exchange.review_reason = reason_text
            changed = True
    elif exchange.needs_review and not doubtful and not locked and not exchange.verified:
        # Later sources settled every doubt (a date found, a figure confirmed): the
        # record no longer waits for an editor, and goes on the public pages.
        exchange.needs_review = False
        exchange.review_reason = ""
        changed = True
    if changed:
        exchange._change_reason = run_label or "ingest"
        exchange.save()
    return True


def derive_values(reports: list[Report], stages: list[Exchange]) -> tuple[dict, dict]:
    """The values an exchange should carry given its reports, and the figures in dispute."""
    carried_out = [r for r in reports if r.status != Status.AGREED]
    basis = carried_out or reports
    conflicts: dict[str, set] = {}
    values: dict = {}

    # A stage reported as completed is the final one: the whole exchange is done.
    statuses = [r.status for r in reports] + [s.status for s in stages]
    if stages:
        statuses.append(Status.IN_PROGRESS)
    values["status"] = max(statuses, key=STATUS_ORDER.__getitem__)
    values["kind"] = (
        Counter(r.kind for r in basis).most_common(1)[0][0] if basis else (stages[0].kind)
    )

    date, precision = _pick_date(basis, conflicts)
    stage_dates = [s.date for s in stages if s.date]
    if stage_dates:
        first = min(stage_dates)
        if date is None or first < date:
            date, precision = first, DatePrecision.DAY
    values["date"] = date
    values["date_precision"] = precision if date else DatePrecision.UNKNOWN
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
        return None, DatePrecision.UNKNOWN
    best_precision = max(PRECISION_ORDER[r.date_precision] for r in dated)
    precise = [r for r in dated if PRECISION_ORDER[r.date_precision] == best_precision]
    counts = Counter(r.date for r in precise)
    top = max(counts.values())
    date = min(d for d, n in counts.items() if n == top)
    if best_precision == PRECISION_ORDER[DatePrecision.DAY]:
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


def _set_value(exchange: Exchange, name: str, value) -> None:
    if name == "mediators":
        # Not logged here: the save that follows records every change, mediators
        # included, in one history row (not one more per added or removed mediator).
        exchange.skip_history_when_saving = True
        try:
            exchange.mediators.set(_mediators_named(value))
        finally:
            del exchange.skip_history_when_saving
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
    if report.status == Status.AGREED and name in {"to_ukraine", "to_russia", "date", "status"}:
        return False
    return value not in (None, [], {}) and value != current


def _only_vaguer(report: Report, name: str, current, exchange: Exchange) -> bool:
    """The report says less than the curated record, not something else: no review needed.

    A curated record is the whole of what is known; an article that leaves a
    figure open, dates the event to its month, calls a stage "under way", or
    gives part of the category breakdown does not contradict it.
    """
    value = _report_value(report, name)
    if current in (None, {}, []):
        return True
    if name == "date_precision":
        return PRECISION_ORDER[value] < PRECISION_ORDER[current]
    if name == "date" and exchange.date is not None and report.date is not None:
        if report.date_precision == DatePrecision.MONTH:
            return (report.date.year, report.date.month) == (current.year, current.month)
        if report.date_precision == DatePrecision.WEEK:
            return abs((report.date - current).days) <= 7
        return False
    if name == "status":
        return STATUS_ORDER[value] < STATUS_ORDER[current]
    if name == "breakdown" and isinstance(value, dict):
        return all(
            group in current and all(current[group].get(side) == n for side, n in sides.items())
            for group, sides in value.items()
        )
    return False


FIELD_LABELS = {
    "to_ukraine": "the figure to Ukraine",
    "to_russia": "the figure to Russia",
    "mediators": "mediators",
}


def _label(name: str) -> str:
    return FIELD_LABELS.get(name) or str(Exchange._meta.get_field(name).verbose_name)
