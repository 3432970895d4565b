"""The curated data file: reading and checking it (pure: YAML in, dataclasses out).

`exchanges/data/exchanges.yaml` lists every exchange, stage, civilian return and
body repatriation we know of, each with its sources and who stated each figure;
`exchanges/data/checkpoints.yaml` lists official running figures. The fields
are documented in `exchanges/data/README.md`. `validate` returns every problem
as a sentence naming the entry, so a reviewer can fix the file; the loader
(`ingest.curated`) refuses a file with any.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from exchanges.choices import DatePrecision, Kind, Status

DATA_DIR = Path(__file__).resolve().parent.parent / "exchanges" / "data"
EXCHANGES_FILE = DATA_DIR / "exchanges.yaml"
CHECKPOINTS_FILE = DATA_DIR / "checkpoints.yaml"

KINDS = tuple(Kind.values)
STATUSES = tuple(Status.values)
PRECISIONS = tuple(DatePrecision.values)
MEASURES = ("exchanges", "people_to_ukraine", "bodies_to_ukraine", "people_via_mediator")
SIDES = ("to_ukraine", "to_russia")


class CuratedDataError(ValueError):
    """The file cannot be loaded; the message lists every problem."""


@dataclass(frozen=True)
class SourceRef:
    url: str
    outlet: str
    date: dt.date | None
    title: str = ""


@dataclass(frozen=True)
class Claim:
    """Figures as one claimant stated them, in one source."""

    by: str
    source: str  # the URL of one of the entry's sources
    to_ukraine: int | None = None
    to_russia: int | None = None


@dataclass
class Entry:
    id: str
    date: dt.date | None
    precision: str
    kind: str
    status: str
    sources: list[SourceRef]
    note: str
    end_date: dt.date | None = None
    parent: str | None = None
    stage: int | None = None
    ordinal: int | None = None
    ordinal_also: list[int] = field(default_factory=list)
    to_ukraine: int | None = None
    to_russia: int | None = None
    claims: list[Claim] = field(default_factory=list)
    categories: dict = field(default_factory=dict)
    mediators: list[str] = field(default_factory=list)


@dataclass
class CheckpointEntry:
    id: str
    date: dt.date
    claimant: str
    measure: str
    value: int
    source: SourceRef
    statement: str
    year: int | None = None
    mediator: str | None = None
    at_least: bool = False


def read_yaml(path: Path) -> list:
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return data or []


def parse_entries(rows: list) -> tuple[list[Entry], list[str]]:
    """Entries from the file's rows, and the problems found reading them."""
    entries: list[Entry] = []
    problems: list[str] = []
    for index, row in enumerate(rows):
        name = row.get("id") if isinstance(row, dict) else None
        where = f"entry {name or f'#{index + 1}'}"
        if not isinstance(row, dict):
            problems.append(f"{where}: not a mapping")
            continue
        errors: list[str] = []
        entry = Entry(
            id=_text(row, "id", errors),
            date=_date(row, "date", errors, required=False),
            precision=_choice(row, "precision", PRECISIONS, errors, default=DatePrecision.DAY),
            kind=_choice(row, "kind", KINDS, errors),
            status=_choice(row, "status", STATUSES, errors, default=Status.COMPLETED),
            sources=_sources(row.get("sources"), errors),
            note=_text(row, "note", errors),
            end_date=_date(row, "end_date", errors, required=False),
            parent=row.get("parent") or None,
            stage=_count(row, "stage", errors),
            ordinal=_count(row, "ordinal", errors),
            ordinal_also=_int_list(row.get("ordinal_also"), "ordinal_also", errors),
            to_ukraine=_count(row, "to_ukraine", errors),
            to_russia=_count(row, "to_russia", errors),
            claims=_claims(row.get("claims"), errors),
            categories=_categories(row.get("categories"), errors),
            mediators=_str_list(row.get("mediators"), "mediators", errors),
        )
        unknown = set(row) - _ENTRY_KEYS
        if unknown:
            errors.append(f"unknown field(s) {', '.join(sorted(unknown))}")
        problems += [f"{where}: {e}" for e in errors]
        entries.append(entry)
    return entries, problems


_ENTRY_KEYS = {
    "id",
    "date",
    "precision",
    "end_date",
    "kind",
    "status",
    "parent",
    "stage",
    "ordinal",
    "ordinal_also",
    "to_ukraine",
    "to_russia",
    "claims",
    "categories",
    "mediators",
    "sources",
    "note",
}


