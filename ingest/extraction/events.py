"""Assemble sentence mentions into the events an article reports.

An article states its main event many times (headline, lead, quotes, a recap
list, a table); a round-up states several. Mentions are merged in three
passes, most specific first:

1. mentions with counts: merged when kind, date and every shared count agree
   (a plan's totals may sit on a staged exchange whose first stage has other
   figures; figures introduced by "in addition" add to the ones just given);
2. dated mentions without counts: merged into an event of the same date, or
   give their date to the nearest undated event, or start an event of their own;
3. the rest ("the exchange was the 64th", "mediated by the UAE") join the
   article's lead event of their kind; only when there is none, and the text
   asserts one happened, do they start an (undated, uncounted) event.

Every pass is declared, in order and with a line saying what it does, in
MENTION_PASSES, DRAFT_BUILDERS and DRAFT_PASSES at the end of this module;
then the article frame dates its lead event and each event gets its confidence.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from functools import lru_cache
from itertools import combinations

from ingest.extraction import confidence, cues
from ingest.extraction.counts import RUSSIA, UKRAINE
from ingest.extraction.dates import DAY, WEEK, DateMention, dateline_date, find_dates
from ingest.extraction.drafts import PRECISION_RANK, Draft, to_event
from ingest.extraction.kinds import inherit_kinds
from ingest.extraction.mentions import (
    AGREED,
    BODY_REPATRIATION,
    COMPLETED,
    IN_PROGRESS,
    POW_EXCHANGE,
    Mention,
    find_mentions,
    mediator_mention,
    mention_from_row,
)
from ingest.extraction.merging import (
    another_days_group,
    dates_agree,
    kinds_agree,
    merge_counted,
    shares_a_count,
)
from ingest.extraction.plans import planned_group
from ingest.extraction.sentences import MAX_TEXT_CHARS, Sentence, split_sentences
from ingest.extraction.stages import (
    date_stage_days,
    lead_day,
    names_a_day_of_several,
    take_lead_day,
)
from ingest.extraction.tables import find_table_rows
from ingest.extraction.types import ExtractedEvent, MediatorName

_TOTAL_LABEL = re.compile(
    r"\W{0,3}(?:total|in\s+total|итого|всего|усього|всього|разом|загалом)(?![\w])", re.IGNORECASE
)
# "Related:", "READ ALSO: …", "Читайте також:": a box of links to other stories.
_LINKS_HEADING = re.compile(
    r"\W{0,3}(?:related(?:\s+(?:coverage|stories|articles|news|reading))?|read\s+(?:also|more)|"
    r"see\s+also|more\s+on\s+this|читайте\s+(?:також|также)|також\s+читайте|"
    r"по\s+теме|на\s+тему)(?:\s+[^\W\d_]+){0,3}\s*:",
    re.IGNORECASE,
)
_MAX_PARTS = 12
# "over the two days", "за два дні", "за два дня"
_OVER_DAYS = re.compile(
    r"(?<![\w])(?:over|in|during)\s+(?:the\s+)?(?:past\s+)?(?:two|three|2|3)\s+days|"
    # "by Saturday night 697 were back"
    r"(?<![\w])by\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:night|evening))?(?![\w])|"
    r"за\s+(?:ці\s+|эти\s+)?(?:два|дві|три|двое|трое|2|3)\s+(?:дні|дня|днів|дней|доби|суток)"
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_WORD = re.compile(r"[^\W\d_]{2,}")
_CLOCK = re.compile(r"\d{1,2}:\d{2}")


def find_events(
    text: str,
    *,
    published: dt.date | None,
    language: str,
    mediators: list[MediatorName],
) -> list[ExtractedEvent]:
    """Every exchange event `text` states, in order of first mention."""
    patterns = cues.mediator_patterns(tuple(mediators))
    text = text[:MAX_TEXT_CHARS]
    # A text that came without its publication date often prints it at its top.
    known_published = published
    published = published or dateline_date(text)
    rows = find_table_rows(text, published, patterns)
    row_starts = {row.start: row for row in rows}
    mentions: list[Mention] = []
    sentences = split_sentences(text)
    mediator_hits = _mediator_hits(tuple(mediators), text)
    last_row_block = -2
    section_day = None  # the day of the latest date heading: "[15.01.2025 14:06]"
    links_end = -1  # end of a "Related:" box: its lines are titles of other stories
    lead = None  # (day, block) of a sentence that opens with a day and tells no exchange
    # (day, block) of a line that opens with a bare day: "- 5 March 2026. The largest swap …"
    line_day = None
    for index, sentence in enumerate(sentences):
        if _LINKS_HEADING.match(sentence.text):
            links_end = _links_box_end(text, sentence.end)
        if sentence.start < links_end:
            continue
        heading_day = _date_heading(sentence, published)
        if heading_day is not None:
            section_day = heading_day
            if not any(char.isdigit() for char in sentence.text):
                continue  # "Saturday's swap": the day of the bullets below, not an event
        if sentence.start in row_starts:
            row = row_starts[sentence.start]
            mentions.append(mention_from_row(row, index))
            mentions += _notes_mentions(row, sentence, index, language, patterns)
            last_row_block = sentence.block
            continue
        if sentence.text.startswith("|"):
            continue  # a table's header or an undated row (a total)
        if sentence.block - last_row_block <= 1 and _TOTAL_LABEL.match(sentence.text):
            continue  # "Total 695 695" under a table's rows: the sum of the rows
        found = find_mentions(
            sentence,
            index,
            published=section_day.date if section_day else published,
            language=language,
            mediator_patterns=patterns,
        )
        plan = planned_group(sentence, index, published)
        if plan is not None:
            # "… with 300 more due on Friday": that group is a plan of its own.
            found = [m for m in found if m.counts() != plan.counts()] + [plan]
        for mention in found:
            mention.section_day = section_day
        if line_day is not None and line_day[1] != sentence.block:
            line_day = None
        take_lead_day(found, lead or line_day, sentence)
        day = None if found else lead_day(sentence, published)
        lead = (day, sentence.block) if day else None
        if not found and _opens_its_line(sentences, index):
            bare = _bare_day(sentence, published)
            line_day = (bare, sentence.block) if bare else line_day
        if not found and _names_a_mediator(mediator_hits, sentence):
            found = [m for m in [mediator_mention(sentence, index, patterns)] if m]
        mentions += found
    for step, _what in MENTION_PASSES:
        step(mentions)
    drafts: list[Draft] = []
    for step, _what in DRAFT_BUILDERS:
        step(mentions, drafts)
    for step, _what in DRAFT_PASSES:
        step(drafts)
    drafts = [draft for draft in drafts if _placeable(draft)]
    _date_lead_by_publication(drafts, published)
    events = [to_event(draft) for draft in drafts]
    confidence.rate(events, drafts, published=known_published, language=language)
    return events


def _date_lead_by_publication(drafts: list[Draft], published: dt.date | None) -> None:
    """A news report's lead event that no sentence dates happened when it was reported.

    'Another exchange has taken place: 116 people are home' under a byline of 4 February:
    the swap is that week's news. Dated to the week, as the day itself is not said; a
    recap ('previously', 'in a separate deal'), a stage or a plan is never dated this way.
    """
    if published is None:
        return
    with_figures = [d for d in drafts if d.actual]
    lead = with_figures[0] if with_figures else None
    if lead is None or lead.date_mention is not None or lead.planned:
        return
    counted = [m for m in lead.mentions if m.has_counts]
    if any(m.status == AGREED for m in lead.mentions) and not all(
        m.status == COMPLETED for m in counted
    ):
        return  # a plan: the deal is news, and no figure is told as a swap done
    if any(
        m.separate or m.from_table or m.is_stage or (m.has_counts and names_a_day_of_several(m))
        for m in lead.mentions
    ):
        return  # a recap, a table's summary, or one day of several: not the report's own news
    first = min(lead.mentions, key=lambda m: m.index)
    first.date = DateMention(published, WEEK, 0, 0, relative=True)


def _drop_sums_over_days(drafts: list[Draft]) -> None:
    """'697 were freed over the two days' (or 'by Saturday night') after the 390 and the
    307 of each day: the days
    added up, not another exchange. (A whole told over its days, '500 each over two days',
    adds up no other figures of the article and stays.)"""
    for draft in list(drafts):
        if not any(_OVER_DAYS.search(cues.lowercase(m.sentence.text)) for m in draft.mentions):
            continue
        others = [
            d
            for d in drafts
            if d is not draft and (d.kind == draft.kind or None in (d.kind, draft.kind))
        ]
        for side, value in draft.actual.items():
            # The days it sums are told nearby; a bound keeps a long table from costing
            # millions of combinations.
            parts = [d.actual[side] for d in others if d.actual.get(side)][:_MAX_PARTS]
            if any(sum(pair) == value for pair in combinations(parts, 2)) or any(
                sum(triple) == value for triple in combinations(parts, 3)
            ):
                drafts.remove(draft)
                break


def _notes_mentions(row, sentence, index: int, language: str, patterns) -> list[Mention]:
    """'Same day: bodies exchanged, 212 to Ukraine and 45 to Russia' in a row's notes
    cell: another exchange, told on the row's day."""
    found = []
    for note in row.notes:
        at = sentence.text.find(note)
        cell = Sentence(note, sentence.start + at, sentence.start + at + len(note),
                        sentence.block, is_heading=False)  # fmt: skip
        for mention in find_mentions(
            cell, index, published=row.date.date, language=language, mediator_patterns=patterns
        ):
            # Another kind is another exchange; the same kind is another account of the row's.
            if mention.has_counts and mention.kind and mention.kind != (row.kind or POW_EXCHANGE):
                mention.date = mention.date or row.date
                mention.from_notes = True
                found.append(mention)
    return found


