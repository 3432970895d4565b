"""Merging the mentions that give counts into drafts of events (the first pass).

Mentions with counts are merged when kind, date and every shared count agree;
where counts differ they may still be one exchange: two sides' accounts, a sum
that holds a part told before, or a day on which the swap was only told.
"""

from __future__ import annotations

from ingest.extraction.counts import BOTH, RUSSIA, UKRAINE
from ingest.extraction.dates import DAY, MONTH, WEEK
from ingest.extraction.drafts import Draft
from ingest.extraction.mentions import AGREED, IN_PROGRESS, Mention


def kinds_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def dates_agree(a, b) -> bool:
    if a is None or b is None:
        return True
    if MONTH in (a.precision, b.precision):
        return (a.date.year, a.date.month) == (b.date.year, b.date.month)
    tolerance = 4 if WEEK in (a.precision, b.precision) else 1
    return abs((a.date - b.date).days) <= tolerance


# How many of the latest drafts a mention is compared with. An article tells of a
# few exchanges, a long table of hundreds or thousands of rows: comparing each row
# with every draft before it made extraction quadratic in the text's length
# (minutes for one big page); with the bound it grows linearly.
RECENT_DRAFTS = 100
# Dates further apart than this agree only by month (a week's precision allows
# four days; the day a swap was told may follow the day it happened by a week).
NEAR_DAYS = 7


def merge_counted(mentions: list[Mention], drafts: list[Draft]) -> None:
    last: Draft | None = None
    # Civilians freed besides the swap's soldiers, each group once, added at the end so
    # the soldiers' figure still matches the accounts told after them.
    besides: list[tuple[Mention, Draft]] = []
    # Each draft's kind and date, refreshed as it grows: both walk the draft's mentions,
    # and they are asked of every recent draft for every mention.
    facts = {id(draft): _facts(draft) for draft in drafts}
    for mention in mentions:
        if last is not None:
            facts[id(last)] = _facts(last)
        if not mention.has_counts:
            continue
        told = next((d for m, d in besides if _same_group(mention, m, d)), None)
        if told is not None:
            told.mentions.append(mention)  # the civilians told again
            continue
        if last is not None and _part_told_again(mention, last):
            last.mentions.append(mention)  # "20 of our people came home too": counted already
            continue
        if last is not None and _civilians_besides(mention, last):
            last.mentions.append(mention)
            besides.append((mention, last))
            continue
        if (
            mention.additive
            and last is not None
            and mention.index - last.mentions[-1].index <= 2
            and mention.sentence.block - last.mentions[-1].sentence.block <= 1
        ):
            last.add_on_top(mention)
            continue
        if last is not None and _sums_up(mention, last):
            last.mentions.append(mention)
            last.actual.update(mention.counts())
            continue
        # Only drafts of a kind and a date that could agree are worth the full comparison.
        near = [d for d in drafts[-RECENT_DRAFTS:] if _near(mention, *facts[id(d)])]
        candidates = [d for d in near if _counted_fits(mention, d)]
        if not candidates and mention.from_table:
            # A table sums up what the prose said in detail: same day and kind, same event.
            candidates = [d for d in near if _same_day_and_kind(mention, d)]
            if candidates:
                candidates[0].mentions.append(mention)
                last = candidates[0]
                continue
        if candidates:
            target = max(candidates, key=lambda d: _fit_score(mention, d))
        else:
            target = Draft()
            drafts.append(target)
        target.add(mention)
        _take_larger_sum(mention, target)
        last = target
    for mention, draft in besides:
        _add_civilians(mention, draft)


def _civilians_only(mention: Mention) -> bool:
    """Every figure counts civilians ('both returned 20 people each' in a sentence about
    civilians and no soldiers counts civilians too)."""
    sided = [f for f in mention.figures if f.side and not f.vague]
    if mention.civilian and not mention.military:
        return bool(sided) and all(f.category in {"civilians", ""} for f in sided)
    return bool(sided) and all(f.category == "civilians" for f in sided)


def _civilians_besides(mention: Mention, draft: Draft) -> bool:
    """'Also freed today were two civilians' after the swap's soldiers: part of that swap.
    A civilians' group the swap already counted, or one told far from it, is not."""
    return (
        mention.also
        and mention.status != AGREED
        and _civilians_only(mention)
        and bool(draft.actual)
        and not draft.agreed_only
        and mention.index - draft.mentions[-1].index <= 2
        and kinds_agree(mention.kind, draft.kind)
        and (mention.date is None or dates_agree(mention.date, draft.date_mention))
        and not any(m.civilian for m in draft.mentions)
    )


