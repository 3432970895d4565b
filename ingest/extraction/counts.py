"""Figures in one sentence: which number counts people or bodies, and for which side.

A number is a count only when the text ties it to people or bodies ("390
Ukrainians", "bodies of 909", "205 each", "1,000-for-1,000", "handed over
38"); hedged numbers ("more than 200") are kept but flagged, and never give
a count. The side that received a count is read, strongest cue first, from:
"each"/"N for N" (both sides), the nationality of the people counted, a
destination ("to Ukraine"), the actor and verb ("Russia handed over"), and
finally "home"/"our", whose meaning depends on the outlet's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.extraction import cues
from ingest.extraction.lexicon import bounded
from ingest.extraction.numbers import Number, find_numbers

UKRAINE, RUSSIA, BOTH = "to_ukraine", "to_russia", "both"
_OTHER = {UKRAINE: RUSSIA, RUSSIA: UKRAINE}


@dataclass
class Figure:
    value: int
    start: int  # offsets within the sentence
    end: int
    side: str | None = None  # to_ukraine | to_russia | both | None (unknown)
    category: str = ""  # military | civilians | wounded | bodies | ""
    vague: bool = False  # "more than 1,000": never a count
    subset: bool = False  # "including 120 civilians": part of another figure
    total: bool = False  # "302 in all": the whole, the other figures are its parts
    more: bool = False  # "307 more", "another 300": one group of a staged exchange
    joined: bool = False  # "… and 20 civilians": adds to the figure before it
    voice: str | None = None  # whose side gave it: to_ukraine (Kyiv) | to_russia (Moscow)
    names_people: bool = False  # a noun for people follows: "207 Ukrainians", not "receives 43"


_CLAUSE_BREAK = re.compile(
    r";|,\s+(?:while|whereas|and|but|і|а|та|и|тоді\s+як|тогда\s+как|в\s+то\s+время\s+как)\s+|"
    r"\s+(?:while|whereas)\s+|\s[—–]\s|[—–](?=\s*\d)|,\s+(?:in\s+exchange|in\s+return)|"
    r"[.!?]\s+",
)
_TOKEN = re.compile(r"[\w'’-]+")
_WINDOW_STOP = re.compile(r"[,;:()\[\]—–]|\s-\s")
_BODIES_BEFORE = re.compile(
    r"(?:bodies|remains|тіла|тіл|тела|тел|останки)\s+(?:of\s+)?(?:the\s+)?"
    # "the bodies of another 500", "тіла ще 909", "тела еще 1000"
    r"(?:(?:another|a\s+further|further|ще|іще|еще|ещё)\s+)?$"
)
_LIST_BEFORE = re.compile(r"(?<![\w])(?:lists?|списк\w*|список)\s+(?:of\s+|з\s+|из\s+)?$")
_PO_BEFORE = re.compile(r"(?<![\w])по\s+$")
_WOUNDED = re.compile(r"(?<![\w])(?:wounded|injured|sick|поранен\w*|тяжкопоранен\w*|ранен\w*|"
                      r"тяжелораненых|хвор\w*)(?![\w])")  # fmt: skip
_GAP_AND = re.compile(r"\s*(?:[\w'’-]+\s+){0,4}?(?:and|plus|та|і|й|и|,)\s+(?:[\w'’-]+\s+){0,2}$")
# Up to three describing words, then the noun for people: "270 Russian military personnel".
_PERSON_FOLLOWS = re.compile(
    # The describing words may stand in quotes: '22 "seriously wounded" captives'.
    r"\s*(?:[\"“”«»„]?[^\W\d_][\w'’-]*[\"“”«»]?\s+){0,3}?(?:" + cues.PERSON_NOUN.pattern + ")"
)
_EACH_FOLLOWS = re.compile(
    r"\s*(?:(?:[^\W\d_]+\s+){0,4}?(?:" + cues.EACH_AFTER.pattern + ")|"
    # "103 prisoners of war were released by each side", "205 prisoners had been returned
    # to each side": a side named, so further away.
    r"(?:[^\W\d_]+\s+){5,6}?(?:by|from|on|to)\s+(?:each|either|both)\s+sides?(?![\w]))"
)
# "each handed over 185 servicemen and 20 civilians": the second count is each side's too.
_EACH_PRECEDES = re.compile(
    r"(?:" + cues.EACH_BEFORE.pattern + r")\s+(?:[^\W\d_]+\s+){0,6}"
    r"(?:\d[\d,.]*\s+(?:[^\W\d_]+\s+){1,3}(?:and|та|і|и)\s+)?$"
)
_VERB_PRECEDES = re.compile(r"(?:" + cues.TRANSFER_VERB.pattern + r")\s+(?:[^\W\d_]+\s+){0,2}$")
_DESTINATION_FOLLOWS = re.compile(r"\s*(?:" + cues.any_of(cues.TO_UKRAINE, cues.TO_RUSSIA) + ")")
# "95 of the freed", "15 women were among them": part of a group counted elsewhere;
# "144 fighters of the Russian army" names whom it counts, and is no part.
_PARTITIVE = re.compile(
    r"\s*(?:of\s+(?:the|them|those|whom)|(?:[^\W\d_]+\s+){0,2}?(?:(?:were|was)\s+among|"
    r"з\s+них|из\s+них|серед|среди))(?![\w])"
)
# "…, а также трое жителей, незаконно удерживавшихся": rides along with the clause before.
_ALONG_START = re.compile(
    r"\s*(?:також|также|along\s+with|together\s+with|as\s+well\s+as|plus)(?![\w])"
)
# "Our people are back -- 230 of them.": the whole group's number, closing the clause.
_ALL_OF_THEM = re.compile(r"\s+of\s+them\s*(?:[,.;:!?\"”»)]|$)")
_BODY_WORD = re.compile(r"(?<![\w])(?:bodies|body|тіл\w*|тел\w*)")


def find_figures(text: str, language: str, speaker_text: str | None = None) -> list[Figure]:
    """The figures of one sentence (dates already blanked out), with their sides.

    `speaker_text` is the same sentence, at the same offsets, with institutions'
    names left in: it is where who gave a figure is read.
    """
    text = cues.lowercase(text)
    speaker_text = cues.lowercase(speaker_text) if speaker_text else text
    clauses = _clauses(text)
    figures: list[Figure] = []
    numbers = find_numbers(text)
    for index, number in enumerate(numbers):
        if not _is_count(text, number, numbers, index):
            continue
        clause_start, clause_end = _clause_of(clauses, number.start)
        clause = text[clause_start:clause_end]
        if (
            cues.NOT_RETURNED.search(clause)
            and not cues.TRANSFER_VERB.search(clause)
            and not _ALONG_START.match(clause)
        ):
            continue
        after = _window_after(text, number, clause_end, numbers, index)
        figure = Figure(number.value, number.start, number.end, vague=number.approximate)
        body_before = _BODIES_BEFORE.search(text[max(0, number.start - 40) : number.start])
        figure.category = "bodies" if body_before else _category(after)
        figure.names_people = bool(_PERSON_FOLLOWS.match(text, number.end, clause_end))
        figure.subset = bool(
            cues.SUBSET_BEFORE.search(text[max(clause_start, number.start - 40) : number.start])
            or _PARTITIVE.match(text, number.end, clause_end)
        ) and not _ALL_OF_THEM.match(text, number.end)
        near_before = text[max(clause_start, number.start - 30) : number.start]
        figure.total = bool(cues.TOTAL_BEFORE.search(near_before))
        figure.more = bool(cues.MORE_AFTER.match(text, number.end))
        figure.voice = _voice(speaker_text, clause_start, clause_end)
        if not figure.vague:
            figure.side = _side(
                text, number, after, clause_start, clause_end, language, numbers, index
            )
            own = _OWN_RETURN_BEFORE.search(text, clause_start, number.start)
            if figure.voice is None and own and language in {"uk", "ru"}:
                # "Украина вернула 207 человек": the side that brought its people back
                # gives their number, as its own officials would.
                actor = UKRAINE if cues.UKRAINE_ACTOR.match(own.group()) else RUSSIA
                if figure.side == actor:
                    figure.voice = actor
            if figure.voice and _OWN_SERVICEMEN_AFTER.match(text, number.end):
                # "Moscow said 150 of its servicemen were returned, in exchange for 150
                # Ukrainians": whose people they are outweighs the nationality named later.
                figure.side = figure.voice
            elif figure.side is None and figure.voice and _its_own(text, number, clause_start):
                figure.side = figure.voice
            elif (
                figure.side is None
                and figure.voice
                and (said_it := _IT_MOVED_BEFORE.search(text, clause_start, number.start))
            ):
                # "the ministry said it also received 20 civilians": "it" is the speaker.
                received = said_it.group("received")
                figure.side = figure.voice if received else _OTHER[figure.voice]
            elif (
                figure.side is None
                and _WE_FREED.search(text, clause_start, number.start)
                and not _IN_PARTICULAR.search(text, clause_start, number.start)
            ):
                # "we freed 108 women", "вдалося звільнити 45": the speaker's own people.
                figure.side = figure.voice or cues.home_side(language)
        figures.append(figure)
    _complete_pairs(text, figures)
    _inherit_sides(text, figures, clauses)
    _ride_along(text, figures)
    _repatriated_bodies(text, figures, clauses, language)
    _mark_joined(text, figures)
    _parts_listed_together(text, figures)
    return figures


def _parts_listed_together(text: str, figures: list[Figure]) -> None:
    """'390 people, including 270 soldiers and 120 civilians': the 120 is a part as
    well, not a group on top of the 390."""
    for previous, figure in zip(figures, figures[1:], strict=False):
        if (
            previous.subset
            and figure.joined
            and _GAP_AND.fullmatch(text, previous.end, figure.start)
        ):
            figure.subset = True


# Bodies moved with no side named: brought home, as the outlet sees it ("563 bodies were
# returned", "recovered the remains of 501", "the return of 563 bodies").
_REPATRIATED = re.compile(bounded("repatriated"))


# "248 of its servicemen", "put its side at 110 people", "отримало 146 своїх військових".
_OWN_PEOPLE_AFTER = re.compile(
    r"\s*(?:of\s+)?(?:its|their)\s+(?:own\s+)?[^\W\d_]+|\s*(?:своїх|своих)(?![\w])"
)
_OWN_SERVICEMEN_AFTER = re.compile(
    r"\s*(?:of\s+)?(?:its|their)\s+(?:own\s+)?(?:servicemen|service\s*members|soldiers|troops|"
    r"citizens|nationals|military\s+personnel)(?![\w])"
)
_OWN_SIDE_BEFORE = re.compile(r"(?<![\w])(?:its|their)\s+(?:own\s+)?side(?![\w])")


# The speaker's side freeing its own people: "we freed", "managed to bring back",
# "вдалося звільнити", "удалось вернуть", right before the count.
_WE_FREED = re.compile(
    r"(?<![\w])(?:(?:we|ми|мы)\s+(?:have\s+|had\s+)?(?:freed|rescued|returned|brought\s+back|"
    r"got\s+back|звільнили|визволили|повернули|освободили|вернули)|(?:managed|were\s+able)\s+"
    r"to\s+(?:free|rescue|return|bring\s+back|get\s+back)|вдалося\s+(?:звільнити|визволити|"
    r"повернути)|удалось\s+(?:освободить|вернуть))\s+(?:[^\W\d_]+\s+){0,3}$"
)

# The speaker as "it"/"they" with its verb right before the count: "the Defence Ministry
# said it also received 20 civilians", "Moscow said it had handed over 175".
_IT_MOVED_BEFORE = re.compile(
    r"(?<![\w])(?:it|they)\s+(?:has\s+|have\s+|had\s+)?(?:also\s+)?(?:"
    r"(?P<received>received|got\s+back|got|brought\s+back|brought\s+home)|"
    r"handed\s+over|handed\s+back|released|freed|transferred)\s+(?:[^\W\d_]+\s+){0,3}$"
)

# "In particular, we managed to bring back 320 bodies from one front, 89 from another":
# parts of a whole told elsewhere.
_IN_PARTICULAR = re.compile(bounded("in_particular"))

_OWN_RETURN_BEFORE = re.compile(
    r"(?:" + cues.any_of(cues.UKRAINE_ACTOR, cues.RUSSIA_ACTOR) + r")\s+(?:[^\W\d_]+\s+){0,1}"
    r"(?:" + cues.RETURN_VERB_SLAVIC.pattern + r")\s+(?:[^\W\d_]+\s+){0,3}$"
)


# "137 bodies from the Zaporizhzhia direction": one front's share of a whole told elsewhere.
_FROM_A_FRONT = re.compile(bounded("front"))


def _its_own(text: str, number: Number, clause_start: int) -> bool:
    """The speaker's own people: the side of whoever gave the figure."""
    before = text[max(clause_start, number.start - 50) : number.start]
    return bool(_OWN_PEOPLE_AFTER.match(text, number.end) or _OWN_SIDE_BEFORE.search(before))


