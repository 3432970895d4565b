"""The records: exchanges, the sources that report them, and who mediated.

An `Exchange` is one real-world exchange or repatriation. Each article is a
`Source`; what one source says about one exchange is a `Report`. One module
per part: `records` (exchanges, reports, merges), `sources` (articles and
feeds), `mediators`, `checkpoints` (official running figures). Everything is
imported from here, as from any app's models module.
"""

from exchanges.choices import (
    BREAKDOWN_GROUPS,
    FIGURE_COLUMNS,
    FIGURE_FIELDS,
    KIND_VALUES,
    PRECISION_VALUES,
    SIDES,
    STATUS_VALUES,
    DatePrecision,
    Kind,
    Status,
)
from exchanges.models.checkpoints import Checkpoint
from exchanges.models.mediators import Mediator
from exchanges.models.records import Exchange, MergeRecord, Report, ReviewItem
from exchanges.models.sources import Feed, Source

__all__ = [
    "BREAKDOWN_GROUPS",
    "FIGURE_COLUMNS",
    "FIGURE_FIELDS",
    "KIND_VALUES",
    "PRECISION_VALUES",
    "SIDES",
    "STATUS_VALUES",
    "Checkpoint",
    "DatePrecision",
    "Exchange",
    "Feed",
    "Kind",
    "Mediator",
    "MergeRecord",
    "Report",
    "ReviewItem",
    "Source",
    "Status",
]