def _links_box_end(text: str, start: int) -> int:
    """Where a box of links ends: at a blank line, and after six lines at most."""
    blank = _BLANK_LINE.search(text, start)
    end = blank.start() if blank else len(text)
    position = start
    for _ in range(6):
        position = text.find("\n", position + 1)
        if position < 0:
            return end
    return min(end, position)


def _placeable(draft: Draft) -> bool:
    """An exchange said to be done, with neither a date nor a figure, is talk about
    exchanges in general ('relatives learn he is alive when he appears in an exchange')."""
    return bool(
        draft.actual
        or draft.planned
        or draft.date_mention
        or draft.in_progress
        or draft.agreed_only
    )


def _refer_back(mentions: list[Mention]) -> None:
    """'On the same day …' takes the date told before; 'Russia got the same number'
    takes the count told just before for the other side."""
    last_date = None
    previous: Mention | None = None
    for mention in mentions:
        if mention.same_day and mention.date is None and last_date is not None:
            mention.date = last_date
        if mention.same_number and len(mention.counts()) == 1:
            # "246 were returned and the same number handed over": its own count.
            ((side, value),) = mention.counts().items()
            other = RUSSIA if side == UKRAINE else UKRAINE
            setattr(mention, other, value)
            if side in mention.voices:  # the same speaker gave both
                mention.voices[other] = mention.voices[side]
        elif (
            mention.same_number
            and previous is not None
            and mention.index - previous.index <= 2
            and len(previous.counts()) == 1
        ):
            ((side, value),) = previous.counts().items()
            other = RUSSIA if side == UKRAINE else UKRAINE
            if getattr(mention, other) is None and getattr(mention, side) in (None, value):
                setattr(mention, other, value)
        if mention.date is not None:
            last_date = mention.date
        elif mention.named_day is not None:
            # "The first swap since 2 October. On that day …": the day just named.
            last_date = DateMention(**{**mention.named_day.__dict__, "bounds_other": False})
        if mention.has_counts:
            previous = mention


