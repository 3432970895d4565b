"""Mediators: who the text says facilitated an exchange.

A mediator counts when the text ties it to the exchange: thanked for it,
credited with it, said to have brokered, mediated or taken part in it, or
named in a table's mediator column. A guess ("believed", "possibly") or a
remark about exchanges in general ("which brokered most swaps last year")
does not count.

A sentence that names a mediator without saying which exchange it means
("He thanked the Emirates for their mediation.") is about the exchange told
nearest to it; "all of these transfers were carried out with the Red Cross"
is about every exchange the article lists.
"""

from __future__ import annotations

import re

from ingest.extraction import cues

# "made no statement", "did not say whether": the sentence denies what it names.
_DENIED = cues.compile_cue(
    r"(?<![\w])(?:made\s+no|did\s+not|didn['’]t|has\s+not|have\s+not|not\s+confirmed|"
    r"neither|denied|не\s+повідом\w*|не\s+сообща\w*|не\s+говорил\w*|не\s+підтверд\w*|"
    r"не\s+подтверд\w*)(?![\w])"
)
# "All of these transfers", "each of them": every exchange the article lists.
_ALL_LISTED = cues.compile_cue(
    r"(?<![\w])(?:all\s+(?:of\s+)?(?:these|those|them)|each\s+of\s+(?:these|those|them)|"
    r"every\s+one\s+of\s+them|both\s+(?:exchanges|swaps|handovers|of\s+them)|обидва\s+обміни|"
    r"оба\s+обмена|усі\s+ці|всі\s+ці|усі\s+вони|всі\s+вони|все\s+эти|все\s+они)"
    r"(?![\w])"
)


# "whose mediation made both exchanges possible": credit, not a guess.
_MADE_POSSIBLE = re.compile(r"(?<![\w])made\s+(?:[\w-]+\s+){0,3}?possible(?![\w])")


def tied_mediators(text: str, lowered: str, patterns: list[tuple[str, re.Pattern]]) -> list[str]:
    """The mediators a sentence ties to an exchange, in the order of `patterns`."""
    if not cues.MEDIATION.search(lowered) or cues.GUESS.search(_MADE_POSSIBLE.sub(" ", lowered)):
        return []
    if _DENIED.search(lowered):
        return []
    return [name for name, _ in mediator_spans(text, lowered, patterns)]


def mediator_spans(
    text: str, lowered: str, patterns: list[tuple[str, re.Pattern]]
) -> list[tuple[str, int]]:
    """Each mediator named in `text` and where it is first named as more than a nationality."""
    found = []
    for name, pattern in patterns:
        for match in pattern.finditer(text):
            if not _NATIONALITY_BEFORE.search(lowered, max(0, match.start() - 20), match.start()):
                found.append((name, match.start()))
                break
    return found


# "citizens of the United States": whose people they are, not who mediated.
_NATIONALITY_BEFORE = cues.compile_cue(
    r"(?:citizens|nationals|natives|passport\s+holders)\s+of\s+(?:the\s+)?$"
)
# "Then, too, the Red Cross assisted": the same mediator, another exchange.
_AGAIN = cues.compile_cue(
    r"(?<![\w])(?:too|again|as\s+well|once\s+more|тоже|теж|знову|снова|вновь)(?![\w])"
)


def names_again(lowered: str) -> bool:
    return bool(_AGAIN.search(lowered))


# "as in previous exchanges": this one as well as the ones before.
_AS_BEFORE = cues.compile_cue(
    r"(?<![\w])(?:as\s+(?:in|with|for)|like|як\s+і|як\s+і\s+в|как\s+и)(?![\w])"
)


def about_exchanges_in_general(lowered: str) -> bool:
    """'The UAE has mediated several swaps this year': not about one exchange."""
    return bool(
        cues.EXCHANGE_NOUN_PLURAL.search(lowered)
        and not _ALL_LISTED.search(lowered)
        and not _AS_BEFORE.search(lowered)
    )


def about_all_listed(lowered: str) -> bool:
    return bool(_ALL_LISTED.search(lowered))
