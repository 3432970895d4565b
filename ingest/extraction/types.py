from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class MediatorName:
    """A mediator as the extractor knows it: canonical name and the aliases that name it."""

    name: str
    aliases: tuple[str, ...] = ()


# The mediators the extraction knows when no list is given: the pure function's callers
# (tests, scoring without a database). The pipeline always passes the database's list,
# which is the one source (migration 0014 stored these once; editors add and remove
# aliases there), and so does the running-totals finder (ingest/checkpoints.py).
KNOWN_MEDIATORS: list[MediatorName] = [
    MediatorName(
        "UAE",
        (
            "United Arab Emirates",
            "Emirates",
            "Emirati",
            "Abu Dhabi",
            "ОАЕ",
            "Об'єднаних Арабських Еміратів",
            "Емірати",
            "ОАЭ",
            "Объединенных Арабских Эмиратов",
            "Эмираты",
            # The president stands for the country when thanked or credited for a swap.
            "Mohamed bin Zayed",
            "Mohammed bin Zayed",
            "bin Zayed",
        ),
    ),
    MediatorName(
        "Turkey",
        (
            "Türkiye",
            "Turkiye",
            "Turkish",
            "Ankara",
            "Туреччина",
            "Туреччини",
            "Турция",
            "Турции",
            "Erdogan",
            "Erdoğan",
            "Ердоган",
            "Ердогану",
            "Эрдоган",
            "Эрдогану",
        ),
    ),
    MediatorName("Qatar", ("Qatari", "Doha", "Катар", "Катару", "Al Thani")),
    MediatorName(
        "Saudi Arabia",
        (
            "Saudi",
            "Riyadh",
            "Саудівська Аравія",
            "Саудівської Аравії",
            "Саудовская Аравия",
            "Саудовской Аравии",
            "bin Salman",
        ),
    ),
    MediatorName(
        "Vatican",
        ("Holy See", "Pope", "Pope Leo", "Pope Francis", "Ватикан", "Ватикану", "Ватикана"),
    ),
    MediatorName(
        "USA", ("United States", "U.S.", "US", "Washington", "American", "Witkoff", "США")
    ),
    MediatorName(
        "ICRC",
        (
            "International Committee of the Red Cross",
            "Red Cross",
            "МКЧХ",
            "Червоного Хреста",
            "МККК",
            "Красного Креста",
        ),
    ),
]


@dataclass
class Evidence:
    """Where one figure came from: the sentence, its offsets in the text, who said it."""

    field: str
    value: object
    sentence: str
    start: int
    end: int
    attributed_to: str = ""

    def as_dict(self) -> dict:
        return {
            "field": self.field,
            "value": self.value if not isinstance(self.value, dt.date) else self.value.isoformat(),
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "attributed_to": self.attributed_to,
        }


@dataclass
class ExtractedEvent:
    """One exchange event as one article states it (becomes one `Report`)."""

    kind: str  # pow_exchange | body_repatriation | civilian_return
    status: str  # agreed | in_progress | completed
    date: dt.date | None = None
    date_precision: str = "unknown"  # day | week | month | unknown
    end_date: dt.date | None = None
    to_ukraine: int | None = None
    to_russia: int | None = None
    # {"military": {"to_ukraine": 270, "to_russia": 270}, "wounded": {...}}
    breakdown: dict = field(default_factory=dict)
    ordinal: int | None = None
    mediators: list[str] = field(default_factory=list)  # canonical names
    is_stage: bool = False
    sentence: str = ""  # the sentence that states the event
    start: int = 0  # character offsets of that sentence in the text
    end: int = 0
    attributed_to: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 1.0
    needs_review: bool = False
    review_reason: str = ""
    # The evidence `confidence` was scored from (extraction/confidence.py); not stored.
    features: dict = field(default_factory=dict, repr=False, compare=False)
