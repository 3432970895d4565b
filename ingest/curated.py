"""Loading the curated data file into records, idempotently.

Each entry becomes an `Exchange` marked curated (`curated_key`, the entry's id)
with every field it sets locked, as an editor's correction is, so no ingest
ever overwrites it. Each source URL becomes a `Source` without anything being
fetched, and each claim a curated `Report` on it: the figures as that claimant
stated them.

Loading the same file again writes nothing (no history row either). A later
version of the file changes a field only where the record still holds what the
file said last time (`Exchange.curated_values`): a value an editor set since
is kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from exchanges.models import FIGURE_FIELDS, Checkpoint, Exchange, Mediator, Report, Source
from ingest.curated_data import CheckpointEntry, Entry, SourceRef

CHANGE_REASON = "loaded from the curated data file"
# Curated reports sit at positions of their own, clear of those an article's reading uses.
CURATED_POSITION = 10_000

# The record fields an entry sets (all of them locked on the record): an exchange's
# figures, and where it sits.
CURATED_FIELDS = (*FIGURE_FIELDS, "mediators", "parent", "stage_number", "notes")
REPORT_FIELDS = (
    "source_id",
    "kind",
    "status",
    "date",
    "date_precision",
    "end_date",
    "to_ukraine",
    "to_russia",
    "ordinal",
    "mediator_names",
    "is_stage",
    "attributed_to",
)


@dataclass
class LoadResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # Fields a later file version would have changed but an editor had corrected.
    kept_corrections: list[str] = field(default_factory=list)
    sources_created: int = 0
    checkpoints_created: int = 0
    checkpoints_updated: int = 0


@transaction.atomic
def curated_load(*, entries: list[Entry], checkpoints: list[CheckpointEntry] = ()) -> LoadResult:
    result = LoadResult()
    sources = _sources_for(entries, checkpoints, result)
    mediators = _mediators_for(entries, checkpoints)
    records: dict[str, Exchange] = {}
    # Whole exchanges first, so each stage finds its parent's record.
    for entry in sorted(entries, key=lambda e: e.parent is not None):
        parent = records.get(entry.parent) if entry.parent else None
        exchange = _exchange_load(entry, parent, mediators, result)
        records[entry.id] = exchange
        _reports_load(exchange, entry, sources)
    for checkpoint in checkpoints:
        _checkpoint_load(checkpoint, sources, mediators, result)
    return result


def file_values(entry: Entry, parent: Exchange | None) -> dict:
    """The record's values as the entry states them, in JSON-friendly form."""
    return {
        "date": entry.date.isoformat() if entry.date else None,
        "date_precision": entry.precision if entry.date else "unknown",
        "end_date": entry.end_date.isoformat() if entry.end_date else None,
        "kind": entry.kind,
        "status": entry.status,
        "to_ukraine": entry.to_ukraine,
        "to_russia": entry.to_russia,
        "breakdown": entry.categories,
        "ordinal": entry.ordinal if entry.parent is None else None,
        "mediators": sorted(entry.mediators),
        "parent": parent.pk if parent else None,
        "stage_number": entry.stage,
        "notes": entry.note,
    }


def _exchange_load(
    entry: Entry, parent: Exchange | None, mediators: dict[str, Mediator], result: LoadResult
) -> Exchange:
    wanted = file_values(entry, parent)
    exchange = Exchange.objects.filter(curated_key=entry.id).first()
    adopted = False
    if exchange is None:
        exchange = _adoptable(entry, parent)
        adopted = exchange is not None
    if exchange is None:
        exchange = Exchange(curated_key=entry.id)
        for name, value in wanted.items():
            _set(exchange, name, value, mediators, new=True)
        exchange.locked_fields = sorted(CURATED_FIELDS)
        exchange.curated_values = _snapshot(wanted, entry)
        exchange._change_reason = CHANGE_REASON
        # The mediators are set after the first save; one history row for the creation.
        exchange.save()
        exchange.skip_history_when_saving = True
        try:
            exchange.mediators.set(mediators[name] for name in wanted["mediators"])
        finally:
            del exchange.skip_history_when_saving
        result.created.append(entry.id)
        return exchange

    # The values the file set last time; on a record ingest made, what an editor
    # locked counts as their correction and the rest as the file's to set.
    before = exchange.curated_values if not adopted else {}
    editor_locked = set(exchange.locked_fields) if adopted else set()
    changed = adopted
    for name, value in wanted.items():
        current = _current(exchange, name)
        if name in before and before[name] == value:
            continue  # the file did not change this field; whatever the record holds stays
        if (name in before and current != before[name]) or (
            name in editor_locked and current != value
        ):
            result.kept_corrections.append(f"{entry.id}: {name}")
            continue  # an editor corrected it since the file last set it
        if current != value:
            _set(exchange, name, value, mediators)
            changed = True
    snapshot = _snapshot(wanted, entry)
    if exchange.curated_values != snapshot:
        exchange.curated_values = snapshot
        changed = True
    locked = sorted(set(exchange.locked_fields) | set(CURATED_FIELDS))
    if exchange.locked_fields != locked:
        exchange.locked_fields = locked
        changed = True
    if adopted:
        exchange.curated_key = entry.id
    if changed:
        exchange._change_reason = CHANGE_REASON
        exchange.save()
        result.updated.append(entry.id)
    else:
        result.unchanged.append(entry.id)
    return exchange


def _snapshot(wanted: dict, entry: Entry) -> dict:
    return {**wanted, "ordinal_also": list(entry.ordinal_also)}


