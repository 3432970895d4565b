"""A named person handed over with a group is one more: '55 servicemen and Viktor Medvedchuk'.

Articles rarely write out such sums ("55 plus Medvedchuk" is 56). A count is
raised by one when a transfer joins it to a person named by capitalised words
that are not a country or a side: after it ("55 POWs and Viktor Medvedchuk",
"55 plus Medvedchuk") or as the verb's object before it ("handed back Viktor
Medvedchuk, …, together with 55 servicemen").
"""

from __future__ import annotations

import re

from ingest.extraction import cues
from ingest.extraction.counts import Figure

_NAME_WORD = r"[A-ZА-ЯІЇЄҐЁ][a-zа-яіїєґё'’-]+"
_FOLLOWS = r"(?=\s*(?:[,.;:)]|$|\s[-—–]))"
_AND_NAMED_AFTER = re.compile(
    r"\s+(?:[^\W\d_][\w'’-]*\s+){0,3}?(?:(?:and|plus|\+|і|та|и|плюс)\s+"
    # "і кума Путіна Віктора Медведчука": a few words may describe the person first
    r"(?:[^\W\d_][\w'’-]*\s+){0,2}?(?P<full>"
    + _NAME_WORD
    + r"\s+"
    + _NAME_WORD
    + r")|(?:plus|\+)\s+(?P<one>"
    + _NAME_WORD
    + r"))"
    + _FOLLOWS
)
_NAMED_OBJECT = re.compile(
    r"(?<![\w])(?:hand(?:ed|s|ing)?\s+(?:back|over)|gave\s+up|gives?\s+up|swapped|traded)\s+"
    r"(?P<full>" + _NAME_WORD + r"\s+" + _NAME_WORD + r")(?![\w])"
)
_TOGETHER_BEFORE = re.compile(r"(?:together|along)\s+with\s+$")
_NOT_A_PERSON = re.compile(
    cues.any_of(
        cues.UKRAINE_ACTOR,
        cues.RUSSIA_ACTOR,
        cues.UKRAINIAN_PEOPLE,
        cues.RUSSIAN_PEOPLE,
        cues.INSTITUTION,
    )
    + r"|(?<![\w])(?:saudi|arabia|emirates|red|cross|regiment|brigade|region|oblast|island|"
    r"guard|forces|army|navy|day|president|minister)(?![\w])"
)


def count_named_people(text: str, figures: list[Figure]) -> None:
    """Add one to a sided count for the named person handed over with it."""
    for figure in figures:
        if figure.side is None or figure.vague or figure.subset:
            continue
        if named_people_after(text, figure.end):
            figure.value += 1
            continue
        if _TOGETHER_BEFORE.search(text, max(0, figure.start - 20), figure.start):
            named = _NAMED_OBJECT.search(text, 0, figure.start)
            if named and _is_person(named.group("full")):
                figure.value += 1


def named_people_after(text: str, end: int) -> int:
    """1 when a named person is joined to the count ending at `end`, else 0."""
    after = _AND_NAMED_AFTER.match(text, end)
    return int(bool(after and _is_person(after.group("full") or after.group("one"))))


def _is_person(name: str) -> bool:
    return not _NOT_A_PERSON.search(cues.lowercase(name))