def _merge_restatements(drafts: list[Draft]) -> None:
    """A headline and the body may state the same figures apart: one event."""
    # Earlier drafts by their figures: a twin has the same ones, and looking only
    # among those keeps a long table from comparing every row with every other.
    earlier: dict[tuple, list[Draft]] = {}
    index = 0
    while index < len(drafts):
        draft = drafts[index]
        figures = tuple(sorted(draft.actual.items()))
        twin = next(
            (
                other
                for other in (earlier.get(figures, ()) if draft.actual else ())
                if kinds_agree(other.kind, draft.kind)
                and dates_agree(other.date_mention, draft.date_mention)
                and not any(another_days_group(m, other) for m in draft.mentions)
            ),
            None,
        )
        if twin is None:
            earlier.setdefault(figures, []).append(draft)
            index += 1
            continue
        twin.mentions = sorted(twin.mentions + draft.mentions, key=lambda m: m.index)
        del drafts[index]


_HEADING_MAX_CHARS = 60


def _opens_its_line(sentences, index: int) -> bool:
    return index == 0 or sentences[index - 1].block != sentences[index].block


def _date_heading(sentence, published: dt.date | None):
    """'Saturday 14 September 2024', '[15.01.2025 14:06]', 'Moscow, 31 January 2024':
    a short line that is a day and little else dates what follows it."""
    if not sentence.is_heading:
        return None
    return _bare_day(sentence, published)