def _adoptable(entry: Entry, parent: Exchange | None) -> Exchange | None:
    """A record ingest made before the file was first loaded, for the same event:
    taken over rather than doubled."""
    if entry.date is None:
        return None
    candidates = Exchange.objects.filter(
        curated_key__isnull=True, kind=entry.kind, date=entry.date, parent=parent
    )
    for exchange in candidates:
        if all(
            mine is None or theirs is None or mine == theirs
            for mine, theirs in (
                (entry.to_ukraine, exchange.to_ukraine),
                (entry.to_russia, exchange.to_russia),
                (entry.ordinal, exchange.ordinal),
            )
        ):
            return exchange
    return None


def _current(exchange: Exchange, name: str):
    if name == "mediators":
        if exchange.pk is None:
            return []
        return sorted(exchange.mediators.values_list("name", flat=True))
    if name == "parent":
        return exchange.parent_id
    value = getattr(exchange, name)
    if name in ("date", "end_date") and value is not None:
        return value.isoformat()
    return value


def _set(exchange: Exchange, name: str, value, mediators: dict[str, Mediator], new=False) -> None:
    if name == "mediators":
        if not new:
            # Logged by the save that follows, in the same history row.
            exchange.skip_history_when_saving = True
            try:
                exchange.mediators.set(mediators[n] for n in value)
            finally:
                del exchange.skip_history_when_saving
        return
    if name == "parent":
        exchange.parent_id = value
    elif name in ("date", "end_date"):
        setattr(exchange, name, dt.date.fromisoformat(value) if value else None)
    else:
        setattr(exchange, name, value)


def _reports_load(exchange: Exchange, entry: Entry, sources: dict[str, Source]) -> None:
    """One curated report per claim, and one without figures for each source no claim cites.

    Reports have no history; they are only rewritten when the entry's changed.
    """
    common = {
        "kind": entry.kind,
        "status": entry.status,
        "date": entry.date,
        "date_precision": entry.precision if entry.date else "unknown",
        "end_date": entry.end_date,
        "ordinal": entry.ordinal,
        "mediator_names": sorted(entry.mediators),
        "is_stage": entry.parent is not None,
    }
    wanted = [
        {
            **common,
            "source_id": sources[claim.source].pk,
            "to_ukraine": claim.to_ukraine,
            "to_russia": claim.to_russia,
            "attributed_to": claim.by[:200],
        }
        for claim in entry.claims
    ]
    cited = {claim.source for claim in entry.claims}
    wanted += [
        {
            **common,
            "source_id": sources[ref.url].pk,
            "to_ukraine": None,
            "to_russia": None,
            "attributed_to": "",
        }
        for ref in entry.sources
        if ref.url not in cited
    ]
    existing = list(exchange.reports.filter(curated=True))
    have = sorted((_report_key(r.__dict__) for r in existing), key=repr)
    if have == sorted((_report_key(w) for w in wanted), key=repr):
        return
    Report.objects.filter(pk__in=[r.pk for r in existing]).delete()
    for values in wanted:
        taken = Report.objects.filter(
            source_id=values["source_id"], position__gte=CURATED_POSITION
        ).order_by("-position")
        last = taken.values_list("position", flat=True).first()
        Report.objects.create(
            exchange=exchange,
            curated=True,
            position=CURATED_POSITION if last is None else last + 1,
            breakdown=entry.categories if values["to_ukraine"] or values["to_russia"] else {},
            sentence="",
            **values,
        )


def _report_key(values: dict) -> tuple:
    return tuple(values[name] for name in REPORT_FIELDS)


def _sources_for(
    entries: list[Entry], checkpoints: list[CheckpointEntry], result: LoadResult
) -> dict[str, Source]:
    refs: dict[str, SourceRef] = {}
    for ref in [s for e in entries for s in e.sources] + [c.source for c in checkpoints]:
        refs.setdefault(ref.url, ref)
    found = {s.url: s for s in Source.objects.filter(url__in=refs).defer("raw_content", "text")}
    for url, ref in refs.items():
        if url in found:
            continue
        # Nothing is fetched: the source stands as a citation, done as it is.
        source = Source(
            url=url,
            outlet=ref.outlet[:200],
            title=(ref.title or f"{ref.outlet}, {ref.date or 'undated'}")[:500],
            published=ref.date,
            status=Source.Status.DONE,
        )
        source._change_reason = CHANGE_REASON
        source.save()
        found[url] = source
        result.sources_created += 1
    return found


def _mediators_for(entries: list[Entry], checkpoints: list[CheckpointEntry]) -> dict[str, Mediator]:
    names = {n for e in entries for n in e.mediators} | {
        c.mediator for c in checkpoints if c.mediator
    }
    found = {m.name: m for m in Mediator.objects.filter(name__in=names)}
    for name in sorted(names - found.keys()):
        found[name] = Mediator.objects.create(name=name, slug=slugify(name)[:120])
    return found


def _checkpoint_load(
    entry: CheckpointEntry,
    sources: dict[str, Source],
    mediators: dict[str, Mediator],
    result: LoadResult,
) -> None:
    values = {
        "date": entry.date,
        "claimant": entry.claimant[:200],
        "measure": entry.measure,
        "value": entry.value,
        "year": entry.year,
        "mediator": mediators[entry.mediator] if entry.mediator else None,
        "at_least": entry.at_least,
        "source": sources[entry.source.url],
        "sentence": entry.statement,
    }
    checkpoint = Checkpoint.objects.filter(curated_key=entry.id).first()
    if checkpoint is None:
        Checkpoint.objects.create(curated_key=entry.id, **values)
        result.checkpoints_created += 1
        return
    changed = [name for name, value in values.items() if getattr(checkpoint, name) != value]
    if changed:
        for name in changed:
            setattr(checkpoint, name, values[name])
        checkpoint.save()
        result.checkpoints_updated += 1
