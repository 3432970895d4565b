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
from exchanges.mediator_figures import MediatorYear
from exchanges.models.checkpoints import Checkpoint
from exchanges.models.mediators import Mediator
from exchanges.models.records import Exchange, MergeRecord, Report, ReviewItem
from exchanges.models.sources import Feed, Source
from exchanges.versions import DataVersion

__all__ = [
    "BREAKDOWN_GROUPS",
    "FIGURE_COLUMNS",
    "FIGURE_FIELDS",
    "KIND_VALUES",
    "PRECISION_VALUES",
    "SIDES",
    "STATUS_VALUES",
    "Checkpoint",
    "DataVersion",
    "DatePrecision",
    "Exchange",
    "Feed",
    "Kind",
    "Mediator",
    "MediatorYear",
    "MergeRecord",
    "Report",
    "ReviewItem",
    "Source",
    "Status",
]