def _bare_day(sentence, published: dt.date | None):
    """A sentence that is a day and little else ("5 March 2026.")."""
    if len(sentence.text) > _HEADING_MAX_CHARS:
        return None
    dates = [d for d in find_dates(sentence.text, published) if d.precision == DAY]
    if len({d.date for d in dates}) != 1 or any(d.bounds_other for d in dates):
        return None
    rest = sentence.text
    for found in reversed(dates):
        rest = rest[: found.start] + rest[found.end :]
    if len(_WORD.findall(rest)) > 5 or any(c.isdigit() for c in _CLOCK.sub("", rest)):
        return None  # "17 July: 1,000 bodies to Ukraine" is a list item, not a heading
    return DateMention(**{**dates[0].__dict__, "relative": False})


def _date_by_section(drafts: list[Draft]) -> None:
    """An exchange the text never dates happened on the day of the heading it is told
    under: a statement's dateline, a live blog's day, a Telegram post's timestamp."""
    for draft in drafts:
        if draft.date_mention is not None or draft.agreed_only or not draft.actual:
            continue
        if any(m.separate for m in draft.mentions):
            continue
        # The headline comes before the dateline: the first counted mention under a heading.
        under_heading = [m for m in draft.mentions if m.has_counts and m.section_day is not None]
        if under_heading:
            first = min(under_heading, key=lambda m: m.index)
            first.date = first.section_day


def _merge_dated(mentions: list[Mention], drafts: list[Draft]) -> None:
    for mention in mentions:
        if mention.has_counts or mention.date is None:
            continue
        rank = PRECISION_RANK[mention.date.precision]
        same_date = [
            d
            for d in drafts
            if d.date_mention is not None
            and kinds_agree(mention.kind, d.kind)
            and rank >= PRECISION_RANK[d.date_mention.precision]
            and dates_agree(mention.date, d.date_mention)
            and not _another_days_stage(mention, d)
        ]
        if not same_date and mention.date.precision == WEEK and not mention.separate:
            # "Third handover this week: another 1,200 bodies" over Saturday's 1,200.
            same_date = [
                d
                for d in drafts
                if d.date_mention is not None
                and d.date_mention.precision == DAY
                and kinds_agree(mention.kind, d.kind)
                and dates_agree(mention.date, d.date_mention)
            ]
        if same_date:
            _nearest(mention, same_date).add(mention)
            continue
        undated = [
            d
            for d in drafts
            if d.date_mention is None and not d.agreed_only and kinds_agree(mention.kind, d.kind)
        ]
        if (
            undated
            and mention.is_stage
            and not any(m.is_stage for d in undated for m in d.mentions)
        ):
            # "The first stage of the deal began on 9 June", beside today's undated 1,200
            # bodies: a stage told without figures dates another stage, not today's swap.
            continue
        if undated and not mention.separate:
            _nearest(mention, undated).add(mention)
            continue
        if mention.kind and mention.status in {COMPLETED, IN_PROGRESS}:
            drafts.append(Draft(mentions=[mention]))


def _another_days_stage(mention: Mention, draft: Draft) -> bool:
    """'Today the second stage took place' is not yesterday's first stage."""
    other = draft.date_mention
    return (
        mention.is_stage
        and draft.in_progress
        and mention.date.precision == DAY
        and other.precision == DAY
        and mention.date.date != other.date
    )


