"""Candidate exchange mentions: what one sentence says about an exchange.

A mention is the sentence's kind, figures (with sides), status, date,
mediators, ordinal and speaker. Sentences that report running totals
("4,757 freed since March 2022") or talk about exchanges nobody carried out
or agreed ("Kyiv proposed an all-for-all swap") give no mention.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ingest.extraction import cues, mediation
from ingest.extraction.counts import BOTH, RUSSIA, UKRAINE, Figure, clause_of, find_figures
from ingest.extraction.dates import DAY, MONTH, WEEK, DateMention, find_dates, when_follows
from ingest.extraction.lexicon import bounded, words
from ingest.extraction.named import count_named_people
from ingest.extraction.sentences import Sentence
from ingest.extraction.tables import TableRow

BODY_REPATRIATION, POW_EXCHANGE, CIVILIAN_RETURN = (
    "body_repatriation",
    "pow_exchange",
    "civilian_return",
)
AGREED, IN_PROGRESS, COMPLETED = "agreed", "in_progress", "completed"
_OWN = (UKRAINE, RUSSIA)
OUTLET = "the outlet"

# Cheap test run first on every sentence: most sentences of an article say
# nothing about an exchange and are dropped here.
_RELEVANT = re.compile(
    cues.any_of(
        cues.EXCHANGE_NOUN,
        cues.EXCHANGE_NOUN_PLURAL,
        cues.TRANSFER_VERB,
        cues.BODY,
        cues.TO_UKRAINE,
        cues.TO_RUSSIA,
        cues.PAIR,
        cues.STAGE,
    )
)
_PEOPLE = re.compile(
    cues.any_of(cues.BODY, cues.CAPTIVITY, cues.MILITARY, cues.CIVILIAN)
    + r"|\b(?:ukrainians|russians|people|українців|россиян|росіян|українці|людей|люди|осіб|"
    r"человек|граждан|громадян)(?![\w])",
)

# "the final group of 303 had been swapped for 303": the formula names who was swapped.
_SWAPPED_FOR = re.compile(r"\d\s+(?:[^\W\d_]+\s+){0,4}?(?:for|на)\s+\d")

# "put on trial rather than exchanged": the exchange word says what did not happen.
_NOT_EXCHANGED = re.compile(
    r"(?<![\w])(?:rather\s+than|instead\s+of)\s+(?:be(?:ing)?\s+)?(?:exchanged|traded|swapped|"
    r"released|freed)(?![\w])"
    # "…, and since then only bodies have been exchanged": what came after, not this event.
    r"|,?\s*and\s+since\s+then\s[^.;]{0,200}"
)

# "Ukraine said on Thursday it had secured …": the day it was said, maybe not the swap's.
_SAID_BEFORE = re.compile(
    r"(?<![\w])(?:said|announced|reported|confirmed|told\s+[\w\s]{1,25}?|wrote|stated|"
    r"повідомив\w*|заявив\w*|заявил\w*|сообщил\w*)\s+(?:on\s+|late\s+on\s+|в\s+|у\s+)?$"
)
# "84 Ukrainians, most of them civilians": some were not.
# "two civilians were also freed", "кроме того, возвращены 20 гражданских": a group that
# came besides the one told before ("also said" is one more thing said, not one more group).
_ALSO = re.compile(bounded("also") + rf"(?!\s+{words('also_said')})")
_MIXED = re.compile(
    r"(?<![\w])(?:most|mostly|many|some|majority)\s+(?:of\s+(?:them|whom)\s+)?(?:were\s+)?"
    r"civilians?(?![\w])"
)
# More people of one side than any single prisoner exchange has freed: told with no
# exchange word and no date, such a figure is a running total. (Bodies are handed over
# in thousands, and a plan's "1,000 for 1,000" is per side, below this.)
_LARGEST_SWAP_SIDE = 1500

# Figures placed only within a whole year are that year's totals:
# "in 2025", "last year", "торік": a whole year, never one exchange's date.
_WHOLE_YEAR = re.compile(
    r"(?<![\w])(?:(?:in|during|throughout|over)\s+(?:19|20)\d\d|last\s+year|торік|"
    r"минулого\s+року|у\s+минулому\s+році|в\s+прошлом\s+году|"
    # "в 2025 году 1851 вернулся", "1358 – у 2024 році"
    r"(?:в|у)\s+(?:19|20)\d\d\s+(?:году|році))(?![\w])"
)


@dataclass
class Mention:
    sentence: Sentence
    index: int  # position of the sentence in the article
    kind: str | None  # body_repatriation | pow_exchange | None: "the exchange", kind unsaid
    status: str | None  # agreed | in_progress | completed | None: tense says nothing
    is_stage: bool = False
    finished: bool = False  # "the final stage", "completed the exchange": the whole is over
    date: DateMention | None = None
    figures: list[Figure] = field(default_factory=list)
    to_ukraine: int | None = None
    to_russia: int | None = None
    breakdown: dict = field(default_factory=dict)
    has_vague_figure: bool = False
    military: bool = False
    civilian: bool = False
    mediators: list[str] = field(default_factory=list)
    ordinal: int | None = None
    attributed_to: str = OUTLET
    separate: bool = False  # "in a separate deal", "previously": another, earlier event
    from_table: bool = False  # a table row: a summary that yields to the prose's figures
    from_notes: bool = False  # told in a table row's notes cell: that row's side event
    additive: bool = False  # "In addition, 31 wounded…": adds to the figures just given
    also: bool = False  # "two civilians were also freed": a group that came besides
    same_day: bool = False  # "on the same day": dated by the event told before
    same_number: bool = False  # "Russia got the same number back": the other side's count
    date_said: bool = False  # "said on Thursday": the date of the statement
    announced: DateMention | None = None  # a plan's: "Putin told Trump on Tuesday that …"
    named_day: DateMention | None = None  # the last day the sentence names, for "on that day"
    section_day: DateMention | None = None  # the day of the date heading it is told under
    mediator_only: bool = False  # names a mediator and nothing else about an exchange
    all_listed: bool = False  # "all of these were carried out with the Red Cross"
    names_again: bool = False  # "then, too, the Red Cross assisted": another exchange
    # Whose side gave each count: {"to_ukraine": "to_ukraine"} is Kyiv's own figure.
    voices: dict = field(default_factory=dict)

    @property
    def has_counts(self) -> bool:
        return self.to_ukraine is not None or self.to_russia is not None

    def counts(self) -> dict[str, int]:
        return {
            side: value
            for side, value in ((UKRAINE, self.to_ukraine), (RUSSIA, self.to_russia))
            if value is not None
        }


def find_mentions(
    sentence: Sentence,
    index: int,
    *,
    published: dt.date | None,
    language: str,
    mediator_patterns: list[tuple[str, re.Pattern]],
) -> list[Mention]:
    """The mentions of one sentence: none, one, or two when it gives both bodies and prisoners."""
    text = sentence.text
    lowered = cues.lowercase(text)
    if not _RELEVANT.search(lowered):
        return []
    masked = cues.INSTITUTION.sub(lambda m: " " * len(m.group()), lowered)
    masked = _NOT_EXCHANGED.sub(lambda m: " " * len(m.group()), masked)
    has_noun = cues.EXCHANGE_NOUN.search(masked) or cues.PAIR.search(masked)
    has_transfer = cues.TRANSFER_VERB.search(masked)
    destination = cues.TO_UKRAINE.search(masked) or cues.TO_RUSSIA.search(masked)
    # "carried out one of their largest exchanges on Saturday": one exchange, ranked.
    carried_out = cues.EXCHANGE_NOUN_PLURAL.search(masked) and cues.PAST_TRANSFER.search(masked)
    # "On Tuesday, a second group of wounded prisoners followed": a dated stage.
    stage_word = cues.STAGE.search(masked)
    dates = find_dates(text, published) if stage_word else None
    dated_stage = stage_word and dates
    if not (has_noun or carried_out or destination or dated_stage) and not (
        has_transfer and (_PEOPLE.search(masked) or _SWAPPED_FOR.search(masked))
    ):
        return []
    if any(_is_running_total(masked, match) for match in cues.CUMULATIVE.finditer(masked)):
        return []
    if _counted_so_far(masked):
        return []  # "вже 3310 повернули", "на 6 березня вдалося повернути 6922": a total so far
    if cues.ON_A_PLANE.search(masked) and cues.CARRIED.search(masked):
        return []  # "65 prisoners were said to be on board the plane that crashed"
    finished = _finished(masked)
    status = COMPLETED if finished else _status(masked)
    is_stage = bool(stage_word)
    unreal = cues.UNREAL.search(masked) or cues.WANTS.search(masked)
    if unreal and status not in {COMPLETED, IN_PROGRESS}:
        return []

    if dates is None:
        dates = find_dates(text, published)
    if not dates and _whole_year(masked):
        return []  # "in 2025, Russia handed over 14,480 bodies": a year's total
    blanked = _blank(masked, [(d.start, d.end) for d in dates])
    figures = find_figures(blanked, language, lowered)
    count_named_people(text, figures)
    if len({d.date for d in dates if not d.bounds_other}) > 1:
        for figure in figures:
            # "152 freed in total over Friday and Saturday": a sum over two exchanges.
            figure.vague = figure.vague or figure.total
    said_for_figures = [
        d
        for d in dates
        if not d.bounds_other
        and not cues.TALKS_BEFORE.search(masked, max(0, d.start - 60), d.start)
    ]
    # "today's swap follows a repatriation on Tuesday, when Russia handed over 1,000 bodies":
    # the day the counted clause hangs on ("…, when") is the figures' day.
    date = next(
        (d for d in said_for_figures if when_follows(masked, d) and _figures_after(figures, d)),
        said_for_figures[0] if said_for_figures else None,
    )
    date = _most_precise_within(date, dates)
    announced = date if status == AGREED else None
    if status == AGREED:
        date = None  # the dates near a plan are when it was announced, not when it happened

    if date is None and not has_noun and _beyond_one_swap(masked, figures):
        return []  # "Ukraine has managed to bring back 3,135 citizens": a total so far
    if unreal and date is None and not any(f.side for f in figures):
        return []  # "Kyiv sought an all-for-all exchange that would see every POW returned"
    plural_only = not has_noun and cues.EXCHANGE_NOUN_PLURAL.search(masked)
    if plural_only and not any(f.side for f in figures) and date is None:
        return []  # "such exchanges have become routine": about exchanges in general

    base = Mention(
        sentence=sentence,
        index=index,
        kind=_kind(masked),
        status=status,
        is_stage=is_stage,
        finished=finished,
        date=date,
        military=bool(
            cues.MILITARY.search(masked)
            or cues.CAPTIVITY.search(masked)
            or _MIXED.search(masked)
            # "157 people, among them seven civilians": civilians are part of the whole.
            or any(f.subset and f.category == "civilians" for f in figures)
        ),
        civilian=bool(cues.CIVILIAN.search(masked)),
        mediators=mediation.tied_mediators(text, lowered, mediator_patterns),
        ordinal=_ordinal(masked),
        attributed_to=_speaker(masked, lowered, text, mediator_patterns),
        separate=bool(cues.SEPARATE.search(blanked)),  # "earlier in May" is a date
        additive=bool(cues.ADDITION.search(masked[:40])),
        also=bool(_ALSO.search(masked)),
        has_vague_figure=any(f.vague for f in figures),
        same_day=date is None and bool(cues.SAME_DAY.search(masked)),
        same_number=bool(cues.SAME_NUMBER.search(masked)),
        named_day=next((d for d in reversed(dates) if d.precision == DAY), None),
        date_said=bool(date and _date_of_telling(text, masked, date)),
        announced=announced,
    )
    body_figures = [f for f in figures if f.category == "bodies"]
    # "1,000 bodies to Ukraine; Russia receives 19": a figure naming no people counts bodies too.
    other_figures = [
        f for f in figures if f.category != "bodies" and (f.category or f.names_people)
    ]
    if body_figures and any(f.side for f in other_figures) and any(f.side for f in body_figures):
        other_figures = [f for f in figures if f.category != "bodies"]
        # "84 prisoners … and 1,000 bodies": two events in one sentence.
        pair = [
            _with_figures(base, body_figures, BODY_REPATRIATION),
            _with_figures(base, other_figures, POW_EXCHANGE),
        ]
        _mediators_to_nearest_figures(pair, text, lowered, mediator_patterns)
        if base.date is not None:
            for mention in pair:
                mention.date = _date_of_clause(masked, mention.figures, dates) or base.date
        return pair
    kind = base.kind
    sided = [f for f in figures if f.side]
    if sided and not any(f.category for f in sided):
        # "Swap frees 75 each; sides also trade war dead": the clause with the figures decides.
        kind = _kind(_figure_clauses(masked, sided)) or kind
    if sided and all(f.category == "bodies" for f in sided):
        kind = BODY_REPATRIATION
    elif sided and all(f.category in {"military", "civilians", "wounded"} for f in sided):
        kind = POW_EXCHANGE  # "95 prisoners each …; 501 bodies returned": the counted ones decide
    return [_with_figures(base, figures, kind)]


def _mediators_to_nearest_figures(
    pair: list[Mention], text: str, lowered: str, patterns: list[tuple[str, re.Pattern]]
) -> None:
    """'95 each in a swap brokered by the UAE, and 501 bodies': the UAE brokered the swap."""
    if not pair[0].mediators:
        return
    spans = [(n, at) for n, at in mediation.mediator_spans(text, lowered, patterns)
             if n in pair[0].mediators]  # fmt: skip
    for mention in pair:
        mention.mediators = []
    for name, at in spans:
        nearest = min(pair, key=lambda m: min(abs(f.start - at) for f in m.figures))
        nearest.mediators.append(name)


def mention_from_row(row: TableRow, index: int) -> Mention:
    """A table row as a mention: the columns already say what the cues would."""
    sentence = Sentence(row.text, row.start, row.end, block=-1, is_heading=True)
    return Mention(
        sentence=sentence,
        index=index,
        kind=row.kind,
        status=AGREED if row.planned else COMPLETED,
        date=None if row.planned else row.date,
        to_ukraine=row.to_ukraine,
        to_russia=row.to_russia,
        mediators=row.mediators,
        ordinal=row.ordinal,
        from_table=True,
    )


def _with_figures(base: Mention, figures: list[Figure], kind: str | None) -> Mention:
    mention = Mention(
        **{**base.__dict__, "figures": figures, "kind": kind, "breakdown": {}, "voices": {}}
    )
    figures = _without_plan_sizes(figures, base.is_stage)
    totals: dict[str, list[Figure]] = {UKRAINE: [], RUSSIA: []}
    for figure in figures:
        if figure.vague or figure.side is None:
            continue
        for side in (UKRAINE, RUSSIA) if figure.side == BOTH else (figure.side,):
            totals[side].append(figure)
    for side, side_figures in totals.items():
        whole = [f for f in side_figures if not f.subset]
        if not whole:
            continue
        value, parts = side_count(whole, side)
        setattr(mention, side, value)
        voice = next((f.voice for f in parts if f.voice), None)
        if voice:
            mention.voices[side] = voice
        if len(parts) > 1 or len(side_figures) > len(whole):
            for figure in parts + [f for f in side_figures if f.subset]:
                category = figure.category or "other"
                mention.breakdown.setdefault(category, {})[side] = (
                    mention.breakdown.get(category, {}).get(side, 0) + figure.value
                )
    return mention


def side_count(figures: list[Figure], side: str) -> tuple[int, list[Figure]]:
    """One side's count from its figures in one sentence, and the figures it is made of.

    The same number twice is one figure restated; a figure labelled as the
    total, or equal to the sum of the others, is the count and the others its
    parts; groups joined by "and"/"plus"/"separately" add up; figures that are
    not joined are two accounts of one count, and the side's own one wins.
    """
    unique = list({f.value: f for f in reversed(figures)}.values())[::-1]
    if len(unique) == 1:
        return unique[0].value, unique
    labelled = [f for f in unique if f.total]
    if labelled:
        return labelled[0].value, [labelled[0]]
    for figure in unique:
        others = [f for f in unique if f is not figure]
        if figure.value == sum(f.value for f in others):
            return figure.value, others
    groups: list[list[Figure]] = []
    for figure in unique:
        if figure.joined and groups:
            groups[-1].append(figure)
        else:
            groups.append([figure])
    own = [g for g in groups if any(f.voice == side for f in g)]
    group = (own or groups)[0]
    return sum(f.value for f in group), group


def _without_plan_sizes(figures: list[Figure], is_stage: bool) -> list[Figure]:
    """'Second day of the 1,000-for-1,000 swap: 307 more came home': 1,000 is the plan's size.

    In a sentence about one stage (or one more group), a both-sides figure larger
    than the group's own is the size of the whole exchange.
    """
    stage = [f for f in figures if not f.vague and (f.more or (is_stage and f.side in _OWN))]
    if not stage:
        return figures
    smallest = min(f.value for f in stage)
    return [f for f in figures if f.more or f.vague or f.value <= smallest or f.side != BOTH]


def _date_of_telling(text: str, masked: str, date: DateMention) -> bool:
    """'Ukraine said on Thursday …', 'KYIV, Sept 22 (Reuters) -': when it was told."""
    if _SAID_BEFORE.search(masked, max(0, date.start - 40), date.start):
        return True
    place = text[: date.start].strip().rstrip(",").strip()
    return 0 < len(place) <= 30 and place.isupper()


def _most_precise_within(date: DateMention | None, dates: list[DateMention]):
    """'Earlier this month …: on June 2, 160 bodies': the day inside a vaguer date is its day."""
    if date is None or date.precision == DAY:
        return date
    for other in dates:
        if other.precision == DAY and not other.bounds_other:
            if date.precision == MONTH and (other.date.year, other.date.month) == (
                date.date.year,
                date.date.month,
            ):
                return other
            if date.precision == WEEK and abs((other.date - date.date).days) <= 6:
                return other
    return date


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _date_of_clause(text: str, figures: list[Figure], dates: list[DateMention]):
    """'Last week's swap freed 207, and a handover late last month 77 bodies': each its own."""
    start, end = clause_of(text, figures[0].start)
    return next(
        (d for d in dates if not d.bounds_other and start <= d.start < end),
        None,
    )


