"""The next group of a staged exchange, announced for a coming day.

'200 each on Thursday, with 300 more due on Friday'; 'the remaining 300 per
side are to cross on Friday': a group not yet handed over, planned for a named
weekday. It is an agreed event of its own, dated the coming such day; it only
counts for both sides when the text says each side gives that many.
"""

from __future__ import annotations

import datetime as dt
import re

from ingest.extraction import cues
from ingest.extraction.counts import BOTH, Figure
from ingest.extraction.dates import DAY, DateMention
from ingest.extraction.mentions import AGREED, BODY_REPATRIATION, POW_EXCHANGE, Mention
from ingest.extraction.sentences import Sentence

_DIGIT = re.compile(r"\d")
_NUMBER = r"(\d{1,3}(?:,\d{3})?|\d{1,5})"
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_GROUP_DUE = cues.compile_cue(
    r"(?<![\w])(?:(?:another|a\s+further)\s+" + _NUMBER + r"|" + _NUMBER + r"\s+more|"
    r"the\s+remaining\s+" + _NUMBER + r")"
    r"(\s+(?:per\s+side|each|on\s+each\s+side|from\s+each\s+side|on\s+both\s+sides))?"
    r"[^.;:]{0,40}?(?<![\w])(?:due|expected|scheduled|set|planned|are\s+to|is\s+to|will)"
    r"(?![\w])[^.;:]{0,30}?(?<![\w])(?:on\s+|by\s+|for\s+)?(" + "|".join(_WEEKDAY_NAMES) + r")"
    r"(?![\w])"
)


def planned_group(sentence: Sentence, index: int, published: dt.date | None) -> Mention | None:
    """The group a sentence announces for a coming weekday, as an agreed mention."""
    if published is None or not _DIGIT.search(sentence.text):
        return None
    lowered = cues.lowercase(sentence.text)
    match = _GROUP_DUE.search(lowered)
    if match is None:
        return None
    each = match[4] or cues.EACH_AFTER.search(lowered, 0, match.start())
    if not each:
        return None  # "300 more": whose 300 the text does not say
    value = int((match[1] or match[2] or match[3]).replace(",", ""))
    weekday = _WEEKDAY_NAMES.index(match[5])
    ahead = (weekday - published.weekday()) % 7 or 7
    day = DateMention(published + dt.timedelta(days=ahead), DAY, match.start(5), match.end(5))
    kind = BODY_REPATRIATION if cues.BODY.search(lowered, match.start()) else POW_EXCHANGE
    start = match.start(1) if match[1] else match.start(2) if match[2] else match.start(3)
    figure = Figure(value, start, start + len(str(value)), side=BOTH, more=True)
    return Mention(
        sentence=sentence,
        index=index,
        kind=kind,
        status=AGREED,
        is_stage=True,
        date=day,
        figures=[figure],
        to_ukraine=value,
        to_russia=value,
    )