def _merge_rest(mentions: list[Mention], drafts: list[Draft]) -> None:
    for mention in mentions:
        if mention.has_counts or mention.date is not None:
            continue
        if mention.mediator_only:
            _attach_mediator(mention, drafts)
            continue
        own = _same_line_draft(mention, drafts)
        if own is not None and not mention.separate:
            own.add(mention)
            continue
        fitting = [d for d in drafts if kinds_agree(mention.kind, d.kind)]
        if mention.kind is None:
            # "The exchange": the article's lead event, whatever its kind.
            fitting = drafts[:1] if drafts else []
        if fitting:
            if not mention.separate:
                min(fitting, key=lambda d: min(m.index for m in d.mentions)).add(mention)
            continue
        if mention.kind and mention.status in {COMPLETED, IN_PROGRESS} and not mention.separate:
            drafts.append(Draft(mentions=[mention]))


def _same_line_draft(mention: Mention, drafts: list[Draft]) -> Draft | None:
    """'- 14 August: 84 for 84. UAE mediation; Kyiv's 67th exchange.': a line (paragraph,
    list item) that states one exchange's figures or date is about that exchange."""
    own = [
        d
        for d in drafts
        if kinds_agree(mention.kind, d.kind)
        and any(
            m.sentence.block == mention.sentence.block
            and m.index < mention.index
            and (m.has_counts or m.date is not None)
            for m in d.mentions
        )
    ]
    if not own:
        return None
    return max(own, key=lambda d: max(m.index for m in d.mentions if m.index < mention.index))


def _attach_mediator(mention: Mention, drafts: list[Draft]) -> None:
    """A mediator named on its own is about the exchange told nearest to it, or about
    every exchange listed when the sentence says 'all of these'."""
    if not drafts:
        return
    if mention.all_listed:
        for draft in drafts:
            draft.mentions.append(mention)
        return
    own = _same_line_draft(mention, drafts)
    if own is not None:
        own.mentions.append(mention)
        return
    if not mention.names_again:
        # "Zelensky thanked the Emirates": said of the exchange already credited to them.
        named = {name for d in drafts for m in d.mentions for name in m.mediators}
        mention.mediators = [name for name in mention.mediators if name not in named]
        if not mention.mediators:
            return
    # Nearest first; at equal distance the exchange told before, which the sentence follows.
    # Only what states the exchange (figures, a date, a tense) places it in the text.
    placed = [(d, [m for m in d.mentions if _states_exchange(m)]) for d in drafts]
    placed = [(d, anchors) for d, anchors in placed if anchors]
    if not placed:
        return
    nearest, _ = min(
        placed,
        key=lambda pair: min(
            (abs(m.index - mention.index), m.index > mention.index) for m in pair[1]
        ),
    )
    nearest.mentions.append(mention)


def _states_exchange(mention: Mention) -> bool:
    return bool(mention.has_counts or mention.date or mention.status or mention.from_table)


def _mediator_hits(mediators: tuple[MediatorName, ...], text: str) -> list[int]:
    """Offsets of every mediator name in the text that stands as a word of its own.

    The names are plain strings, and `str.find` passes over the text far faster
    than a regex alternation tried at every position.
    """
    hits = []
    for name in _mediator_names(mediators):
        at = text.find(name)
        while at != -1:
            end = at + len(name)
            before = text[at - 1] if at else " "
            after = text[end] if end < len(text) else " "
            if not (before.isalnum() or before in "_.") and not (after.isalnum() or after == "_"):
                hits.append(at)
            at = text.find(name, at + 1)
    return sorted(hits)


@lru_cache(maxsize=32)
def _mediator_names(mediators: tuple[MediatorName, ...]) -> tuple[str, ...]:
    names = {name for m in mediators for name in (m.name, *m.aliases) if name}
    return tuple(names | {name.replace("'", mark) for name in names for mark in "’ʼ"})


def _names_a_mediator(hits: list[int], sentence) -> bool:
    position = bisect.bisect_left(hits, sentence.start)
    return position < len(hits) and hits[position] < sentence.end


