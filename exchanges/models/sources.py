"""Where reports come from: articles (`Source`) and the feeds that bring them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from exchanges.queries import SourceQuerySet


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


class SourceStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    PROCESSING = "processing", "Processing"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"
    IRRELEVANT = "irrelevant", "No exchange found"


class Source(models.Model):
    """One article, however it arrived (URL, feed entry, pasted text or HTML)."""

    # Defined outside the class so that its Meta can name the values too.
    Status = SourceStatus

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
                condition=Q(status__in=SourceStatus.values),
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

    @property
    def found_nothing(self) -> bool:
        """Read, and no exchange was found in it."""
        return self.status == SourceStatus.IRRELEVANT
