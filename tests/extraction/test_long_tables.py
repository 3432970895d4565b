"""A long table costs work in proportion to its length, not its square.

Counted in Python function calls, which do not depend on how busy the machine
is: twice the rows may cost about twice the calls, never four times.
"""

from __future__ import annotations

import cProfile
import datetime as dt
import pstats

from ingest.extraction import extract_events


def table(rows: int) -> str:
    """Rows as trafilatura writes a table: one exchange a day, figures in columns."""
    start = dt.date(2022, 4, 1)
    lines = ["Every prisoner exchange", "| Date | To Ukraine | To Russia | Note |"]
    for n in range(rows):
        day = start + dt.timedelta(days=n)
        lines.append(
            f"| {day.day} {day:%B %Y} | {100 + n % 300} | {90 + n % 250} "
            f"| Ukraine and Russia exchanged prisoners, mediated by the UAE ({n}) |"
        )
    return "\n".join(lines)


def calls(rows: int) -> tuple[int, int]:
    text = table(rows)
    profile = cProfile.Profile()
    events = profile.runcall(extract_events, text, published=dt.date(2026, 1, 1), language="en")
    return pstats.Stats(profile).total_calls, len(events)


def test_twice_the_rows_cost_about_twice_the_work():
    extract_events("Warm-up: the rules are compiled on first use.")
    small, small_events = calls(400)
    large, large_events = calls(800)
    assert (small_events, large_events) == (400, 800)  # every row is an exchange of its own
    assert large / small < 2.3, f"{small} calls for 400 rows, {large} for 800"
