"""Who helped an exchange happen, and the names articles know them by."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from exchanges.queries import MediatorQuerySet


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
