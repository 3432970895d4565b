"""The records' vocabulary: kinds, statuses, date precisions, and the figure fields.

Imported by `exchanges.models` (and re-exported there); kept apart so the
lists can be read, and imported, without the models.
"""

from __future__ import annotations

from django.db import models


class Kind(models.TextChoices):
    POW_EXCHANGE = "pow_exchange", "Prisoner exchange"
    BODY_REPATRIATION = "body_repatriation", "Body repatriation"
    CIVILIAN_RETURN = "civilian_return", "Civilian return"


class Status(models.TextChoices):
    AGREED = "agreed", "Agreed"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    WEEK = "week", "Week"
    MONTH = "month", "Month"
    UNKNOWN = "unknown", "Unknown"


KIND_VALUES = [value for value, _ in Kind.choices]
STATUS_VALUES = [value for value, _ in Status.choices]
PRECISION_VALUES = [value for value, _ in DatePrecision.choices]

# An exchange's figures: what a source states about it (a `Report`) and what the
# record carries, in this order. Recompute, the admin, the review screen and the
# CSV all read this list.
FIGURE_FIELDS = (
    "date",
    "date_precision",
    "end_date",
    "kind",
    "status",
    "to_ukraine",
    "to_russia",
    "breakdown",
    "ordinal",
)
# The figures shown as plain columns (the breakdown is nested).
FIGURE_COLUMNS = tuple(name for name in FIGURE_FIELDS if name != "breakdown")

# The groups a category breakdown names (the extraction's and the curated file's),
# and the two sides each group counts: {"military": {"to_ukraine": 270, ...}}.
BREAKDOWN_GROUPS = ("military", "civilians", "wounded", "other")
SIDES = ("to_ukraine", "to_russia")
