"""What changed in a record lately, told in words, from its history and its new sources.

Every save of an exchange is a version in django-simple-history, with a change
reason and, for an editor, the user; every source read into a record is a
report with its time. `recent_changes(queryset)` finds the records of
`queryset` that changed last (their own versions, their stages' and new
reports all count) and tells each one's last few changes, newest first:
"to Russia: 84 → 90, corrected by an editor", "new source: Reuters — …".
It runs the same eight queries whatever the number of records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, Q, Window
from django.db.models.functions import Coalesce, RowNumber

from exchanges.models import Exchange, Kind, Report, Status

ENTRIES = 50
CHANGES_PER_ENTRY = 5

# The fields a reader cares about, in the order a change lists them.
LABELS = {
    "date": "date",
    "date_precision": "date precision",
    "end_date": "end date",
    "kind": "kind",
    "status": "status",
    "to_ukraine": "to Ukraine",
    "to_russia": "to Russia",
    "ordinal": "ordinal",
}
FLAGS = {
    # field: (text when it turns on, text when it turns off)
    "verified": ("verified", "no longer verified"),
    "needs_review": ("flagged for review", "review resolved"),
    "has_conflict": ("sources disagree", "sources no longer disagree"),
}
DISPLAY = {**dict(Kind.choices), **dict(Status.choices)}
VERSION_FIELDS = (
    "history_id",
    "id",
    "parent_id",
    "stage_number",
    "history_date",
    "history_type",
    "history_change_reason",
    "history_user_id",
    "notes",
    *LABELS,
    *FLAGS,
)


@dataclass
class Change:
    when: dt.datetime
    text: str


@dataclass
class Entry:
    exchange: Exchange
    changed_at: dt.datetime
    changes: list[Change] = field(default_factory=list)


def _shown(name: str, value) -> str:
    if value is None or value == "":
        return "none"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(DISPLAY.get(value, value))


def who(reason: str | None, user_id: int | None) -> str:
    """Who made a version: an editor (a user, or an editing operation's reason) or an ingest."""
    if user_id is not None:
        return "corrected by an editor"
    if not reason:
        return ""
    if "ingest" in reason.lower():
        return "from a news report"
    return "corrected by an editor"  # every other reason is written by an editing operation


def describe_version(before: dict | None, after: dict, mediators: dict[int, str]) -> str | None:
    """One version in words, against the one before it; None when nothing shown changed.

    `before` and `after` are history rows as dicts (VERSION_FIELDS); `mediators`
    maps a version's history_id to its mediators' names joined by "; ".
    """
    stage = f"stage {after['stage_number']}: " if after["parent_id"] else ""
    if before is None:
        if after["history_type"] != "+":
            return None  # its first version is older than the ones read
        parts = [f"stage {after['stage_number']} added" if stage else "new record"]
        stage = ""
    else:
        parts = [
            f"{label}: {_shown(name, before[name])} → {_shown(name, after[name])}"
            for name, label in LABELS.items()
            if before[name] != after[name]
        ]
        was, now = mediators.get(before["history_id"], ""), mediators.get(after["history_id"], "")
        if was != now:
            parts.append(f"mediators: {was or 'none'} → {now or 'none'}")
        parts += [
            on if after[name] else off
            for name, (on, off) in FLAGS.items()
            if before[name] != after[name]
        ]
        if before["notes"] != after["notes"]:
            parts.append("notes edited")
    if not parts:
        return None
    by = who(after["history_change_reason"], after["history_user_id"])
    return stage + "; ".join(parts) + (f", {by}" if by else "")


def describe_source(outlet: str, title: str, url: str | None) -> str:
    name = " — ".join(part for part in (outlet, title) if part) or url or "a pasted text"
    return f"new source: {name}"


def recent_changes(queryset, *, limit: int = ENTRIES) -> list[Entry]:
    """The records of `queryset` (top-level exchanges) that changed last, newest first."""
    latest: dict[int, dt.datetime] = {}

    def saw(top_id: int, when: dt.datetime) -> None:
        if top_id not in latest or when > latest[top_id]:
            latest[top_id] = when

    # Each of these walks an index newest first and stops after `limit` rows.
    records = queryset.order_by("-updated_at", "-pk").values_list("pk", "updated_at")
    for pk, when in records[:limit]:
        saw(pk, when)
    stages = Exchange.objects.filter(
        Exists(queryset.filter(pk=OuterRef("parent_id"))), parent_id__isnull=False
    ).order_by("-updated_at", "-pk")
    for parent_id, when in stages.values_list("parent_id", "updated_at")[:limit]:
        saw(parent_id, when)
    reports = Report.objects.filter(
        Q(Exists(queryset.filter(pk=OuterRef("exchange_id"))))
        | Q(Exists(queryset.filter(pk=OuterRef("exchange__parent_id"))))
    ).order_by("-pk")
    for pk, parent_id, when in reports.values_list(
        "exchange_id", "exchange__parent_id", "created_at"
    )[: limit * 2]:
        saw(parent_id or pk, when)

    chosen = sorted(latest, key=lambda pk: (latest[pk], pk), reverse=True)[:limit]
    records = Exchange.objects.in_bulk(chosen)
    entries = {pk: Entry(records[pk], latest[pk]) for pk in chosen if pk in records}
    for top_id, change in _version_changes(chosen) + _source_changes(chosen):
        if top_id in entries:
            entries[top_id].changes.append(change)
    for entry in entries.values():
        entry.changes.sort(key=lambda c: c.when, reverse=True)
        del entry.changes[CHANGES_PER_ENTRY:]
    return [entries[pk] for pk in chosen if pk in entries]


def _version_changes(top_ids: list[int]) -> list[tuple[int, Change]]:
    """The last versions of these records and of their stages, each against the one before."""
    if not top_ids:
        return []
    versions = list(
        Exchange.history.filter(Q(id__in=top_ids) | Q(parent_id__in=top_ids))
        .annotate(
            nth=Window(
                RowNumber(),
                partition_by=[F("id")],
                order_by=[F("history_date").desc(), F("history_id").desc()],
            )
        )
        # One more than shown, so the oldest shown has a version to compare with.
        .filter(nth__lte=CHANGES_PER_ENTRY + 1)
        .order_by("id", "history_date", "history_id")
        .values(*VERSION_FIELDS)
    )
    links = Exchange.history.model._meta.get_field("historicalexchange_mediators").related_model
    names: dict[int, list[str]] = {}
    for history_id, name in (
        links.objects.filter(history_id__in=[v["history_id"] for v in versions])
        .order_by("mediator__name")
        .values_list("history_id", "mediator__name")
    ):
        names.setdefault(history_id, []).append(name)
    mediators = {history_id: "; ".join(n) for history_id, n in names.items()}

    changes = []
    before: dict | None = None
    for version in versions:
        if before is not None and before["id"] != version["id"]:
            before = None
        text = describe_version(before, version, mediators)
        if text:
            top_id = version["parent_id"] or version["id"]
            changes.append((top_id, Change(version["history_date"], text)))
        before = version
    return changes


def _source_changes(top_ids: list[int]) -> list[tuple[int, Change]]:
    """The latest sources read into these records or their stages, once per source."""
    if not top_ids:
        return []
    top = Coalesce("exchange__parent_id", "exchange_id")
    # ids, not an OR across a join, so the report index on exchange_id is used.
    own_or_stage = Exchange.objects.filter(Q(pk__in=top_ids) | Q(parent_id__in=top_ids))
    rows = (
        Report.objects.filter(exchange__in=own_or_stage.values("pk"))
        .annotate(
            top=top,
            nth=Window(RowNumber(), partition_by=[top], order_by=[F("created_at").desc()]),
        )
        .filter(nth__lte=CHANGES_PER_ENTRY * 2)
        .order_by("created_at")
        .values_list(
            "top", "source_id", "created_at", "source__outlet", "source__title", "source__url"
        )
    )
    changes, seen = [], set()
    for top_id, source_id, when, outlet, title, url in rows:
        if (top_id, source_id) not in seen:
            seen.add((top_id, source_id))
            changes.append((top_id, Change(when, describe_source(outlet, title, url))))
    return changes
