"""The days of a multi-day exchange: 'the first day saw 390 …, and the second 307'.

A stage told only by its place in the exchange ('on the first day', 'on the
second') happened that many days after the exchange began, when the text says
when it began: a span ('5–6 March') or a start ('over three days, starting on
Friday'). Without a start the stage stays undated.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from ingest.extraction import cues
from ingest.extraction.dates import DAY, find_dates
from ingest.extraction.mentions import COMPLETED, Mention

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
# "The first day saw …", "on the second day": the day's place in the exchange.
_DAY_ORDINAL = cues.compile_cue(r"(?<![\w])(first|second|third|fourth|fifth)\s+day(?![\w])")
# "On the second, Russia reported …": the next day, once a first day has been told.
_NEXT_ORDINAL = cues.compile_cue(r"(?<![\w])on\s+the\s+(second|third|fourth|fifth)\s*,")
# "starting on Friday", "beginning 5 March": the first day of the exchange.
_START_BEFORE = cues.compile_cue(
    r"(?<![\w])(?:starting|beginning|began|started|begun)\s+(?:on\s+|from\s+)?(?:the\s+)?$"
)


def date_stage_days(mentions: list[Mention]) -> None:
    """Give 'the first day' / 'the second' stages the day they happened on."""
    start = None
    first_day_at = -10
    for mention in mentions:
        lowered = cues.lowercase(mention.sentence.text)
        if mention.date is not None:
            start = _start_day(mention, lowered) or start
            continue
        if start is None or not mention.has_counts or mention.from_table:
            continue
        match = _DAY_ORDINAL.search(lowered)
        if match is None and mention.index - first_day_at <= 2:
            match = _NEXT_ORDINAL.search(lowered)
        if match is None:
            continue
        number = _ORDINALS[match[1]]
        if number == 1:
            first_day_at = mention.index
        mention.date = dataclasses.replace(
            start,
            date=start.date + dt.timedelta(days=number - 1),
            end_date=None,
            start=match.start(),
            end=match.end(),
        )


def names_a_day_of_several(mention: Mention) -> bool:
    """'The first day saw 250 freed': one day of a multi-day exchange."""
    return bool(_DAY_ORDINAL.search(cues.lowercase(mention.sentence.text)))


def _start_day(mention: Mention, lowered: str):
    date = mention.date
    if date.precision != DAY:
        return None
    if date.end_date is not None:
        return date
    if mention.from_table:
        return None
    if _START_BEFORE.search(lowered, max(0, date.start - 30), date.start):
        return date
    return None


def lead_day(sentence, published: dt.date | None):
    """'Last Thursday, some families got their call.': a sentence that opens with a day
    and tells no exchange sets the day of the exchange the next sentence tells."""
    dates = find_dates(sentence.text[:60], published)
    if dates and dates[0].start <= 4 and dates[0].precision == DAY and not dates[0].bounds_other:
        return dates[0]
    return None


def take_lead_day(found: list[Mention], lead, sentence) -> None:
    if lead is None or sentence.block != lead[1]:
        return
    for mention in found:
        if mention.has_counts and mention.date is None and mention.status == COMPLETED:
            mention.date = lead[0]