def _soldiers_counted(draft: Draft, side: str, besides: Mention) -> bool:
    """The side's count is of soldiers ('300 defenders', '185 for 185 prisoners of war'):
    '45 Ukrainians freed … also 12 civilians' may count the civilians among the 45."""
    value = draft.actual[side]
    return any(
        f.value == value
        and f.side in (side, BOTH)
        and (f.category == "military" or (not f.category and m.military and not m.civilian))
        for m in draft.mentions
        if m is not besides
        for f in m.figures
    )


def _part_told_again(mention: Mention, draft: Draft) -> bool:
    """'185 soldiers and 20 civilians came home … "We bring home 185 of our defenders"',
    '… civilians came back too, 20 of our people': a part the swap already counts (its
    soldiers, its civilians), told again on its own."""
    counts = mention.counts()
    parts = draft.actual_breakdown.values()
    return (
        bool(counts)
        and mention.status != AGREED
        and not mention.separate
        and kinds_agree(mention.kind, draft.kind)
        and dates_agree(mention.date, draft.date_mention)
        and all(
            value != draft.actual.get(side) and any(part.get(side) == value for part in parts)
            for side, value in counts.items()
        )
    )


def _same_group(mention: Mention, told: Mention, draft: Draft) -> bool:
    """The civilians' group told before, told again: the same figure for every side it names."""
    counts = mention.counts()
    return (
        _civilians_only(mention)
        and mention.status != AGREED
        and not mention.separate
        and kinds_agree(mention.kind, draft.kind)
        and dates_agree(mention.date, draft.date_mention)
        and all(told.counts().get(side) == value for side, value in counts.items())
    )


def _add_civilians(mention: Mention, draft: Draft) -> None:
    # Another account that already counts a side's civilians with its soldiers ("185
    # servicemen along with 20 civilians") has them in; the other side may not.
    counted_with_soldiers = {
        side
        for m in draft.mentions
        if m is not mention and not _civilians_only(m)
        for f in m.figures
        if f.category == "civilians" and f.side
        for side in ((UKRAINE, RUSSIA) if f.side == BOTH else (f.side,))
    }
    for side, value in mention.counts().items():
        if side in counted_with_soldiers:
            continue
        parts = sum(
            f.value
            for m in draft.mentions
            for f in m.figures
            if f.subset and f.side in (side, BOTH) and not f.vague
        )
        if parts and parts + value == draft.actual.get(side):
            continue  # "45 freed, among them 13 officers and 20 soldiers; also 12 civilians"
        if side in draft.actual and _soldiers_counted(draft, side, mention):
            draft.actual[side] += value
            draft.actual_breakdown.setdefault("civilians", {})[side] = value


def _facts(draft: Draft) -> tuple:
    return draft.kind, draft.date_mention


def _near(mention: Mention, kind: str | None, date) -> bool:
    """What `_counted_fits` needs first: the kinds agree and the dates can."""
    if not kinds_agree(mention.kind, kind):
        return False
    if mention.date is None or date is None:
        return True
    if abs((mention.date.date - date.date).days) <= NEAR_DAYS:
        return True
    return MONTH in (mention.date.precision, date.precision) and (
        mention.date.date.year,
        mention.date.date.month,
    ) == (date.date.year, date.date.month)


def _take_larger_sum(mention: Mention, draft: Draft) -> None:
    """'175 servicemen came home, along with 22 severely wounded': the sum holds the 175
    told before, and is the count."""
    for side, value in mention.counts().items():
        known = draft.actual.get(side)
        parts = [f.value for f in mention.figures if f.side in (side, BOTH) and not f.vague]
        if known is not None and known < value and len(parts) > 1 and known in parts:
            draft.actual[side] = value


def _adds_to(mention: Mention, draft: Draft) -> bool:
    """Where the counts differ, the mention's own parts include the draft's count."""
    for side, value in mention.counts().items():
        known = draft.actual.get(side)
        if known is None or known == value:
            continue
        parts = [f.value for f in mention.figures if f.side in (side, BOTH) and not f.vague]
        if not (known < value and len(parts) > 1 and known in parts):
            return False
    return True