def _repatriated_bodies(text: str, figures: list[Figure], clauses, language: str) -> None:
    """'503 bodies were repatriated' with no side named: brought home, as the outlet sees it."""
    for figure in figures:
        if figure.side is None and not figure.vague and figure.category == "bodies":
            start, end = _clause_of(clauses, figure.start)
            if _REPATRIATED.search(text, start, end) and not _FROM_A_FRONT.search(text, start, end):
                figure.side = cues.home_side(language)


def _voice(text: str, clause_start: int, clause_end: int) -> str | None:
    """Kyiv's or Moscow's figure: the speaker named in the clause, else in the sentence."""
    for start, end in ((clause_start, clause_end), (0, len(text))):
        ukrainian = cues.UKRAINIAN_VOICE.search(text, start, end)
        russian = cues.RUSSIAN_VOICE.search(text, start, end)
        if ukrainian and not russian:
            return UKRAINE
        if russian and not ukrainian:
            return RUSSIA
    return None


_ADDED_BEFORE = re.compile(r"(?<![\w])add(?:ed|s|ing)?\s+(?:[^\W\d_]+\s+){0,2}$")
_ONTO = re.compile(r"(?<![\w])(?:to|onto)\s+(?:a|an|the)\s+$")


def _mark_joined(text: str, figures: list[Figure]) -> None:
    """'185 servicemen and 20 civilians', '175 each, and separately 22 wounded': added up."""
    for previous, figure in zip(figures, figures[1:], strict=False):
        gap = text[previous.end : figure.start]
        pair = cues.FOR_BETWEEN.fullmatch(gap)
        if len(gap) <= 120 and cues.JOINING.search(gap) and not pair:
            figure.joined = True
        elif _ADDED_BEFORE.search(text, max(0, previous.start - 30), previous.start) and (
            _ONTO.search(gap) and len(gap) <= 80
        ):
            figure.joined = True  # "added 22 wounded Ukrainians to a 175-for-175 swap"
        elif pair and previous.joined:
            figure.joined = True  # "246 for 246, plus 31 for 15": the 15 adds to the 246