def _figure_clauses(text: str, figures: list[Figure]) -> str:
    """The clauses of `text` that hold `figures`, the rest blanked."""
    first = clause_of(text, figures[0].start)
    last = clause_of(text, figures[-1].start)
    return text[first[0] : last[1]]


def _figures_after(figures: list[Figure], date) -> bool:
    return any(f.start > date.end and f.side for f in figures)


def _is_running_total(text: str, match: re.Match) -> bool:
    """'4,757 freed since March 2022' is a running total; 'the largest swap since the
    invasion' ranks one exchange, and 'held since 2022' says how long people were held."""
    before = text[max(0, match.start() - 80) : match.start()]
    return not (cues.RANKING_BEFORE.search(before) or cues.HELD_BEFORE.search(before))


def _counted_so_far(text: str) -> bool:
    """'Already 3,310 brought back', 'as of 6 March, 6,922 had been brought back': the
    count of every exchange so far, not of one."""
    if cues.OVER_ALL_EXCHANGES.search(text):
        return True
    return bool(cues.AS_OF_POINT.search(text) and cues.MANAGED_VERB.search(text))


def _beyond_one_swap(text: str, figures: list[Figure]) -> bool:
    """A figure of living people for one side larger than any exchange has been."""
    if cues.BODY.search(text):
        return False
    return any(
        f.side in _OWN and not f.vague and f.category != "bodies" and f.value > _LARGEST_SWAP_SIDE
        for f in figures
    )


