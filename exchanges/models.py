"""The records: exchanges, the sources that report them, and who mediated.

An `Exchange` is one real-world exchange or repatriation. Each article is a
`Source`; what one source says about one exchange is a `Report`, which keeps
the values that source stated and the sentence it stated them in. A multi-day
exchange is one top-level `Exchange` with its stages as child `Exchange` rows
(`parent`); totals count an exchange through its stages when it has any, and
through itself otherwise, so nobody is counted twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from exchanges.choices import (  # noqa: F401 - the records' vocabulary, used with them
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
from exchanges.mediator_figures import MediatorYear, counted_values  # noqa: F401 - MediatorYear: a model of this app
from exchanges.queries import ExchangeQuerySet, MediatorQuerySet, SourceQuerySet
from exchanges.snapshots import SnapshotQuerySet
from exchanges.versions import DataVersion  # noqa: F401 - a model of this app


class Mediator(models.Model):
    class Kind(models.TextChoices):
        STATE = "state", "State"
        INTERNATIONAL = "international", "International organisation"
        RELIGIOUS = "religious", "Religious"
        OTHER = "other", "Other"

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.STATE)
    # Other names used to recognise the mediator in text ("Emirates", "Türkiye").
    aliases = models.JSONField(default=list, blank=True)

    history = HistoricalRecords()

    objects = MediatorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["state", "international", "religious", "other"]),
                name="mediator_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("mediator_detail", args=[self.slug])


class Feed(models.Model):
    """An RSS or Atom feed that beat polls; every new entry becomes a Source."""

    name = models.CharField(max_length=200)
    url = models.URLField(max_length=2000, unique=True)
    active = models.BooleanField(default=True)
    language = models.CharField(max_length=8, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Source(models.Model):
    """One article, however it arrived (URL, feed entry, pasted text or HTML)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        PROCESSING = "processing", "Processing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"
        IRRELEVANT = "irrelevant", "No exchange found"

    url = models.URLField(max_length=2000, null=True, blank=True, unique=True)
    outlet = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=500, blank=True)
    published = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=8, blank=True)
    # What was received (pasted text or HTML, or the fetched body decoded), so
    # the pipeline can run again without fetching again.
    raw_content = models.TextField(blank=True)
    raw_is_html = models.BooleanField(default=False)
    # sha256 of raw_content: the same pasted or fetched body is not taken twice.
    raw_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    text = models.TextField(blank=True)
    # sha256 of the extracted text: the same article is never stored twice.
    content_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    # The same text arrived before (a syndicated copy): that source holds the reports.
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    feed = models.ForeignKey(
        Feed, null=True, blank=True, on_delete=models.SET_NULL, related_name="sources"
    )
    feed_entry_id = models.CharField(max_length=1000, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(blank=True)
    # Ingest tasks that claimed this source since it was added or an editor re-ran
    # it; each interrupted one (a dead worker) counts (see ingest.recovery).
    ingest_attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["raw_content", "text", "ingest_attempts"])

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "processing", "done", "failed", "irrelevant"]),
                name="source_status_valid",
            ),
            models.UniqueConstraint(
                fields=["feed", "feed_entry_id"],
                condition=Q(feed__isnull=False) & ~Q(feed_entry_id=""),
                name="source_unique_feed_entry",
            ),
        ]
        indexes = [
            # The sources page and the admin list filter by status.
            models.Index(fields=["status"], name="source_status_idx"),
            # The sources page lists the newest first: a page reads one end of this.
            models.Index(fields=["created_at"], name="source_created_at_idx"),
        ]

    def __str__(self) -> str:
        return self.title or self.url or f"Source #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("source_detail", args=[self.pk])


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


class Checkpoint(models.Model):
    """An official running figure ("6,422 people returned since 2022") to hold our count against.

    Each says what is counted (`measure`), optionally only in one `year` or
    through one `mediator`, as of `date`, according to `claimant`. It comes from
    the curated data file (`curated_key`) or from an ingested article (`source`,
    `sentence`); it is never an exchange.
    """

    class Measure(models.TextChoices):
        EXCHANGES = "exchanges", "Prisoner exchanges held"
        PEOPLE_TO_UKRAINE = "people_to_ukraine", "People returned to Ukraine"
        BODIES_TO_UKRAINE = "bodies_to_ukraine", "Bodies returned to Ukraine"
        # Mediators count everyone released through them, both sides together.
        PEOPLE_VIA_MEDIATOR = "people_via_mediator", "People released through a mediator"

    date = models.DateField()
    claimant = models.CharField(max_length=200, blank=True)
    measure = models.CharField(max_length=24, choices=Measure.choices)
    value = models.PositiveIntegerField()
    # The figure counts only this year ("in 2025, 1,100 came home").
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    mediator = models.ForeignKey(
        Mediator, null=True, blank=True, on_delete=models.PROTECT, related_name="checkpoints"
    )
    # "more than 8,000": a floor, not an exact count.
    at_least = models.BooleanField(default=False)
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.CASCADE, related_name="checkpoints"
    )
    sentence = models.TextField(blank=True)
    curated_key = models.CharField(max_length=100, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "measure"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    measure__in=[
                        "exchanges",
                        "people_to_ukraine",
                        "bodies_to_ukraine",
                        "people_via_mediator",
                    ]
                ),
                name="checkpoint_measure_valid",
            ),
            models.CheckConstraint(
                condition=~Q(measure="people_via_mediator") | Q(mediator__isnull=False),
                name="checkpoint_mediator_named",
            ),
        ]
        indexes = [
            # The totals page reads every checkpoint in date order.
            models.Index(fields=["date"], name="checkpoint_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_measure_display()}: {self.value:,} by {self.date} ({self.claimant})"
