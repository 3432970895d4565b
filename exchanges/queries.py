"""Every read the pages need, as intent-revealing queryset methods."""

from __future__ import annotations

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q


class ExchangeQuerySet(models.QuerySet):
    def top_level(self):
        """Whole exchanges: stages are reached through their parent."""
        return self.filter(parent__isnull=True)

    def dated(self):
        return self.filter(date__isnull=False)

    def undated(self):
        return self.filter(date__isnull=True)

    def completed(self):
        return self.filter(status="completed")

    def happened(self):
        """Exchanges at least partly carried out: agreed-but-not-done ones are left out."""
        return self.exclude(status="agreed")

    def between(self, start=None, end=None):
        qs = self
        if start:
            qs = qs.filter(date__gte=start)
        if end:
            qs = qs.filter(date__lte=end)
        return qs

    def counted(self):
        """The rows that totals add up, so a multi-day exchange counts once.

        An exchange with stages is counted through its stages (each carried-out
        stage adds its own figures); an exchange without stages counts itself.
        Agreed-but-not-done exchanges and stages are not counted.
        """
        has_stages = Exists(self.model.objects.filter(parent=OuterRef("pk")))
        return (
            self.happened()
            .dated()
            .exclude(Q(parent__isnull=True) & Q(has_stages))
            .filter(Q(parent__isnull=True) | Q(parent__status__in=["in_progress", "completed"]))
        )

    def for_timeline(self):
        return (
            self.top_level()
            .dated()
            .prefetch_related("mediators")
            .annotate(source_count=Count("reports__source", distinct=True))
            .order_by("-date", "-id")
        )

    def awaiting_review(self):
        return self.filter(Q(needs_review=True) | Q(date__isnull=True))
