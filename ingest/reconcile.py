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

from dataclasses import dataclass, field

from django.db import transaction

from exchanges.choices import Status
from exchanges.models import Exchange, Report, Source
from exchanges.recompute import refresh_exchange
from ingest.candidates import Candidate
from ingest.extraction import ExtractedEvent
from ingest.matching import Placement, lock_matching, place_report

__all__ = ["ReconcileResult", "reconcile_source", "refresh_exchange"]


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


# Within the pipeline's own transaction no savepoint is needed: any error undoes it all.
@transaction.atomic(savepoint=False)
def reconcile_source(
    source: Source, events: list[ExtractedEvent], *, run_label: str = "", has_reports: bool = True
) -> ReconcileResult:
    """Write the source's reports and bring the exchanges they support up to date.

    `has_reports=False` (a source never reconciled before) skips looking for its old reports.
    """
    result = ReconcileResult()
    # Before anything is read: the exchanges of the source's old reports may be
    # recomputed or removed here, those of its new ones matched or created.
    old_kinds = source.reports.values_list("kind", flat=True) if has_reports else []
    lock_matching({event.kind for event in events} | set(old_kinds))
    # The curated loader's reports on this source (figures from the data file) are not
    # this reading's: they stay whatever the article turns out to say.
    old_reports = source.reports.filter(curated=False).select_for_update() if has_reports else []
    existing = {report.position: report for report in old_reports}
    touched: set[int] = set()
    placed: dict[int, Candidate] = {}  # loaded while matching; no need to load them again
    new_reports: list[Report] = []
    supported: set[int] = set()  # the exchanges this source's reports are on

    for position, event in enumerate(events):
        values = report_values(event)
        report = existing.pop(position, None)
        if report is not None and report.rejected:
            # An editor rejected this reading in review: it is kept, and stays off
            # every exchange whatever this reading says (editors win).
            if _same_values(report, values):
                result.reports_unchanged += 1
            else:
                for name, value in values.items():
                    setattr(report, name, value)
                report.save()
                result.reports_updated += 1
            continue
        if report is not None and _same_values(report, values):
            result.reports_unchanged += 1
            if report.exchange_id is not None:
                supported.add(report.exchange_id)
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
            if report.pinned and report.exchange_id:
                supported.add(report.exchange_id)
            else:
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
        placement = place_report(report, source, supported)
        if placement.existing is not None:
            candidate, created = placement.existing, []
        else:
            candidate, created = _create_placed(report, placement)
        exchange = candidate.exchange
        supported.add(exchange.pk)
        report.exchange = exchange
        report.save(update_fields=["exchange"] if report.pk else None)
        if created or not restates(report, candidate):
            touched.add(exchange.pk)
            placed[exchange.pk] = candidate
        for new in created:
            placed.setdefault(new.pk, Candidate.new(new))
            result.created.append(new.pk)

    new_report_ids = {report.pk for report in new_reports}
    for candidate in _with_parents(touched, placed):
        exchange_id = candidate.exchange.pk
        if not refresh_exchange(
            candidate.exchange,
            new_report_ids=new_report_ids,
            run_label=run_label,
            mediator_names=candidate.known_mediator_names,
        ):
            result.deleted.append(exchange_id)
        elif exchange_id not in result.created:
            result.updated.append(exchange_id)
    return result


def _create_placed(report: Report, placement: Placement) -> tuple[Candidate, list[Exchange]]:
    """The new record matching placed the report on, and every record created for it
    (a new multi-day exchange first, when the report is its first stage)."""
    created = []
    parent = placement.parent.exchange if placement.parent else None
    if placement.new_parent:
        parent = exchange_create_from(report, status=Status.IN_PROGRESS, counts=False)
        created.append(parent)
    exchange = exchange_create_from(report, parent=parent, stage_number=placement.stage_number)
    created.append(exchange)
    return Candidate.new(exchange), created


def exchange_create_from(
    report: Report,
    *,
    status: str = "",
    parent: Exchange | None = None,
    stage_number: int | None = None,
    counts: bool = True,
) -> Exchange:
    """A new exchange record with the report's values (its figures unless `counts` is off)."""
    exchange = Exchange(
        kind=report.kind,
        status=status or report.status,
        date=report.date,
        date_precision=report.date_precision if report.date else Exchange.DatePrecision.UNKNOWN,
        parent=parent,
        stage_number=stage_number,
    )
    if counts:
        exchange.to_ukraine = report.to_ukraine
        exchange.to_russia = report.to_russia
    exchange._change_reason = "created by ingest"
    exchange.save()
    return exchange


def restates(report: Report, candidate: Candidate) -> bool:
    """The report only repeats what its undisputed exchange already says.

    Recomputing would then change nothing, so it is skipped: a widely reported
    exchange gathers dozens of such reports, and recomputing reads them all. (A
    stage that stays the same leaves its exchange the same too.)
    """
    exchange = candidate.exchange
    if exchange.date is None or report.needs_review or exchange.needs_review:
        return False  # (a record waiting for review may be settled by this report)
    if exchange.has_conflict or exchange.locked_fields or candidate.stages:
        return False
    same = all(
        getattr(report, name) == getattr(exchange, name)
        for name in ("kind", "status", "date", "date_precision", "to_ukraine", "to_russia")
    )
    return (
        same
        and report.ordinal in (None, exchange.ordinal)
        and report.end_date in (None, exchange.end_date)
        and report.breakdown in ({}, exchange.breakdown)
        and (not report.mediator_names or set(report.mediator_names) <= candidate.mediator_names)
    )


def _same_values(report: Report, values: dict) -> bool:
    return all(getattr(report, name) == value for name, value in values.items())


def _with_parents(exchange_ids: set[int], placed: dict[int, Candidate]) -> list[Candidate]:
    """Stages first, then their parents, so a parent sees its stages' new values."""
    found = {pk: placed[pk] for pk in exchange_ids if pk in placed}
    for exchange in Exchange.objects.in_bulk(exchange_ids - found.keys()).values():
        found[exchange.pk] = Candidate(exchange)
    parent_ids = {c.exchange.parent_id for c in found.values() if c.exchange.parent_id}
    parent_ids -= found.keys()
    for pk in parent_ids:
        if pk in placed:
            found[pk] = placed[pk]
    for exchange in Exchange.objects.in_bulk(parent_ids - found.keys()).values():
        found[exchange.pk] = Candidate(exchange)
    return sorted(found.values(), key=lambda c: c.exchange.parent_id is None)
