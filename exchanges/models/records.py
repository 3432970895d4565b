"""Exchange records, the reports that support them, and the merges editors made.

An `Exchange` is one real-world exchange or repatriation. What one source says
about one exchange is a `Report`, which keeps the values that source stated and
the sentence it stated them in. A multi-day exchange is one top-level
`Exchange` with its stages as child `Exchange` rows (`parent`); totals count an
exchange through its stages when it has any, and through itself otherwise, so
nobody is counted twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from exchanges.choices import (
    FIGURE_FIELDS,
    KIND_VALUES,
    PRECISION_VALUES,
    STATUS_VALUES,
    DatePrecision,
    Kind,
    Status,
)
from exchanges.mediator_figures import counted_values
from exchanges.models.mediators import Mediator
from exchanges.models.sources import Source
from exchanges.queries import ExchangeQuerySet
from exchanges.snapshots import SnapshotQuerySet


class Exchange(models.Model):
    """One real-world exchange or repatriation, or one stage of a multi-day one."""

    Kind = Kind
    Status = Status
    DatePrecision = DatePrecision

    # Fields an editor may set; once set by an editor, ingest never writes them.
    EDITABLE_FIELDS = (*FIGURE_FIELDS, "mediators", "parent", "stage_number")

    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    end_date = models.DateField(null=True, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.POW_EXCHANGE)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.COMPLETED)
    to_ukraine = models.PositiveIntegerField(
        null=True, blank=True, help_text="People or bodies handed over to Ukraine."
    )
    to_russia = models.PositiveIntegerField(
        null=True, blank=True, help_text="People or bodies handed over to Russia."
    )
    # {"military": {"to_ukraine": 270, "to_russia": 270}, "civilians": {...}}
    breakdown = models.JSONField(default=dict, blank=True)
    ordinal = models.PositiveIntegerField(
        null=True, blank=True, help_text='Official running number ("the 64th exchange").'
    )
    mediators = models.ManyToManyField(Mediator, blank=True, related_name="exchanges")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="stages",
        help_text="The multi-day exchange this record is one stage of.",
    )
    stage_number = models.PositiveSmallIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True)

    needs_review = models.BooleanField(default=False)
    review_reason = models.TextField(blank=True)
    has_conflict = models.BooleanField(default=False, help_text="Sources disagree on a figure.")
    verified = models.BooleanField(default=False)
    # Names of fields an editor has set; the pipeline never overwrites them.
    locked_fields = models.JSONField(default=list, blank=True)
    corrected_at = models.DateTimeField(null=True, blank=True)
    # Set for a record loaded from the curated data file (exchanges/data/): the
    # entry's stable id. Such a record is editor-grade: its fields are locked.
    curated_key = models.CharField(max_length=100, null=True, blank=True, unique=True)
    # What the data file said the last time it was loaded, so a later version
    # of the file can tell an editor's correction (kept) from its own value.
    curated_values = models.JSONField(default=dict, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Its queryset answers the filters' methods on a past state (snapshots.py).
    history = HistoricalRecords(m2m_fields=[mediators], historical_queryset=SnapshotQuerySet)

    objects = ExchangeQuerySet.as_manager()

    class Meta:
        ordering = [F("date").desc(nulls_last=True), "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=KIND_VALUES), name="exchange_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=STATUS_VALUES), name="exchange_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(date_precision__in=PRECISION_VALUES),
                name="exchange_date_precision_valid",
            ),
            models.CheckConstraint(
                condition=Q(to_ukraine__isnull=True) | Q(to_ukraine__gte=0),
                name="exchange_to_ukraine_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(to_russia__isnull=True) | Q(to_russia__gte=0),
                name="exchange_to_russia_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(date__isnull=False, end_date__gte=F("date")),
                name="exchange_end_date_after_date",
            ),
            models.CheckConstraint(
                condition=Q(date__isnull=False) | Q(date_precision="unknown"),
                name="exchange_undated_precision_unknown",
            ),
            models.CheckConstraint(
                condition=Q(ordinal__isnull=True) | Q(ordinal__gte=1),
                name="exchange_ordinal_positive",
            ),
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=F("id")),
                name="exchange_not_own_stage",
            ),
            models.UniqueConstraint(
                fields=["parent", "stage_number"],
                condition=Q(parent__isnull=False, stage_number__isnull=False),
                name="exchange_unique_stage_number",
            ),
        ]
        indexes = [
            # Timeline and totals: dated, top-level records in date order.
            models.Index(fields=["date", "kind"], name="exchange_date_kind_idx"),
            # (On PostgreSQL, migration 0013 adds exchange_top_newest_idx for the table's
            # and the CSV's order; SQLite cannot index NULLS LAST.)
            # The table's filters on status and the review queue.
            models.Index(fields=["status"], name="exchange_status_idx"),
            # Every page's "data last updated" and the totals cache key: MAX(updated_at).
            models.Index(fields=["updated_at"], name="exchange_updated_at_idx"),
            models.Index(
                fields=["needs_review"],
                condition=Q(needs_review=True),
                name="exchange_needs_review_idx",
            ),
        ]

    def __str__(self) -> str:
        when = self.date.isoformat() if self.date else "undated"
        counts = f"{_fmt(self.to_ukraine)}↔{_fmt(self.to_russia)}"
        label = f"{self.get_kind_display()} {when} ({counts})"
        if self.parent_id and self.stage_number:
            label += f", stage {self.stage_number}"
        return label

    def get_absolute_url(self) -> str:
        return reverse("exchange_detail", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # What the mediator figures count, as loaded: a save that changes none of it
        # leaves them as they are (signals.py).
        instance._counted_before = counted_values(instance)
        return instance

    @property
    def is_public(self) -> bool:
        """Shown and counted on the public pages (the same rule as `queries.PUBLIC`)."""
        return (
            not self.needs_review
            or self.verified
            or self.corrected_at is not None
            or self.curated_key is not None
        )

    @property
    def is_stage(self) -> bool:
        return self.parent_id is not None

    @property
    def is_completed(self) -> bool:
        return self.status == Status.COMPLETED

    @property
    def is_curated(self) -> bool:
        return self.curated_key is not None

    @property
    def other_ordinals(self) -> list[int]:
        """Other official numbers sources gave this exchange (curated: "some said 64th")."""
        return list(self.curated_values.get("ordinal_also") or [])

    def lock(self, *field_names: str) -> None:
        """Mark fields as set by an editor (called from admin)."""
        self.locked_fields = sorted(set(self.locked_fields) | set(field_names))


def _fmt(value: int | None) -> str:
    return "?" if value is None else str(value)


class Report(models.Model):
    """What one source states about one exchange, with the sentence it came from.

    Values are those the source stated, before reconciliation; they are never
    changed by editors, so a disagreement between sources stays visible.
    """

    class Rejection(models.TextChoices):
        WRONG = "wrong", "Rejected: the figures are wrong"
        NOT_AN_EXCHANGE = "not_an_exchange", "Not an exchange"

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="reports")
    exchange = models.ForeignKey(
        Exchange, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    # Position of the event in the source, so re-ingest updates instead of duplicating.
    position = models.PositiveSmallIntegerField(default=0)

    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    end_date = models.DateField(null=True, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=12, choices=Status.choices)
    to_ukraine = models.PositiveIntegerField(null=True, blank=True)
    to_russia = models.PositiveIntegerField(null=True, blank=True)
    breakdown = models.JSONField(default=dict, blank=True)
    ordinal = models.PositiveIntegerField(null=True, blank=True)
    mediator_names = models.JSONField(default=list, blank=True)
    # True when the source describes one stage of a multi-day exchange.
    is_stage = models.BooleanField(default=False)
    # The sentence that states the event, with character offsets in Source.text.
    sentence = models.TextField(blank=True)
    sentence_start = models.PositiveIntegerField(null=True, blank=True)
    sentence_end = models.PositiveIntegerField(null=True, blank=True)
    # Who the source attributes the figures to ("Russia's Ministry of Defence").
    attributed_to = models.CharField(max_length=200, blank=True)
    # Per-figure evidence: [{"field", "value", "sentence", "start", "end", "attributed_to"}].
    evidence = models.JSONField(default=list, blank=True)
    confidence = models.FloatField(default=1.0)
    needs_review = models.BooleanField(default=False)
    review_reason = models.TextField(blank=True)
    # Placed on its exchange by an editor (split or merge): re-ingest updates the
    # report's values but never moves it to another exchange.
    pinned = models.BooleanField(default=False)
    # Written by the curated data loader (a figure and its claimant from the data
    # file), not by reading the source: ingesting that source never replaces it.
    curated = models.BooleanField(default=False)
    # An editor rejected this reading in review: it supports no exchange, and
    # re-ingesting its source keeps it off every exchange (editors win).
    rejected = models.CharField(max_length=16, choices=Rejection.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["source", "position"]
        constraints = [
            models.UniqueConstraint(fields=["source", "position"], name="report_unique_position"),
            models.CheckConstraint(condition=Q(kind__in=KIND_VALUES), name="report_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=STATUS_VALUES), name="report_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(to_ukraine__isnull=True) | Q(to_ukraine__gte=0),
                name="report_to_ukraine_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(to_russia__isnull=True) | Q(to_russia__gte=0),
                name="report_to_russia_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(rejected__in=["", "wrong", "not_an_exchange"]),
                name="report_rejected_valid",
            ),
            models.CheckConstraint(
                condition=Q(rejected="") | Q(exchange__isnull=True),
                name="report_rejected_supports_nothing",
            ),
        ]

    def __str__(self) -> str:
        when = self.date.isoformat() if self.date else "undated"
        return f"{self.get_kind_display()} {when} per {self.source}"


class ReviewItem(Exchange):
    """The review queue in admin: exchanges flagged `needs_review` (no table of its own)."""

    class Meta:
        proxy = True
        verbose_name = "review queue item"
        verbose_name_plural = "review queue"


class MergeRecord(models.Model):
    """An editor merged exchanges into one: what was merged, so nothing is lost.

    `merged` keeps each removed record as it was (values, locked fields, mediators,
    the reports and stages moved off it); their history rows are kept too.
    """

    kept = models.ForeignKey(
        Exchange, null=True, on_delete=models.SET_NULL, related_name="merge_records"
    )
    kept_id_at_merge = models.PositiveBigIntegerField()
    merged = models.JSONField(default=list)
    note = models.TextField(blank=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        ids = ", ".join(f"#{m['id']}" for m in self.merged)
        return f"{ids} merged into #{self.kept_id_at_merge}"
