"""Our count held against the official one (pure: plain rows in, plain results out).

Each `Checkpoint` says what an authority counted by a date; `gap` computes what
our records hold for the same thing by the same date, and says the difference
in one plain sentence. A gap over `FLAG_SHARE` of the official figure is
flagged for editors. `ordinal_check` holds the number of exchanges we have
against the official running number of the latest one we know.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

FLAG_SHARE = 0.05

# Columns of ExchangeQuerySet.cumulative_totals() rows.
COLUMNS = {"people_to_ukraine": 1, "bodies_to_ukraine": 3}
UNITS = {
    "people_to_ukraine": "people returned to Ukraine",
    "bodies_to_ukraine": "bodies returned to Ukraine",
    "exchanges": "prisoner exchanges",
    "people_via_mediator": "people released through {mediator}",
}


@dataclass(frozen=True)
class Gap:
    checkpoint: object  # a Checkpoint (or anything with its attributes)
    ours: int
    official: int
    missing: int  # official − ours: positive when our records fall short
    flagged: bool
    sentence: str


@dataclass(frozen=True)
class OrdinalCheck:
    ordinal: int
    date: dt.date
    held: int  # exchanges our records hold up to and including that one
    missing_ordinals: list[int]
    sentence: str


def ours_for(
    checkpoint,
    *,
    cumulative: list[tuple],
    exchanges: list[tuple],
    mediated: list[tuple],
) -> int:
    """Our figure for what the checkpoint counts, by its date (and in its year).

    `cumulative`: cumulative_totals() rows; `exchanges`: (date, ordinal) of each
    prisoner exchange carried out; `mediated`: (date, mediator_id, people both ways).
    """
    end = checkpoint.date
    start = dt.date(checkpoint.year, 1, 1) if checkpoint.year else None
    if checkpoint.year:
        end = min(end, dt.date(checkpoint.year, 12, 31))
    measure = checkpoint.measure
    if measure in COLUMNS:
        column = COLUMNS[measure]
        total = _running(cumulative, end, column)
        if start is not None:
            total -= _running(cumulative, start - dt.timedelta(days=1), column)
        return total
    if measure == "exchanges":
        return sum(1 for day, _ in exchanges if day <= end and (start is None or day >= start))
    if measure == "people_via_mediator":
        return sum(
            people
            for day, mediator_id, people in mediated
            if mediator_id == checkpoint.mediator_id
            and day <= end
            and (start is None or day >= start)
        )
    raise ValueError(f"unknown measure {measure!r}")


def _running(rows: list[tuple], day: dt.date, column: int) -> int:
    index = bisect.bisect_right([r[0] for r in rows], day)
    return rows[index - 1][column] if index else 0


def gap(checkpoint, ours: int, *, mediator_name: str = "") -> Gap:
    official = checkpoint.value
    missing = official - ours
    if checkpoint.at_least:
        flagged = ours < official * (1 - FLAG_SHARE)
    else:
        flagged = official > 0 and abs(missing) > official * FLAG_SHARE
    unit = UNITS[checkpoint.measure].format(mediator=mediator_name or "the mediator")
    when = f"{checkpoint.date.day} {checkpoint.date:%B %Y}"
    scope = f" in {checkpoint.year}" if checkpoint.year else ""
    said = f"{'more than ' if checkpoint.at_least else ''}{official:,}"
    if missing > 0:
        rest = f"{missing:,} not yet in our records"
    elif missing < 0:
        rest = f"our records hold {-missing:,} more"
    else:
        rest = "the same"
    sentence = (
        f"Our records: {ours:,} {unit}{scope} by {when}; "
        f"{checkpoint.claimant or 'an official source'}: {said} — {rest}."
    )
    return Gap(checkpoint, ours, official, missing, flagged, sentence)


def ordinal_check(exchanges: list[tuple]) -> OrdinalCheck | None:
    """The latest official number we know against how many exchanges we hold by then."""
    dated = sorted(exchanges, key=lambda row: row[0])
    numbered = [(day, ordinal) for day, ordinal in dated if ordinal]
    if not numbered:
        return None
    day, ordinal = max(numbered, key=lambda row: (row[1], row[0]))
    held = sum(1 for d, _ in dated if d <= day)
    known = {o for _, o in numbered}
    missing = [n for n in range(1, ordinal + 1) if n not in known]
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(
        ordinal % 10 if ordinal % 100 not in (11, 12, 13) else 0, "th"
    )
    sentence = (
        f"The {ordinal}{suffix} exchange ({day.day} {day:%B %Y}); we hold {held:,} "
        f"prisoner exchanges up to that day"
        + (f", {ordinal - held:,} fewer." if held < ordinal else ".")
    )
    return OrdinalCheck(ordinal, day, held, missing, sentence)