def validate_entries(entries: list[Entry]) -> list[str]:
    """Problems across entries: duplicates, stages outside their exchange, ordinals
    out of date order, figures nobody is said to have stated."""
    problems: list[str] = []
    by_id: dict[str, Entry] = {}
    for entry in entries:
        if entry.id in by_id:
            problems.append(f"entry {entry.id}: the id is used twice")
        by_id[entry.id] = entry

    seen: dict[tuple, str] = {}
    for entry in entries:
        where = f"entry {entry.id}"
        problems += [f"{where}: {p}" for p in _entry_problems(entry)]
        if entry.date is not None and entry.precision == DatePrecision.DAY:
            key = (entry.parent, entry.kind, entry.date)
            if key in seen:
                problems.append(f"{where}: the same {entry.kind} on {entry.date} as {seen[key]}")
            seen.setdefault(key, entry.id)
        if entry.parent is None:
            continue
        parent = by_id.get(entry.parent)
        if parent is None:
            problems.append(f"{where}: its parent {entry.parent} is not in the file")
            continue
        if parent.parent is not None:
            problems.append(f"{where}: its parent {parent.id} is itself a stage")
        if parent.kind != entry.kind:
            problems.append(f"{where}: a stage of another kind than {parent.id}")
        if entry.stage is None:
            problems.append(f"{where}: a stage needs its stage number")
        if entry.date and parent.date:
            last = parent.end_date or parent.date
            if not parent.date <= entry.date <= last:
                problems.append(
                    f"{where}: dated {entry.date}, outside its exchange ({parent.date} to {last})"
                )
        if entry.ordinal is not None and parent.ordinal not in (None, entry.ordinal):
            problems.append(f"{where}: ordinal {entry.ordinal}, its exchange's is {parent.ordinal}")

    stage_numbers: dict[tuple, str] = {}
    for entry in entries:
        if entry.parent and entry.stage is not None:
            key = (entry.parent, entry.stage)
            if key in stage_numbers:
                problems.append(f"entry {entry.id}: stage {entry.stage} twice in {entry.parent}")
            stage_numbers[key] = entry.id

    problems += _ordinal_problems([e for e in entries if e.parent is None])
    return problems


def _entry_problems(entry: Entry) -> list[str]:
    problems = []
    if entry.date is None and entry.precision != "unknown":
        problems.append("undated, so its precision must be unknown")
    if entry.end_date and (entry.date is None or entry.end_date < entry.date):
        problems.append("ends before it starts")
    if not entry.sources:
        problems.append("no source")
    if entry.stage is not None and entry.parent is None:
        problems.append("a stage number without a parent")
    urls = {s.url for s in entry.sources}
    for claim in entry.claims:
        if claim.source not in urls:
            problems.append(f"a claim by {claim.by} cites {claim.source}, not among its sources")
    for side in SIDES:
        value = getattr(entry, side)
        if value is not None and not any(getattr(c, side) == value for c in entry.claims):
            problems.append(f"{side} {value}: no claim states it (who said so, where)")
    if entry.ordinal is not None and entry.ordinal in entry.ordinal_also:
        problems.append("ordinal_also repeats its ordinal")
    return problems


def _ordinal_problems(entries: list[Entry]) -> list[str]:
    numbered = sorted(
        (e for e in entries if e.ordinal is not None and e.date is not None),
        key=lambda e: (e.date, e.ordinal),
    )
    problems = []
    for before, after in zip(numbered, numbered[1:], strict=False):
        if after.ordinal <= before.ordinal:
            problems.append(
                f"entry {after.id}: ordinal {after.ordinal} on {after.date} does not follow "
                f"{before.id} (ordinal {before.ordinal} on {before.date})"
            )
    return problems


def parse_checkpoints(rows: list) -> tuple[list[CheckpointEntry], list[str]]:
    checkpoints, problems = [], []
    seen: set[str] = set()
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            problems.append(f"checkpoint #{index + 1}: not a mapping")
            continue
        errors: list[str] = []
        sources = _sources([row.get("source")], errors)
        checkpoint = CheckpointEntry(
            id=_text(row, "id", errors),
            date=_date(row, "date", errors, required=True),
            claimant=_text(row, "claimant", errors),
            measure=_choice(row, "measure", MEASURES, errors),
            value=_count(row, "value", errors) or 0,
            source=sources[0] if sources else SourceRef("", "", None),
            statement=_text(row, "statement", errors),
            year=_count(row, "year", errors),
            mediator=row.get("mediator") or None,
            at_least=bool(row.get("at_least", False)),
        )
        if checkpoint.measure == "people_via_mediator" and not checkpoint.mediator:
            errors.append("a count through a mediator names the mediator")
        if checkpoint.id in seen:
            errors.append("the id is used twice")
        seen.add(checkpoint.id)
        problems += [f"checkpoint {row.get('id') or index + 1}: {e}" for e in errors]
        checkpoints.append(checkpoint)
    return checkpoints, problems