def _whole_year(text: str) -> bool:
    """'In 2025, 1,851 came back': a year's total; 'the first swap in 2026' ranks one."""
    return any(
        not cues.RANKING_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
        for m in _WHOLE_YEAR.finditer(text)
    )


def _kind(text: str) -> str | None:
    if cues.BODY.search(text):
        return BODY_REPATRIATION
    if cues.CAPTIVITY.search(text) or cues.MILITARY.search(text) or cues.CIVILIAN.search(text):
        return POW_EXCHANGE
    return None


def _finished(text: str) -> bool:
    """'Completed the exchange', 'the final stage'; but after 'the first stage', what
    is completed is that stage."""
    match = cues.FINISHED.search(text)
    return bool(match) and not cues.EARLY_STAGE.search(text, 0, match.start())


def _status(text: str) -> str | None:
    # "Work on the next swap is under way": preparations, not an exchange in progress.
    work = cues.WORK_ON.search(text)
    if not work and (
        cues.UNDER_WAY.search(text) or cues.STARTED.search(text) or cues.STAGE.search(text)
    ):
        return IN_PROGRESS
    if cues.PAST_TRANSFER.search(text):
        return COMPLETED
    if cues.AGREED.search(text):
        return AGREED
    if not work and cues.TAKES_DAYS.search(text):
        return IN_PROGRESS
    return None


