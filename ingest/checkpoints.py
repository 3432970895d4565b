"""Official running figures in an article (pure: text in, dataclasses out).

"Since the start of the full-scale invasion, 6,422 people have returned",
"57 exchanges have been conducted", "bringing the number exchanged through UAE
mediation to 4,349", "in 2024, 1,358 came home": totals the extraction rightly
refuses to turn into exchanges are kept as checkpoints, to hold our own count
against. Only sentences that say they give a running total are read, and each
finding keeps its sentence.

The cue words are data, one table per language, keyed by concept.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ingest.extraction import KNOWN_MEDIATORS, MediatorName
from ingest.extraction.cues import mediator_patterns
from ingest.extraction.numbers import find_numbers
from ingest.extraction.sentences import split_sentences

CUES: dict[str, dict[str, str]] = {
    "en": {
        # A running total says since when it counts: the invasion, 2022, the year's start.
        "running": r"since (?:the (?:start|beginning|outbreak) of (?:the )?(?:full[- ]scale )?"
        r"(?:invasion|war)|(?:february |march )?2022|the war began|the start of (?:the|this) year)"
        r"|\bto date\b|bringing the (?:overall |total )?(?:number|total)|so far this year",
        "total": r"\bin total\b|\ba total of\b|\boverall\b|\baltogether\b",
        "not_running": r"captivity since|held since|captured (?:in|since)|under the deal"
        r"|\bis to\b|\bare to\b|ready to|expected to|plans? to|agreed to"
        r"|\bon (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
        "this_year": r"since the start of (?:the|this) year|\bthis year\b",
        "in_year": r"\bin (20\d\d)\b",
        "bodies": r"\bbod(?:y|ies)\b|\bremains\b|fallen",
        "exchanges": r"(?:prisoner[- ](?:of[- ]war )?)?(?:exchanges|swaps)\b",
        "people": r"return|freed|released|home|brought back|exchanged",
        "mediation": r"(?:through|thanks to|under) (?:its|our|the uae's|uae|[a-z]+) mediation"
        r"|mediation efforts",
        # Totals of the other side's returns are Russia's to keep, not ours to check.
        "russians": r"\brussian (?:soldiers|servicemen|service members|military|prisoners|pows)",
    },
    "uk": {
        "running": r"(?:з|від) початку (?:повномасштабн\w+ )?(?:вторгнення|війни)"
        r"|(?:з|від) 2022|з початку (?:цього )?року",
        "total": r"загалом|всього|усього",
        "not_running": r"(?:в|у) полоні з|має звільнити|мають звільнити|планує|готова передати",
        "this_year": r"з початку (?:цього )?року|цього року",
        "in_year": r"\b(?:у|в) (20\d\d) році\b|\bза (20\d\d) рік",
        "bodies": r"\bтіл\w*|\bзагибл\w+",
        "exchanges": r"\bобмін\w*",
        "people": r"поверн\w+|звільн\w+|додому",
        "mediation": r"посередництв\w+",
        "russians": r"росіян|російськ\w+ (?:військов|полонен)",
    },
    "ru": {
        "running": r"с начала (?:полномасштабн\w+ )?(?:вторжения|войны|сво|специальной военной"
        r" операции)|с 2022|с начала (?:этого |текущего )?года",
        "total": r"всего|в общей сложности|итого",
        "not_running": r"в плену с|должны освободить|должна передать|готова передать|планиру",
        "this_year": r"с начала (?:этого |текущего )?года|в этом году",
        "in_year": r"\bв (20\d\d) году\b|\bза (20\d\d) год",
        "bodies": r"\bтел\b|\bтела\b|погибш\w+",
        "exchanges": r"\bобмен\w*",
        "people": r"верну\w+|возвращ\w+|освобо\w+|домой",
        "mediation": r"посредничеств\w+",
        "russians": r"российск\w+ (?:военн|пленн|солдат)|военнослужащ\w+ (?:рф|россии)",
    },
}
COMPILED = {
    language: {concept: re.compile(pattern, re.IGNORECASE) for concept, pattern in table.items()}
    for language, table in CUES.items()
}

# Who gives the figure: the first name found in the sentence wins.
CLAIMANTS = (
    (r"ombudsman|lubinets|омбудсман|лубінец|уповноважен\w+ верховної ради", "Ombudsman of Ukraine"),
    (
        r"coordination (?:headquarters|hq|centre|center)"
        r"|координаційн\w+ штаб|координационн\w+ штаб",
        "Coordination Headquarters for the Treatment of POWs (Ukraine)",
    ),
    (r"zelensk|зеленськ|зеленск", "President Zelensky (Ukraine)"),
    (r"budanov|буданов", "Kyrylo Budanov (Ukraine)"),
    (
        r"ukraine (?:says|said|claims)|according to kyiv|kyiv (?:says|said)",
        "Ukrainian authorities",
    ),
    (r"moskalkova|москальков", "Tatyana Moskalkova, human rights commissioner (Russia)"),
    (r"medinsk|мединск|мединськ", "Vladimir Medinsky (Russia)"),
    (r"emirat|uae|оае|оаэ|эмират|емірат", "Ministry of Foreign Affairs (UAE)"),
)
# A running total of people is in the hundreds at least; smaller numbers nearby are
# other things (days, officers, the exchange's own figures are rarely that round).
MIN_PEOPLE = 100
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True)
class FoundCheckpoint:
    measure: str  # exchanges, people_to_ukraine, bodies_to_ukraine, people_via_mediator
    value: int
    sentence: str
    start: int
    end: int
    at_least: bool = False
    year: int | None = None
    mediator: str | None = None
    claimant: str = ""


def find_checkpoints(
    text: str,
    *,
    language: str = "en",
    published: dt.date | None = None,
    mediators: list[MediatorName] | None = None,
) -> list[FoundCheckpoint]:
    """Every official running figure the text states, in order.

    A mediator's own tally names the mediator by the names the extraction knows it
    by: the pipeline passes the database's list (editors keep its aliases)."""
    cues = COMPILED.get(language, COMPILED["en"])
    patterns = mediator_patterns(tuple(mediators or KNOWN_MEDIATORS))
    found: list[FoundCheckpoint] = []
    for sentence in split_sentences(text):
        if not _states_running_total(sentence.text, cues):
            continue
        found += _in_sentence(sentence.text, sentence.start, cues, published, patterns)
    return found


