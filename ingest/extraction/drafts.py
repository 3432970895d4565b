"""Drafts of events and the `ExtractedEvent` each one becomes.

A draft gathers the mentions of one event; what happened and what was
planned are kept apart, and each side's own figure wins over the other
side's account of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.extraction.counts import RUSSIA, UKRAINE
from ingest.extraction.dates import DAY, MONTH, WEEK
from ingest.extraction.mentions import (
    AGREED,
    CIVILIAN_RETURN,
    COMPLETED,
    IN_PROGRESS,
    OUTLET,
    POW_EXCHANGE,
    Mention,
)
from ingest.extraction.types import Evidence, ExtractedEvent

PRECISION_RANK = {MONTH: 1, WEEK: 2, DAY: 3}


@dataclass
class Draft:
    mentions: list[Mention] = field(default_factory=list)
    actual: dict[str, int] = field(default_factory=dict)  # counts of what happened
    planned: dict[str, int] = field(default_factory=dict)  # counts of an agreed plan
    actual_breakdown: dict = field(default_factory=dict)
    voices: dict[str, str] = field(default_factory=dict)  # whose side gave each actual count

    @property
    def kind(self) -> str | None:
        return next((m.kind for m in self.mentions if m.kind), None)

    @property
    def date_mention(self):
        dated = [m for m in self.mentions if m.date is not None]
        if not dated:
            return None
        # A date the swap is told on beats the day someone spoke of it.
        best = max(dated, key=lambda m: (PRECISION_RANK[m.date.precision], not m.date_said))
        return best.date

    @property
    def agreed_only(self) -> bool:
        return all(m.status == AGREED for m in self.mentions if m.has_counts or m.status)

    @property
    def in_progress(self) -> bool:
        return any(m.status == IN_PROGRESS for m in self.mentions)

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        target = self.planned if mention.status == AGREED else self.actual
        for side, value in mention.counts().items():
            own_wins = target is self.actual and own_figure_wins(mention, self, side)
            if side in target and not own_wins:
                continue
            target[side] = value
            if target is self.actual and side in mention.voices:
                self.voices[side] = mention.voices[side]
        if mention.status != AGREED and mention.breakdown and not self.actual_breakdown:
            self.actual_breakdown = mention.breakdown

    def add_on_top(self, mention: Mention) -> None:
        """'In addition, 31 wounded Ukrainians and 15 wounded Russians were exchanged.'"""
        self.mentions.append(mention)
        for side, value in mention.counts().items():
            self.actual[side] = self.actual.get(side, 0) + value
        for category, sides in mention.breakdown.items():
            self.actual_breakdown.setdefault(category, {}).update(sides)


def own_figure_wins(mention: Mention, draft: Draft, side: str) -> bool:
    """To Ukraine counts as Kyiv counted, to Russia as Moscow counted."""
    return mention.voices.get(side) == side and draft.voices.get(side) != side


def _status(draft: Draft) -> str:
    statuses = {m.status for m in draft.mentions}
    if any(m.finished for m in draft.mentions):
        return COMPLETED  # its stages were told, and so was its end
    if IN_PROGRESS in statuses:
        return IN_PROGRESS
    if COMPLETED in statuses or draft.actual:
        return COMPLETED
    if AGREED in statuses:
        return AGREED
    return COMPLETED


def _kind(draft: Draft) -> str:
    kind = draft.kind or POW_EXCHANGE
    if kind == POW_EXCHANGE:
        civilian = any(m.civilian for m in draft.mentions)
        military = any(m.military for m in draft.mentions)
        if civilian and not military:
            return CIVILIAN_RETURN
    return kind


def to_event(draft: Draft) -> ExtractedEvent:
    status = _status(draft)
    counts = draft.actual or draft.planned
    breakdown = draft.actual_breakdown if draft.actual else {}
    date_mention = draft.date_mention
    if status == AGREED and not any(m.status == AGREED and m.date for m in draft.mentions):
        date_mention = None  # a plan is dated only by the day it is planned for
    counted = [m for m in draft.mentions if m.has_counts]
    statement = min(counted or draft.mentions, key=lambda m: m.index)
    mediators = list(dict.fromkeys(name for m in draft.mentions for name in m.mediators))
    ordinal = next((m.ordinal for m in draft.mentions if m.ordinal), None)
    evidence = _evidence(draft, counts, date_mention)
    review = []
    if date_mention is None and status != AGREED:
        review.append("the text gives no date for this exchange")
    if not counts:
        review.append("the text gives no figures")
    return ExtractedEvent(
        kind=_kind(draft),
        status=status,
        date=date_mention.date if date_mention else None,
        date_precision=date_mention.precision if date_mention else "unknown",
        end_date=date_mention.end_date if date_mention else None,
        to_ukraine=counts.get(UKRAINE),
        to_russia=counts.get(RUSSIA),
        breakdown=breakdown,
        ordinal=ordinal,
        mediators=mediators,
        is_stage=any(m.is_stage for m in draft.mentions),
        sentence=statement.sentence.text,
        start=statement.sentence.start,
        end=statement.sentence.end,
        attributed_to=statement.attributed_to,
        evidence=evidence,
        confidence=1.0 if not review else 0.6,
        needs_review=bool(review),
        review_reason="; ".join(review),
    )


def _evidence(draft: Draft, counts: dict[str, int], date_mention) -> list[Evidence]:
    evidence = []

    def cite(field_name: str, value: object, mention: Mention) -> None:
        sentence = mention.sentence
        evidence.append(
            Evidence(field_name, value, sentence.text, sentence.start, sentence.end,
                     mention.attributed_to or OUTLET)
        )  # fmt: skip

    for side in counts:
        for mention in draft.mentions:
            if mention.counts().get(side) is not None:
                cite(side, mention.counts()[side], mention)
    if date_mention is not None:
        mention = next(m for m in draft.mentions if m.date is date_mention)
        cite("date", date_mention.date, mention)
    for mention in draft.mentions:
        for name in mention.mediators:
            cite("mediator", name, mention)
        if mention.ordinal:
            cite("ordinal", mention.ordinal, mention)
    return evidence