def mediator_mention(
    sentence: Sentence, index: int, mediator_patterns: list[tuple[str, re.Pattern]]
) -> Mention | None:
    """'He thanked the Emirates for their mediation.': a mediator, the exchange unsaid."""
    lowered = cues.lowercase(sentence.text)
    if mediation.about_exchanges_in_general(lowered):
        return None
    names = mediation.tied_mediators(sentence.text, lowered, mediator_patterns)
    if not names:
        return None
    return Mention(
        sentence=sentence,
        index=index,
        kind=None,
        status=None,
        mediators=names,
        mediator_only=True,
        all_listed=mediation.about_all_listed(lowered),
        names_again=mediation.names_again(lowered),
    )


def _ordinal(text: str) -> int | None:
    match = cues.ORDINAL.search(text)
    if not match:
        return None
    value = int(match.group(1))
    return value if 0 < value < 1000 else None


def _speaker(
    masked: str, lowered: str, text: str, mediator_patterns: list[tuple[str, re.Pattern]]
) -> str:
    if not cues.REPORTING.search(masked):
        return OUTLET
    found = [(m.start(), name) for pattern, name in cues.SPEAKERS if (m := pattern.search(lowered))]
    found += [
        (m.start(), name) for name, pattern in mediator_patterns if (m := pattern.search(text))
    ]
    return min(found)[1] if found else OUTLET