def _sums_up(mention: Mention, draft: Draft) -> bool:
    """'… together with 55 servicemen. In all, 56 people went to Russia': the whole of
    the side just counted in parts, told at most a sentence later, undated or the same day."""
    counts = mention.counts()
    day = draft.date_mention
    return (
        (mention.date is None or (day is not None and mention.date.date == day.date))
        and mention.index - draft.mentions[-1].index <= 2
        and kinds_agree(mention.kind, draft.kind)
        and all(f.total for f in mention.figures if f.side)
        and all(draft.actual.get(side, value) < value for side, value in counts.items())
    )


def _counted_fits(mention: Mention, draft: Draft) -> bool:
    if not kinds_agree(mention.kind, draft.kind):
        return False
    if not dates_agree(mention.date, draft.date_mention) and not _told_later(mention, draft):
        return False
    if another_days_group(mention, draft):
        return False
    counts = mention.counts()
    if mention.status == AGREED:
        if mention.date is not None and not shares_a_count(counts, draft.planned):
            return False  # "300 more due on Friday": a group of its own, planned for that day
        if draft.agreed_only or draft.in_progress:
            return _same_where_both(counts, draft.planned)
        return _same_where_both(counts, draft.actual) and shares_a_count(counts, draft.actual)
    if draft.agreed_only:
        if draft.date_mention is not None:  # the group planned for Friday is not Thursday's
            return shares_a_count(counts, draft.planned)
        # A plan and what happened are one event when the figures match, or
        # when what happened is a first stage of the plan.
        return mention.status == IN_PROGRESS or (
            shares_a_count(counts, draft.planned) and _same_where_both(counts, draft.planned)
        )
    if (
        not _same_where_both(counts, draft.actual)
        and not _two_accounts(mention, draft)
        and not _adds_to(mention, draft)
    ):
        return False
    if mention.separate and (mention.date is None) != (draft.date_mention is None):
        return False  # "the previous handover, in October, also brought 1,000": not today's
    return not mention.separate or shares_a_count(counts, draft.actual)


def another_days_group(mention: Mention, draft: Draft) -> bool:
    """'Friday: another 1,200 bodies' beside 'Saturday, 1,200 more': two days, two groups."""
    day, other = mention.date, draft.date_mention
    if day is None or other is None or DAY not in (day.precision,) or other.precision != DAY:
        return False
    more = any(f.more for f in mention.figures) or any(
        f.more for m in draft.mentions for f in m.figures
    )
    return more and day.date != other.date


def _told_later(mention: Mention, draft: Draft) -> bool:
    """'KYIV, March 23 - …' and 'the swap, carried out on Thursday': the day it was told
    may follow the day it happened by up to a week."""
    told, done = mention.date, draft.date_mention
    if told is None or done is None:
        return False
    if not mention.date_said:
        if not all(m.date_said for m in draft.mentions if m.date is not None):
            return False
        told, done = done, told
    return 0 <= (told.date - done.date).days <= 7


def _same_day_and_kind(mention: Mention, draft: Draft) -> bool:
    other = draft.date_mention
    return (
        mention.date is not None
        and other is not None
        and other.precision == DAY
        and mention.date.date == other.date
        and kinds_agree(mention.kind, draft.kind)
    )


def _two_accounts(mention: Mention, draft: Draft) -> bool:
    """Kyiv's figure and Moscow's for one exchange: where they differ, each side's own
    official said one of them ('207 came home', the Coordination HQ said; 'the ministry
    put it at 195 each')."""
    for side, value in mention.counts().items():
        if side in draft.actual and draft.actual[side] != value:
            voices = {mention.voices.get(side), draft.voices.get(side)}
            if voices != {UKRAINE, RUSSIA}:
                return False
    return True


def _same_where_both(a: dict[str, int], b: dict[str, int]) -> bool:
    return all(b[side] == value for side, value in a.items() if side in b)


def shares_a_count(a: dict[str, int], b: dict[str, int]) -> bool:
    return any(side in b and b[side] == value for side, value in a.items())


def _fit_score(mention: Mention, draft: Draft) -> tuple:
    counts = mention.counts()
    shared = sum(1 for side, value in counts.items() if draft.actual.get(side) == value)
    shared += sum(1 for side, value in counts.items() if draft.planned.get(side) == value)
    dated = mention.date is not None and draft.date_mention is not None
    return (shared, dated, max(m.index for m in draft.mentions))
