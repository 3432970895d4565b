"""How sure the extraction is of one event, from the evidence behind it.

Each event gets a probability of being right (its kind, date and counts as a
careful reader would give them): a logistic score over plain features of its
draft (how its date was found, which sides' figures it has, whether it is the
article's lead event or a recap of an older one, ...). The weights are learned
from annotated corpora by `manage.py train_confidence` and kept beside this
file in `confidence.json`, so the score is reproducible and reviewable; below
the threshold stored with them, the event goes to an editor instead of the
public pages (`needs_review`).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from functools import lru_cache
from pathlib import Path

from ingest.extraction.dates import DAY, MONTH, WEEK
from ingest.extraction.drafts import Draft
from ingest.extraction.mentions import (
    AGREED,
    BODY_REPATRIATION,
    CIVILIAN_RETURN,
    IN_PROGRESS,
    OUTLET,
)
from ingest.extraction.types import ExtractedEvent

WEIGHTS_FILE = Path(__file__).with_name("confidence.json")
# How a review reason given for a low score begins (training tells these from the hard
# rules' reasons: no date, no figures).
WEAK_EVIDENCE = "weak evidence"
# A figure this large is more often a running total than one exchange's.
LARGE = 1500
# A date this far before publication is a recap of an older exchange, not the news.
RECAP_DAYS = 10

FEATURES = (
    "date_day",
    "date_week",
    "date_month",
    "date_relative",
    "date_with_counts",
    "date_long_before_publication",
    "date_after_publication",
    "no_publication_date",
    "to_ukraine",
    "to_russia",
    "equal_sides",
    "large_figure",
    "vague_figure_nearby",
    "agreed",
    "in_progress",
    "bodies",
    "civilians",
    "mentions",
    "lead_event",
    "events_in_article",
    "separate_or_previous",
    "from_table",
    "attributed",
    "mediator",
    "ordinal",
    "language_uk",
    "language_ru",
)


def features(
    draft: Draft,
    event: ExtractedEvent,
    *,
    position: int,
    events_in_article: int,
    published: dt.date | None,
    language: str,
) -> dict[str, float]:
    """The evidence for one event, as numbers between 0 and 1."""
    date_mention = draft.date_mention if event.date else None
    counted = [m for m in draft.mentions if m.has_counts]
    values = [v for v in (event.to_ukraine, event.to_russia) if v is not None]
    before = (published - event.date).days if published and event.date else 0
    return {
        "date_day": float(event.date_precision == DAY),
        "date_week": float(event.date_precision == WEEK),
        "date_month": float(event.date_precision == MONTH),
        "date_relative": float(bool(date_mention and date_mention.relative)),
        "date_with_counts": float(any(m.date is date_mention for m in counted if date_mention)),
        "date_long_before_publication": float(before > RECAP_DAYS),
        "date_after_publication": float(before < 0),
        "no_publication_date": float(published is None),
        "to_ukraine": float(event.to_ukraine is not None),
        "to_russia": float(event.to_russia is not None),
        "equal_sides": float(len(values) == 2 and values[0] == values[1]),
        "large_figure": float(any(v >= LARGE for v in values)),
        "vague_figure_nearby": float(any(m.has_vague_figure for m in draft.mentions)),
        "agreed": float(event.status == AGREED),
        "in_progress": float(event.status == IN_PROGRESS),
        "bodies": float(event.kind == BODY_REPATRIATION),
        "civilians": float(event.kind == CIVILIAN_RETURN),
        "mentions": min(len(draft.mentions), 5) / 5,
        "lead_event": float(position == 0),
        "events_in_article": min(events_in_article, 5) / 5,
        "separate_or_previous": float(any(m.separate for m in draft.mentions)),
        "from_table": float(any(m.from_table for m in draft.mentions)),
        "attributed": float(any(m.attributed_to != OUTLET for m in counted)),
        "mediator": float(bool(event.mediators)),
        "ordinal": float(event.ordinal is not None),
        "language_uk": float(language == "uk"),
        "language_ru": float(language == "ru"),
    }


@lru_cache(maxsize=1)
def _model() -> tuple[float, dict[str, float], float]:
    data = json.loads(WEIGHTS_FILE.read_text("utf-8"))
    return data["intercept"], data["weights"], data["threshold"]


def probability(values: dict[str, float]) -> float:
    intercept, weights, _ = _model()
    z = intercept + sum(weights.get(name, 0.0) * value for name, value in values.items())
    return 1 / (1 + math.exp(-z))


def threshold() -> float:
    return _model()[2]


def rate(
    events: list[ExtractedEvent],
    drafts: list[Draft],
    *,
    published: dt.date | None,
    language: str,
) -> None:
    """Give each event its confidence; an event below the threshold goes to review."""
    for position, (event, draft) in enumerate(zip(events, drafts, strict=True)):
        event.features = features(
            draft,
            event,
            position=position,
            events_in_article=len(events),
            published=published,
            language=language,
        )
        event.confidence = round(probability(event.features), 3)
        if event.confidence < threshold() and not event.needs_review:
            event.needs_review = True
            event.review_reason = f"{WEAK_EVIDENCE} (confidence {event.confidence:.2f})"