def _clauses(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in _CLAUSE_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def clause_of(text: str, position: int) -> tuple[int, int]:
    """(start, end) of the clause of `text` around `position`."""
    return _clause_of(_clauses(text), position)


def _clause_of(clauses: list[tuple[int, int]], position: int) -> tuple[int, int]:
    for start, end in clauses:
        if start <= position < end or position < start:
            return start, end
    return clauses[-1]


def _is_count(text: str, number: Number, numbers: list[Number], index: int) -> bool:
    if number.is_ordinal or _PARTIES_FOLLOW.match(text, number.end):
        return False  # "the 5th", "the two sides agreed": who negotiates, not people freed
    if number.is_word and number.value == 1:
        return False  # "one of the largest", "one-for-one"
    if cues.UNIT_AFTER.match(text, number.end):
        return False
    if _LIST_BEFORE.search(text, max(0, number.start - 20), number.start):
        return False  # "handed over a list of 339 children": names on paper, not people freed
    partner = _pair_partner(text, numbers, index)
    if partner is not None and numbers[partner].is_word and numbers[partner].value == 1:
        return False  # "Two hundred of our people for one": a ratio, said of a single person
    following = text[number.end : number.end + 60]
    person_follows = bool(_PERSON_FOLLOWS.match(following))
    if 1900 <= number.value <= 2100 and not number.is_word and not person_follows:
        return False  # a year
    if person_follows or _DESTINATION_FOLLOWS.match(following) or _ONES_FOLLOW.match(following):
        return True
    before = text[max(0, number.start - 40) : number.start]
    if _BODIES_BEFORE.search(before) or _PO_BEFORE.search(before):
        return True
    if _EACH_FOLLOWS.match(following) or _ALL_OF_THEM.match(following):
        return True
    if partner is not None:
        return True
    # A bare number right after a transfer verb: "Ukraine handed over 38"; or after the other
    # side and a dash standing for the verb said before: "Україна отримала 1000 тіл, Росія — 38".
    return bool(_VERB_PRECEDES.search(before) or _ACTOR_DASH_BEFORE.search(before))


_ACTOR_DASH_BEFORE = re.compile(
    r"[,;]\s*(?:" + cues.any_of(cues.UKRAINE_ACTOR, cues.RUSSIA_ACTOR) + r")\s*[—–]\s*$"
)
# "1,000 Ukrainian bodies in exchange for 19 Russian ones": the noun said once, for both.
_ONES_FOLLOW = re.compile(r"\s*(?:russian|ukrainian|of\s+(?:its|their)\s+own)\s+ones(?![\w])")
_PARTIES_FOLLOW = re.compile(
    r"\s+(?:sides|countries|delegations|governments|parties|capitals|"
    r"сторони|стороны|країни|страны|делегації|делегации)(?![\w])"
)


def _pair_partner(text: str, numbers: list[Number], index: int) -> int | None:
    """Index of the number that forms "N for M" with numbers[index], if any."""
    number = numbers[index]
    if index + 1 < len(numbers):
        following = numbers[index + 1]
        if cues.FOR_BETWEEN.fullmatch(text, number.end, following.start):
            return index + 1
    if index > 0:
        previous = numbers[index - 1]
        if cues.FOR_BETWEEN.fullmatch(text, previous.end, number.start):
            return index - 1
    return None


def _window_after(
    text: str, number: Number, clause_end: int, numbers: list[Number], index: int
) -> str:
    """The words after a count that describe what was counted, up to a comma or the next number."""
    end = min(clause_end, number.end + 80)
    if index + 1 < len(numbers):
        end = min(end, numbers[index + 1].start)
    window = text[number.end : end]
    stop = _WINDOW_STOP.search(window)
    if stop:
        window = window[: stop.start()]
    tokens = list(_TOKEN.finditer(window))
    if len(tokens) > 9:
        window = window[: tokens[8].end()]
    return window


def _category(after: str) -> str:
    """What the words after a count name first: '75 prisoners each and the dead' are prisoners."""
    found = []
    for category, patterns in (
        ("bodies", (cues.BODY, _BODY_WORD)),
        ("wounded", (_WOUNDED,)),
        ("civilians", (cues.CIVILIAN,)),
        ("military", (cues.MILITARY, cues.CAPTIVITY)),
    ):
        for pattern in patterns:
            match = pattern.search(after)
            if match:
                found.append((match.start(), len(found), category))
    return min(found)[2] if found else ""


def _side(
    text: str,
    number: Number,
    after: str,
    clause_start: int,
    clause_end: int,
    language: str,
    numbers: list[Number],
    index: int,
) -> str | None:
    before_in_clause = text[clause_start : number.start]
    near_before = before_in_clause[-45:]
    each = (
        _EACH_FOLLOWS.match(text, number.end, clause_end)
        or _EACH_PRECEDES.search(near_before)
        or _PO_BEFORE.search(near_before)
    )
    # "In total, 84 each" sums both sides; a total told after the count, "…, bringing the
    # total to 410", is another figure's.
    if each and not cues.SUM_WORDS.search(text[clause_start : number.start]):
        return BOTH
    partner = _pair_partner(text, numbers, index)
    if partner is not None and numbers[partner].value == number.value:
        return BOTH
    # "215 people from Russian captivity": the destination, not a nationality.
    to_ukraine_after = cues.TO_UKRAINE.search(after)
    to_russia_after = cues.TO_RUSSIA.search(after)
    if bool(to_ukraine_after) != bool(to_russia_after):
        return UKRAINE if to_ukraine_after else RUSSIA
    ukrainian = cues.UKRAINIAN_PEOPLE.search(after)
    russian = cues.RUSSIAN_PEOPLE.search(after)
    if ukrainian and not russian:
        return UKRAINE
    if russian and not ukrainian:
        return RUSSIA
    if partner is not None and partner < index:
        return None  # the second of "N for M": the other side of the first, see _complete_pairs
    right_after = _DESTINATION_FOLLOWS.match(text, number.end, clause_end)
    if right_after:  # "1,000 to Ukraine, 19 to Russia"
        return UKRAINE if cues.TO_UKRAINE.search(right_after.group()) else RUSSIA
    rest_of_clause = text[number.end : _own_clause_end(text, number, clause_end, numbers, index)]
    to_ukraine = cues.TO_UKRAINE.search(rest_of_clause)
    to_russia = cues.TO_RUSSIA.search(rest_of_clause)
    if to_ukraine and not to_russia:
        return UKRAINE
    if to_russia and not to_ukraine:
        return RUSSIA
    dash = _ACTOR_DASH_BEFORE.search(text, max(0, number.start - 60), number.start)
    if dash and not before_in_clause.strip():
        # "…, Росія — 38": the dash ends a clause, but the actor before it is this count's.
        before_in_clause = text[dash.start() + 1 : number.start]
    bodies = _category(after) == "bodies" or bool(
        _BODIES_BEFORE.search(text, max(0, number.start - 40), number.start)
    )
    by_actor = _side_from_actor(before_in_clause, text[: number.start], language, bodies)
    if by_actor:
        return by_actor
    # "From Russian captivity, 300 soldiers were freed": the destination said first.
    to_ukraine = cues.TO_UKRAINE.search(before_in_clause)
    to_russia = cues.TO_RUSSIA.search(before_in_clause)
    if bool(to_ukraine) != bool(to_russia):
        return UKRAINE if to_ukraine else RUSSIA
    if cues.HOME.search(text[clause_start:clause_end]):
        return cues.home_side(language)
    return _side_by_evidence(text, numbers, index, clause_end)


# A nationality describes a count only inside its own noun phrase, this many words long.
_NOUN_PHRASE_WORDS = 6


def _side_by_evidence(text: str, numbers: list[Number], index: int, clause_end: int) -> str | None:
    """A count's side from the evidence in what its clause says after it.

    The rules above read the words right around a count. Real sentences put the
    evidence further off: '1000 bodies, presumably of fallen Ukrainian defenders, were
    handed over by the Russian side'. Here each piece of evidence between the count and
    the next one is a vote for a side: a destination ('to Ukraine', 'from Russian
    captivity'), a nationality ('Ukrainian defenders'), an actor right after its verb
    ('handed over by the Russian side', 'передала російська сторона'). What comes
    before the count is left out: 'the Ukrainian centre listed 87 soldiers' names who
    spoke. A side is taken only when it has more votes than the other.
    """
    end = clause_end
    if index + 1 < len(numbers):
        end = min(end, numbers[index + 1].start)
    after = text[numbers[index].end : end]
    votes = {UKRAINE: 0, RUSSIA: 0}
    actors = [
        (actor, side)
        for pattern, side in ((cues.UKRAINE_ACTOR, UKRAINE), (cues.RUSSIA_ACTOR, RUSSIA))
        for actor in pattern.finditer(after)
    ]
    for actor, side in actors:
        verb = _VERB_RIGHT_BEFORE.search(after, 0, actor.start())
        if verb and cues.GIVER_VERB.fullmatch(verb.group("verb")):
            votes[_OTHER[side]] += 1
        elif verb and cues.RECEIVER_VERB.fullmatch(verb.group("verb")):
            votes[side] += 1
    # "the Russian side" is an actor: its adjective names no one's people.
    for actor, _side in actors:
        after = after[: actor.start()] + " " * len(actor.group()) + after[actor.end() :]
    for pattern, side in ((cues.TO_UKRAINE, UKRAINE), (cues.TO_RUSSIA, RUSSIA)):
        if pattern.search(after):
            votes[side] += 1
    # "300,000 men would be called up, a move that drew protests in Russian cities"
    # counts no Russians.
    words = list(_TOKEN.finditer(after))[:_NOUN_PHRASE_WORDS]
    phrase = after[: words[-1].end()] if words else after
    for pattern, side in ((cues.UKRAINIAN_PEOPLE, UKRAINE), (cues.RUSSIAN_PEOPLE, RUSSIA)):
        if pattern.search(phrase):
            votes[side] += 1
    if votes[UKRAINE] == votes[RUSSIA]:
        return None
    return UKRAINE if votes[UKRAINE] > votes[RUSSIA] else RUSSIA


# The verb an actor follows: "handed over by the Russian side", "передала російська сторона"
# (not "released, according to Kyiv": a source, not an actor).
_VERB_RIGHT_BEFORE = re.compile(
    r"(?P<verb>[^\W\d_]+(?:\s+(?:over|back|home))?)\s+(?:by\s+)?(?:the\s+)?$"
)


def _own_clause_end(
    text: str, number: Number, clause_end: int, numbers: list[Number], index: int
) -> int:
    """'got back 90 prisoners and returned 84 to Russia': a verb before the next count
    starts that count's own clause, and the destination after it is that count's."""
    if index + 1 < len(numbers) and numbers[index + 1].start < clause_end:
        between = text[number.end : numbers[index + 1].start]
        if cues.GIVER_VERB.search(between) or cues.RECEIVER_VERB.search(between):
            return numbers[index + 1].start
    return clause_end


def _side_from_actor(
    before_in_clause: str, before_in_sentence: str, language: str, bodies: bool = False
) -> str | None:
    """'Russia handed over N' → to Ukraine; 'Ukraine received N' → to Ukraine."""
    actor = None
    for pattern, side in ((cues.UKRAINE_ACTOR, UKRAINE), (cues.RUSSIA_ACTOR, RUSSIA)):
        for match in pattern.finditer(before_in_clause):
            if actor is None or match.start() > actor[0]:
                actor = (match.start(), match.end(), side)
    if actor is None:
        return _side_from_elided_actor(before_in_clause, before_in_sentence)
    between = before_in_clause[actor[1] :]
    if not between.strip(" \t—–:-"):
        # "… and Ukraine 38": the verb is the one said before, for the other actor.
        between = before_in_sentence
    own_side = actor[2]
    other_side = cues.TO_RUSSIA if own_side == UKRAINE else cues.TO_UKRAINE
    if (
        language in {"uk", "ru"}
        and (own_side == UKRAINE or not bodies)  # "Росія повернула 1000 тіл": handed over
        and cues.RETURN_VERB_SLAVIC.search(between)
        and not other_side.search(between)  # "повернула російській стороні 19 тіл"
    ):
        # "Україна повернула 84 захисників", "Россия вернула 84 военнослужащих": brought
        # its own people back.
        return own_side
    if cues.RECEIVER_VERB.search(between):
        return own_side
    if cues.GIVER_VERB.search(between):
        return _OTHER[own_side]
    return None


def _side_from_elided_actor(before_in_clause: str, before_in_sentence: str) -> str | None:
    """'Russia handed over 1,000 bodies, and received 38': the clause's subject is the
    actor of the clause before it."""
    verb = before_in_clause.strip()
    if not verb or not (cues.RECEIVER_VERB.match(verb) or cues.GIVER_VERB.match(verb)):
        return None
    actors = [
        (match.start(), side)
        for pattern, side in ((cues.UKRAINE_ACTOR, UKRAINE), (cues.RUSSIA_ACTOR, RUSSIA))
        for match in pattern.finditer(before_in_sentence)
        if not _POSSESSIVE.match(before_in_sentence, match.end())  # "the Kremlin's ally"
    ]
    if not actors:
        return None
    own_side = max(actors)[1]
    return own_side if cues.RECEIVER_VERB.match(verb) else _OTHER[own_side]


_POSSESSIVE = re.compile(r"['’]s(?![\w])")


def _complete_pairs(text: str, figures: list[Figure]) -> None:
    """'1,000 bodies for 38': the second figure went to the other side."""
    for first, second in zip(figures, figures[1:], strict=False):
        if first.vague or second.vague:
            continue
        if not cues.FOR_BETWEEN.fullmatch(text, first.end, second.start):
            continue
        if first.side in _OTHER and second.side is None:
            second.side = _OTHER[first.side]
        elif second.side in _OTHER and first.side is None:
            first.side = _OTHER[second.side]
        elif first.side is None and second.side is None:
            first.side, second.side = UKRAINE, RUSSIA
        if not second.category:
            second.category = first.category


_ALONG_WITH = re.compile(
    r"(?<![\w])(?:along\s+with|together\s+with|as\s+well\s+as|plus|разом\s+з|а\s+також|"
    r"вместе\s+с|а\s+также)\s+(?:the\s+)?$"
)
_OWN_SIDE_CUE = re.compile(
    cues.any_of(cues.UKRAINIAN_PEOPLE, cues.RUSSIAN_PEOPLE, cues.TO_UKRAINE, cues.TO_RUSSIA)
)


def _ride_along(text: str, figures: list[Figure]) -> None:
    """'157 Russian servicemen had been returned, along with three civilians': the
    civilians went where the servicemen went, whatever the verb says of Russia."""
    for previous, figure in zip(figures, figures[1:], strict=False):
        if previous.side not in _OTHER or figure.vague:
            continue
        gap = text[previous.end : figure.start]
        if len(gap) > 80 or ";" in gap or not _ALONG_WITH.search(gap):
            continue
        after = text[figure.end : figure.end + 60]
        stop = _WINDOW_STOP.search(after)
        if not _OWN_SIDE_CUE.search(after[: stop.start()] if stop else after):
            figure.side = previous.side


def _inherit_sides(text: str, figures: list[Figure], clauses: list[tuple[int, int]]) -> None:
    """'270 Russian servicemen and 120 civilians': the civilians went to Russia too."""
    for previous, figure in zip(figures, figures[1:], strict=False):
        if figure.side is not None or figure.vague or previous.side is None:
            continue
        if _clause_of(clauses, previous.start) != _clause_of(clauses, figure.start):
            continue
        if _GAP_AND.fullmatch(text, previous.end, figure.start):
            figure.side = previous.side
