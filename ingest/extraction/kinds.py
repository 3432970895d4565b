"""The kind of a counted mention that names none: the kind of the one told before.

'- 17 July: 1,000 to Ukraine, 19 to Russia' under a sentence about bodies is
about bodies; a swap agreed after a body handover is a swap of prisoners.
"""

from __future__ import annotations

from ingest.extraction import cues
from ingest.extraction.mentions import AGREED, BODY_REPATRIATION, POW_EXCHANGE, Mention


def inherit_kinds(mentions: list[Mention]) -> None:
    """'- 17 July: 1,000 to Ukraine, 19 to Russia' under a sentence about bodies is about bodies."""
    kind = None
    kind_agreed = False
    last_index = -100
    section_day = None
    for mention in mentions:
        if mention.section_day is not None:
            if section_day is not None and mention.section_day is not section_day:
                kind = None  # a new post or dated section
            section_day = mention.section_day
        if mention.from_notes:
            continue  # "Same day: bodies exchanged" says nothing of the next rows
        if mention.kind:
            kind, last_index, kind_agreed = mention.kind, mention.index, mention.status == AGREED
        elif (
            mention.has_counts
            and kind
            and mention.index - last_index <= 10
            and _plans_a_new_exchange(mention, kind_agreed)
        ):
            mention.kind = POW_EXCHANGE
        elif (
            mention.has_counts
            and kind
            and mention.index - last_index <= 10
            and not (kind == BODY_REPATRIATION and _counts_the_living(mention))
        ):
            mention.kind = kind
            last_index = mention.index


def _plans_a_new_exchange(mention: Mention, kind_agreed: bool) -> bool:
    """'Ukraine received 909 bodies. … The sides agreed a 1,000-for-1,000 exchange': a
    planned exchange is a swap of prisoners, not the kind of the handover done before it."""
    if mention.status != AGREED or kind_agreed:
        return False
    lowered = cues.lowercase(mention.sentence.text)
    return bool(cues.EXCHANGE_NOUN.search(lowered) or cues.PAIR.search(lowered))


def _counts_the_living(mention: Mention) -> bool:
    """'207 Ukrainians had come home': people named as people, not bodies."""
    return any(f.names_people and f.category != "bodies" for f in mention.figures if f.side)