def load(
    exchanges_path: Path = EXCHANGES_FILE, checkpoints_path: Path | None = CHECKPOINTS_FILE
) -> tuple[list[Entry], list[CheckpointEntry]]:
    """Both files, read and checked; CuratedDataError lists every problem."""
    entries, problems = parse_entries(read_yaml(exchanges_path))
    problems += validate_entries(entries)
    checkpoints: list[CheckpointEntry] = []
    if checkpoints_path is not None and checkpoints_path.exists():
        checkpoints, more = parse_checkpoints(read_yaml(checkpoints_path))
        problems += more
    if problems:
        raise CuratedDataError("\n".join(problems))
    return entries, checkpoints


# --- field readers: each appends a sentence to `errors` rather than raising ----


def _text(row: dict, name: str, errors: list[str]) -> str:
    value = row.get(name)
    if not isinstance(value, str) or not value.strip():
        errors.append(f"{name} is missing")
        return ""
    return value.strip()


def _date(row: dict, name: str, errors: list[str], *, required: bool) -> dt.date | None:
    value = row.get(name)
    if value is None:
        if required:
            errors.append(f"{name} is missing")
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        errors.append(f"{name} {value!r} is not a date (YYYY-MM-DD)")
        return None
    return value


def _choice(row: dict, name: str, choices, errors: list[str], default: str | None = None) -> str:
    value = row.get(name, default)
    if value not in choices:
        errors.append(f"{name} {value!r} is not one of {', '.join(choices)}")
        return default or choices[0]
    return value


def _count(row: dict, name: str, errors: list[str]) -> int | None:
    value = row.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        errors.append(f"{name} {value!r} is not a whole number")
        return None
    return value


def _int_list(value, name: str, errors: list[str]) -> list[int]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        errors.append(f"{name} is not a list of whole numbers")
        return []
    return value


def _str_list(value, name: str, errors: list[str]) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        errors.append(f"{name} is not a list of names")
        return []
    return value


def _sources(value, errors: list[str]) -> list[SourceRef]:
    if not isinstance(value, list) or not value:
        errors.append("sources: at least one is needed")
        return []
    sources = []
    for item in value:
        if not isinstance(item, dict):
            errors.append("sources: each source is a mapping (url, outlet, date)")
            continue
        url = item.get("url")
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            errors.append(f"sources: {url!r} is not a URL")
            continue
        source_errors: list[str] = []
        outlet = _text(item, "outlet", source_errors)
        published = _date(item, "date", source_errors, required=True)
        errors += [f"source {url}: {e}" for e in source_errors]
        sources.append(SourceRef(url, outlet, published, str(item.get("title") or "")))
    return sources


def _claims(value, errors: list[str]) -> list[Claim]:
    if value is None:
        return []
    if not isinstance(value, list):
        errors.append("claims is not a list")
        return []
    claims = []
    for item in value:
        claim_errors: list[str] = []
        if not isinstance(item, dict):
            errors.append("claims: each claim is a mapping (by, source, figures)")
            continue
        claim = Claim(
            by=_text(item, "by", claim_errors),
            source=str(item.get("source") or ""),
            to_ukraine=_count(item, "to_ukraine", claim_errors),
            to_russia=_count(item, "to_russia", claim_errors),
        )
        if claim.to_ukraine is None and claim.to_russia is None:
            claim_errors.append("states no figure")
        errors += [f"claim by {claim.by or '?'}: {e}" for e in claim_errors]
        claims.append(claim)
    return claims


def _categories(value, errors: list[str]) -> dict:
    if value is None:
        return {}
    ok = isinstance(value, dict) and all(
        isinstance(group, str)
        and isinstance(sides, dict)
        and set(sides) <= set(SIDES)
        and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in sides.values())
        for group, sides in value.items()
    )
    if not ok:
        errors.append("categories: each group maps to_ukraine/to_russia to a whole number")
        return {}
    return value