def _fold_plans_into_stages(drafts: list[Draft]) -> None:
    """'Expected to swap 1,000 each' and '390 came home on Friday, the first stage': one event.
    So is 'Russia would swap 175 for 175' beside '175 each were released': the plan, carried out.
    """
    for plan in [d for d in drafts if d.agreed_only and d.planned]:
        if plan.date_mention is not None:
            continue  # "300 more due on Friday": the next group, planned for its own day
        done = next(
            (
                d
                for d in drafts
                if d is not plan
                and not d.agreed_only
                and not d.in_progress
                and kinds_agree(d.kind, plan.kind)
                and (shares_a_count(plan.planned, d.actual) or _carried_out_after(plan, d))
            ),
            None,
        )
        if done is not None:
            done.mentions = sorted(done.mentions + plan.mentions, key=lambda m: m.index)
            drafts.remove(plan)
            continue
        stages = [
            d
            for d in drafts
            if d is not plan
            and d.in_progress
            and kinds_agree(d.kind, plan.kind)
            and all(plan.planned.get(side, value) >= value for side, value in d.actual.items())
        ]
        if stages:
            stage = stages[0]
            stage.mentions += plan.mentions
            stage.mentions.sort(key=lambda m: m.index)
            for side, value in plan.planned.items():
                stage.planned.setdefault(side, value)
            drafts.remove(plan)


def _fold_undated_formulas(drafts: list[Draft]) -> None:
    """'Russia and Ukraine have begun their 1,000-for-1,000 swap' above '390 came home on
    Friday': an undated N-for-N formula of a swap under way, larger than the article's
    own exchange of that kind, is the size of the whole, not another exchange. It joins
    that exchange as its plan. (A swap told as done, or a deal, stays an event.)
    """
    for formula in list(drafts):
        values = set(formula.actual.values())
        if formula.date_mention is not None or len(formula.actual) != 2 or len(values) != 1:
            continue
        if not any(m.has_counts and m.status == IN_PROGRESS for m in formula.mentions):
            continue  # a whole swap told as done, or a deal: an event of its own
        size = values.pop()
        smaller = next(
            (
                d
                for d in drafts
                if d is not formula
                and d.actual
                and kinds_agree(d.kind, formula.kind)
                and all(value < size for value in d.actual.values())
            ),
            None,
        )
        if smaller is None:
            continue
        smaller.mentions = sorted(smaller.mentions + formula.mentions, key=lambda m: m.index)
        for side, value in formula.actual.items():
            smaller.planned.setdefault(side, value)
        drafts.remove(formula)


def _carried_out_after(plan: Draft, done: Draft) -> bool:
    """'Putin had told Trump on Tuesday that Russia would hand over 23 wounded' in a
    report of Wednesday's swap: a plan made days before the exchange it led to."""
    made = [m.announced.date for m in plan.mentions if m.announced is not None]
    day = done.date_mention
    if not made or day is None or day.precision != DAY:
        return False
    if not all(value <= done.actual.get(side, 0) for side, value in plan.planned.items()):
        return False  # more was planned than this exchange carried out
    return any(0 < (day.date - when).days <= 14 for when in made)


def _nearest(mention: Mention, drafts: list[Draft]) -> Draft:
    return min(drafts, key=lambda d: min(abs(m.index - mention.index) for m in d.mentions))


# Kept for readers looking for where bodies are told apart from prisoners.
__all__ = ["BODY_REPATRIATION", "find_events"]


def _in_order_of_mention(mentions: list[Mention], drafts: list[Draft]) -> None:
    drafts.sort(key=lambda draft: min(m.index for m in draft.mentions))


# How an article's mentions become its events, in order (find_events runs them). Each
# pass changes the mentions or the drafts in place; the line beside it says what it does.
MENTION_PASSES = (
    (_refer_back, "'on the same day', 'the same number': the date or count told before"),
    (inherit_kinds, "a dated line under a sentence about bodies is about bodies"),
    (date_stage_days, "'the first day', 'the second': the day each stage happened on"),
)
DRAFT_BUILDERS = (
    (merge_counted, "mentions with figures become drafts; kind, date and figures must agree"),
    (_merge_dated, "dated mentions without figures join a draft of their date, or start one"),
    (_in_order_of_mention, "drafts in the order the article first tells them"),
    (_merge_rest, "the rest (an ordinal, a mediator) join the lead event of their kind"),
)
DRAFT_PASSES = (
    (_fold_plans_into_stages, "a plan and the stage that carries it out are one event"),
    (_merge_restatements, "a headline and the body stating the same figures are one event"),
    (_date_by_section, "an undated exchange takes the day of the heading it is told under"),
    (_fold_undated_formulas, "an undated N-for-N formula of a swap under way is its plan"),
    (_drop_sums_over_days, "a figure adding up the days told before is no other exchange"),
)
