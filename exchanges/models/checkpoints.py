"""Official running figures, to hold our own count against."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from exchanges.models.mediators import Mediator
from exchanges.models.sources import Source


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
