"""Editor operations: corrections, merge, split, moving a report, resolving a review.

The site trusts an editor over every machine. Each operation here leaves the
records so that the next ingest cannot undo it: a field an editor set goes into
`Exchange.locked_fields` (reconcile never writes those), and a report an editor
placed is `pinned` (reconcile never moves it). Every save carries a history
change reason and, when known, the editor as history user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from exchanges.models import Exchange, Kind, Mediator, MergeRecord, Report
from exchanges.recompute import refresh_exchange
from exchanges.versions import data_changed

# simple-history stores change reasons in a CharField(max_length=100).
REASON_MAX = 100

# Fields that tell two exchanges apart; a split locks them on both records so a
# later source cannot blur the difference again. Status is left out on purpose:
# an agreed exchange must still become completed when a source says so.
SPLIT_FIELDS = ("date", "kind", "to_ukraine", "to_russia", "ordinal")


class EditError(ValueError):
    """An editor operation that cannot be done, with a message the editor can act on."""


def _lock_against_ingest() -> None:
    """Wait for running ingests to commit, and keep new ones from matching meanwhile.

    Merge, split and move re-place reports; an ingest matching at the same time
    could attach a report to a record being merged away. Editor operations are
    rare, so they take the matching locks of every kind (see ingest.matching).
    """
    from ingest.matching import lock_matching

    lock_matching(Kind.values)


def reason(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= REASON_MAX else text[: REASON_MAX - 1] + "…"


def stamp(obj, user, why: str) -> None:
    """Give the next save of `obj` a history change reason and, when known, the editor."""
    obj._change_reason = reason(why)
    if user is not None and getattr(user, "is_authenticated", False):
        obj._history_user = user


# --- Corrections ------------------------------------------------------------


def editor_changed_fields(stored: Exchange | None, edited: Exchange, form) -> list[str]:
    """The editable fields an editor set in this save.

    `form.changed_data` says what the editor touched; comparing with the stored
    row as well catches a restore from history, whose form starts from the old
    values and so reports nothing as changed.
    """
    changed = {name for name in form.changed_data if name in Exchange.EDITABLE_FIELDS}
    if stored is not None:
        for name in Exchange.EDITABLE_FIELDS:
            if name == "mediators":
                chosen = form.cleaned_data.get("mediators")
                if chosen is not None and {m.pk for m in chosen} != {
                    m.pk for m in stored.mediators.all()
                }:
                    changed.add(name)
            elif name in form.cleaned_data and getattr(stored, name) != getattr(edited, name):
                changed.add(name)
    # A day and its precision are one statement: lock them together.
    if "date" in changed:
        changed.add("date_precision")
    return sorted(changed)


def exchange_lock(exchange: Exchange, field_names: Iterable[str], *, when=None) -> bool:
    """Lock fields an editor set and stamp `corrected_at`; True when anything was locked."""
    names = [name for name in field_names if name in Exchange.EDITABLE_FIELDS]
    if not names:
        return False
    exchange.lock(*names)
    exchange.corrected_at = when or timezone.now()
    return True


def exchange_edit(*, exchange: Exchange, stored: Exchange | None, changed: list[str], user=None):
    """Save an editor's edit: lock what they changed, and say in history what they did.

    `stored` is the row as it was before the edit (None for a new record);
    `changed` the editable fields the editor set (`editor_changed_fields`).
    Unticking "needs review" resolves the review; ticking "verified" verifies.
    """
    notes = []
    if exchange_lock(exchange, changed, when=timezone.now()):
        notes.append(f"Corrected by editor: {', '.join(changed)}")
    if stored is not None and stored.needs_review and not exchange.needs_review:
        exchange.review_reason = ""
        notes.append("review resolved")
    if stored is not None and exchange.verified and not stored.verified:
        notes.append("verified")
    stamp(exchange, user, "; ".join(notes) or "Edited in admin")
    exchange.save()


def exchange_mark_verified(*, exchange: Exchange, user=None) -> bool:
    """An editor vouches for the record; False when it already was verified."""
    if exchange.verified:
        return False
    exchange.verified = True
    stamp(exchange, user, "Verified by editor")
    exchange.save()
    return True


# --- Review -----------------------------------------------------------------


def exchange_mark_reviewed(*, exchange: Exchange, user=None) -> bool:
    """Accept an exchange as it stands: off the review queue, onto the public pages.

    False when it was not waiting for review.
    """
    if not exchange.needs_review and not exchange.review_reason:
        return False
    was = exchange.review_reason.replace("\n", " ")
    exchange.needs_review = False
    exchange.review_reason = ""
    stamp(exchange, user, f"Review resolved: {was}" if was else "Review resolved")
    exchange.save()
    return True


def exchange_correct(*, exchange: Exchange, values: dict, user=None) -> list[str]:
    """An editor's correction in review: set the values, lock them, and publish the record.

    `values` maps editable fields to what the editor gave (mediators are set on
    the full form); only those that differ are written and locked. Returns the
    fields corrected.
    """
    changed = [
        name
        for name, value in values.items()
        if name in Exchange.EDITABLE_FIELDS
        and name != "mediators"
        and getattr(exchange, name) != value
    ]
    for name in changed:
        setattr(exchange, name, values[name])
    if "date" in changed:
        changed.append("date_precision")
        if exchange.end_date is not None and (
            exchange.date is None or exchange.end_date < exchange.date
        ):
            exchange.end_date = None  # the old span no longer fits the corrected day
    changed = sorted(set(changed))
    exchange_lock(exchange, changed, when=timezone.now())
    exchange.needs_review = False
    exchange.review_reason = ""
    why = f"Corrected in review: {', '.join(changed)}" if changed else "Review resolved"
    stamp(exchange, user, why)
    exchange.save()
    return changed


def report_values_for(report: Report) -> dict:
    """The values an exchange takes from one report ("take these figures"): what it states."""
    values: dict = {"kind": report.kind, "status": report.status}
    if report.date is not None:
        values.update(date=report.date, date_precision=report.date_precision)
    for name in ("to_ukraine", "to_russia", "ordinal"):
        if getattr(report, name) is not None:
            values[name] = getattr(report, name)
    if report.breakdown:
        values["breakdown"] = report.breakdown
    return values


@transaction.atomic
def report_reject(*, report: Report, why: str, user=None) -> Exchange | None:
    """Take a report's figures off its exchange: its reading is wrong, or it is no exchange.

    The report stays (so re-ingesting its source does not bring the reading
    back) but supports nothing. Its exchange is recomputed from the reports
    left, and removed when none is left and no editor vouched for it, as
    reconciling does. Returns the exchange, or None when it was removed.
    """
    if why not in Report.Rejection.values:
        raise EditError(f"Unknown reason to reject a report: {why!r}.")
    report = Report.objects.select_for_update().select_related("source").get(pk=report.pk)
    exchange = report.exchange
    if exchange is None:
        raise EditError("This report supports no exchange.")
    label = Report.Rejection(why).label
    report.exchange = None
    report.rejected = why
    report.save(update_fields=["exchange", "rejected"])
    text = f"Report #{report.pk} ({report.source}) taken off: {label.lower()}"
    parent = Exchange.objects.filter(pk=exchange.parent_id).first()
    last_version = exchange.history.values_list("history_id", flat=True).first()
    stamp(exchange, user, text)
    kept = refresh_exchange(exchange, new_report_ids=set(), run_label=reason(text))
    if kept and exchange.history.values_list("history_id", flat=True).first() == last_version:
        # Nothing to recompute (the values left were locked): still record who decided.
        exchange.save()
    if parent is not None:
        # A stage left or lost figures: the multi-day exchange adds up its stages again.
        stamp(parent, user, text)
        refresh_exchange(parent, new_report_ids=set(), run_label=reason(text))
    return exchange if kept else None


# --- Merge ------------------------------------------------------------------


def _snapshot(exchange: Exchange) -> dict:
    values = {}
    for name in Exchange.EDITABLE_FIELDS:
        if name == "mediators":
            values[name] = sorted(m.name for m in exchange.mediators.all())
        elif name == "parent":
            values[name] = exchange.parent_id
        else:
            value = getattr(exchange, name)
            values[name] = value.isoformat() if isinstance(value, dt.date) else value
    return {
        "id": exchange.pk,
        "str": str(exchange),
        "values": values,
        "locked_fields": list(exchange.locked_fields),
        "verified": exchange.verified,
        "notes": exchange.notes,
        "review_reason": exchange.review_reason,
        "report_ids": list(exchange.reports.values_list("pk", flat=True)),
        "stage_ids": list(exchange.stages.values_list("pk", flat=True)),
    }


def _ancestors(exchange: Exchange) -> set[int]:
    seen: set[int] = set()
    parent_id = exchange.parent_id
    while parent_id and parent_id not in seen:
        seen.add(parent_id)
        parent_id = Exchange.objects.filter(pk=parent_id).values_list("parent_id", flat=True).get()
    return seen


@transaction.atomic
def exchange_merge(
    *, keep: Exchange, others: Sequence[Exchange], user=None, note: str = ""
) -> MergeRecord:
    """Merge `others` into `keep`: their reports and stages move, they are removed.

    Nothing is lost: the removed records' values go into a `MergeRecord` and
    their history stays. The kept record's locked fields stay as the editor set
    them; its other fields are recomputed from all its reports, and it is
    flagged for review where the merged evidence disagrees with it.
    """
    other_ids = sorted({o.pk for o in others} - {keep.pk})
    if not other_ids:
        raise EditError("Choose at least two exchanges to merge.")
    _lock_against_ingest()
    rows = {
        e.pk: e for e in Exchange.objects.select_for_update().filter(pk__in=[keep.pk, *other_ids])
    }
    if len(rows) != len(other_ids) + 1:
        raise EditError("One of the exchanges no longer exists; reload the list.")
    keep = rows[keep.pk]
    others = [rows[pk] for pk in other_ids]
    above = _ancestors(keep) & set(other_ids)
    if above:
        raise EditError(
            f"#{min(above)} is the multi-day exchange that #{keep.pk} is a stage of; "
            f"keep #{min(above)} instead."
        )

    snapshots = [_snapshot(o) for o in others]
    # Multi-day exchanges that lose a stage to the merge are recomputed afterwards.
    former_parents = {o.parent_id for o in others if o.parent_id} - {keep.pk, *other_ids}
    why = reason(f"Merged {', '.join(f'#{pk}' for pk in other_ids)} into this record")

    moved = list(Report.objects.filter(exchange_id__in=other_ids).values_list("pk", flat=True))
    # Pinned: a later re-ingest must not pull these reports back out.
    data_changed()  # QuerySet.update sends no signal
    Report.objects.filter(pk__in=moved).update(exchange=keep, pinned=True)

    next_number = (keep.stages.aggregate(n=Max("stage_number"))["n"] or 0) + 1
    stages = (
        Exchange.objects.filter(parent_id__in=other_ids)
        .exclude(pk__in=[keep.pk, *other_ids])
        .order_by("date", "stage_number", "pk")
    )
    for stage in stages:
        stage.parent = keep
        stage.stage_number = next_number
        next_number += 1
        stamp(stage, user, f"Moved to #{keep.pk} when #{', #'.join(map(str, other_ids))} merged")
        stage.save()

    # Hand-written notes survive the merge.
    notes = [keep.notes] + [f"[from #{o.pk}] {o.notes}" for o in others if o.notes.strip()]
    keep.notes = "\n\n".join(n for n in notes if n.strip())

    record = MergeRecord.objects.create(
        kept=keep,
        kept_id_at_merge=keep.pk,
        merged=snapshots,
        note=note,
        merged_by=user if getattr(user, "is_authenticated", False) else None,
    )
    for other in others:
        stamp(other, user, f"Merged into #{keep.pk}")
        other.delete()

    stamp(keep, user, why)
    keep.save()
    _refresh_with_parent(keep, new_report_ids=set(moved), why=why, user=user)
    for parent in Exchange.objects.filter(pk__in=former_parents).exclude(pk=keep.parent_id):
        _refresh_with_parent(parent, new_report_ids=set(), why=why, user=user)

    # Values an editor had locked on a merged record and that the kept record
    # does not carry: the kept record's editor decides, so flag rather than pick.
    keep.refresh_from_db()
    reasons = []
    for snap in snapshots:
        for name in snap["locked_fields"]:
            theirs = snap["values"].get(name)
            ours = _snapshot_value(keep, name)
            if theirs != ours:
                reasons.append(
                    f"Merged #{snap['id']} had {name} set by an editor to {theirs}; "
                    f"this record has {ours}."
                )
    if reasons:
        keep.needs_review = True
        keep.review_reason = "\n".join(dict.fromkeys([*keep.review_reason.splitlines(), *reasons]))
        stamp(keep, user, why)
        keep.save()
    return record


def _snapshot_value(exchange: Exchange, name: str):
    if name == "mediators":
        return sorted(m.name for m in exchange.mediators.all())
    if name == "parent":
        return exchange.parent_id
    value = getattr(exchange, name)
    return value.isoformat() if isinstance(value, dt.date) else value


def _refresh_with_parent(exchange: Exchange, *, new_report_ids: set[int], why: str, user) -> None:
    """Recompute an exchange (and the multi-day one it belongs to) from its reports."""
    targets = [exchange]
    if exchange.parent_id:
        targets.append(Exchange.objects.get(pk=exchange.parent_id))
    for target in targets:
        if not target.reports.exists() and not target.stages.exists():
            continue  # a hand-made record: nothing to recompute from, and never deleted here
        stamp(target, user, why)
        refresh_exchange(target, new_report_ids=new_report_ids, run_label=reason(why))


# --- Split and move ---------------------------------------------------------


@transaction.atomic
def report_split(*, report: Report, user=None) -> Exchange:
    """Give a wrongly merged report its own exchange, made from the report's values.

    The report is pinned to the new record, so re-ingesting its source cannot
    move it back; the fields that tell the two records apart are locked on
    both, so neither drifts towards the other's figures.
    """
    _lock_against_ingest()
    report = Report.objects.select_for_update().select_related("source").get(pk=report.pk)
    original = report.exchange
    if original is None:
        raise EditError("This report is not attached to an exchange.")
    if not original.reports.exclude(pk=report.pk).exists() and not original.stages.exists():
        raise EditError(
            f"Report #{report.pk} is the only report on #{original.pk}; "
            "edit the exchange instead of splitting."
        )

    has_date = report.date is not None
    new = Exchange(
        kind=report.kind,
        status=report.status,
        date=report.date,
        date_precision=report.date_precision if has_date else "unknown",
        end_date=report.end_date
        if has_date and (report.end_date or report.date) >= report.date
        else None,
        to_ukraine=report.to_ukraine,
        to_russia=report.to_russia,
        breakdown=report.breakdown or {},
        ordinal=report.ordinal,
    )
    differing = [
        name
        for name in SPLIT_FIELDS
        if getattr(report, name) is not None and getattr(report, name) != getattr(original, name)
    ]
    if "date" in differing:
        differing.append("date_precision")
    now = timezone.now()
    exchange_lock(new, differing, when=now)
    stamp(new, user, f"Split from #{original.pk}: report #{report.pk} ({report.source})")
    new.save()
    if report.mediator_names:
        new.mediators.set(Mediator.objects.filter(name__in=report.mediator_names))

    report.exchange = new
    report.pinned = True
    report.save(update_fields=["exchange", "pinned"])

    why = f"Report #{report.pk} split off into #{new.pk}"
    exchange_lock(original, differing, when=now)
    stamp(original, user, why)
    original.save()
    _refresh_with_parent(original, new_report_ids=set(), why=why, user=user)
    return new


@transaction.atomic
def report_move(*, report: Report, to: Exchange, user=None) -> None:
    """Attach a report to another exchange by hand, and pin it there."""
    _lock_against_ingest()
    report = Report.objects.select_for_update().get(pk=report.pk)
    old_id = report.exchange_id
    if old_id == to.pk and report.pinned:
        return
    report.exchange = to
    report.pinned = True
    report.save(update_fields=["exchange", "pinned"])
    why = f"Report #{report.pk} moved from #{old_id} to #{to.pk}"
    _refresh_with_parent(to, new_report_ids={report.pk}, why=why, user=user)
    if old_id and old_id != to.pk:
        old = Exchange.objects.filter(pk=old_id).first()
        if old is not None and (old.reports.exists() or old.stages.exists()):
            _refresh_with_parent(old, new_report_ids=set(), why=why, user=user)