def _states_running_total(text: str, cues: dict) -> bool:
    """Says since when it counts, or is a mediator's own tally ("in total, through
    UAE mediation"); and is not about one event's days, a plan or time in captivity."""
    running = cues["running"].search(text) or (
        cues["total"].search(text) and cues["mediation"].search(text)
    )
    return bool(running) and not cues["not_running"].search(text)


def _in_sentence(text: str, offset: int, cues: dict, published: dt.date | None, patterns):
    year = _year(text, cues, published)
    claimant = _first(CLAIMANTS, text) or ""
    results: list[FoundCheckpoint] = []
    measures: set[str] = set()
    for number in find_numbers(text):
        if number.is_ordinal or _YEAR.fullmatch(text[number.start : number.end]):
            continue
        after = text[number.end : number.end + 45]
        before = text[max(0, number.start - 60) : number.start]
        if cues["exchanges"].match(after.strip()) or _next_word_matches(after, cues["exchanges"]):
            measure, mediator = "exchanges", None
        elif number.value < MIN_PEOPLE:
            continue
        elif cues["mediation"].search(text):
            mediator = next((name for name, pattern in patterns if pattern.search(text)), None)
            if mediator is None:
                continue
            measure = "people_via_mediator"
        elif cues["bodies"].search(after[:30]) or cues["bodies"].search(before[-30:]):
            measure, mediator = "bodies_to_ukraine", None
        elif cues["people"].search(text) and not cues["russians"].search(text):
            measure, mediator = "people_to_ukraine", None
        else:
            continue
        if measure in measures:
            continue  # the first figure of each sort is the running total
        measures.add(measure)
        results.append(
            FoundCheckpoint(
                measure=measure,
                value=number.value,
                sentence=text,
                start=offset,
                end=offset + len(text),
                at_least=number.approximate,
                year=year,
                mediator=mediator,
                claimant=claimant,
            )
        )
    return results


def _next_word_matches(after: str, pattern: re.Pattern) -> bool:
    words = after.split()
    head = " ".join(words[:3])
    return bool(pattern.search(head)) and not re.match(r"\S*\d", head)


def _year(text: str, cues: dict, published: dt.date | None) -> int | None:
    if cues["this_year"].search(text):
        return published.year if published else None
    match = cues["in_year"].search(text)
    if match and not re.search(r"2022", match.group(0)):
        return int(next(g for g in match.groups() if g))
    return None


def _first(table, text: str) -> str | None:
    lowered = text.lower()
    for pattern, name in table:
        if re.search(pattern, lowered):
            return name
    return None
