"""Citable snapshots: the exchanges as they stood at the end of a day, from their history.

django-simple-history keeps a row for every saved version of an exchange and of
its mediator links. `snapshot(day)` takes, for each exchange, its last version
saved by the end of `day` (UTC; simple-history's `as_of`) and drops the ones
deleted by then. Those history rows come in a `SnapshotQuerySet`, which answers
the queryset methods `ExchangeFilter` calls (`public()`, `mediated_by()`, ...),
so the same filters, sorting and columns apply to a past state as to today's.

What a snapshot knows of the past: every field of the exchange and its
mediators as they were. Reports are not versioned (a source is re-read in
place), so a snapshot's `source_count` and `source_urls` are the reports
received by that day that sit on the exchange or its stages today.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Value
from django.db.models.functions import Coalesce
from simple_history.manager import HistoricalQuerySet

from exchanges.queries import HAPPENED, PUBLIC, TOP_LEVEL, JoinedText, _scalar


class InvalidDate(ValueError):
    pass


def parse_as_of(value: str | None) -> dt.date | None:
    """The `as_of` query parameter: None when absent, else a YYYY-MM-DD date."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidDate(f"as_of must be a date as YYYY-MM-DD, not {value!r}.") from None


def end_of_day(day: dt.date) -> dt.datetime:
    """The first instant after `day`, in UTC (the site's time zone)."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)


def snapshot(day: dt.date) -> SnapshotQuerySet:
    """Every exchange (stages included) as it stood at the end of `day`."""
    from exchanges.models import Exchange

    cutoff = end_of_day(day)
    versions = Exchange.history.filter(history_date__lt=cutoff)
    versions._as_of = cutoff
    # The latest version first, then the deleted ones out (deletion is a version too).
    return versions.latest_of_each().exclude(history_type="-")


class SnapshotQuerySet(HistoricalQuerySet):
    """Exchange history rows, with the read methods of `ExchangeQuerySet` that filters use.

    A row's `id` is the exchange's; its pk (`history_id`) is the version's.
    """

    def top_level(self):
        return self.filter(TOP_LEVEL)

    def public(self):
        return self.filter(PUBLIC)

    def dated(self):
        return self.filter(date__isnull=False)

    def undated(self):
        return self.filter(date__isnull=True)

    def happened(self):
        return self.filter(status__in=HAPPENED)

    def mediator_exists(self, **lookups) -> Exists:
        """A mediator link of this version matching `lookups` (the mediators it had then)."""
        return Exists(self._mediator_links().filter(history_id=OuterRef("history_id"), **lookups))

    def mediated_by(self, mediator):
        return self.filter(self.mediator_exists(mediator=mediator))

    def _mediator_links(self):
        return self.model._meta.get_field("historicalexchange_mediators").related_model.objects

    def _cutoff(self) -> dt.datetime:
        if self._as_of is None:
            raise ValueError("Not a snapshot: build it with snapshots.snapshot(day).")
        return self._as_of

    def with_export_columns(self):
        """The annotations of `ExchangeQuerySet.with_export_columns`, as of the snapshot."""
        from exchanges.models import Exchange, Report

        cutoff = self._cutoff()
        stages = (
            Exchange.history.filter(history_date__lt=cutoff)
            .latest_of_each()
            .exclude(history_type="-")
            .filter(parent_id=OuterRef("id"))
            .order_by()
            .values(_all=Value(1))
            .annotate(n=Count("id"))
            .values("n")
        )
        # ids, not an OR across a join, so the report index on exchange_id is used.
        own_or_stage = Exchange.objects.filter(
            Q(pk=OuterRef(OuterRef("id"))) | Q(parent_id=OuterRef(OuterRef("id")))
        ).values("pk")
        reports = Report.objects.filter(created_at__lt=cutoff, exchange__in=own_or_stage)
        sources = (
            reports.order_by()
            .values(_all=Value(1))
            .annotate(n=Count("source", distinct=True))
            .values("n")
        )
        urls = (
            reports.order_by()
            .values(_all=Value(1))
            .annotate(urls=JoinedText("source__url", " ", distinct=True))
            .values("urls")
        )
        names = (
            self._mediator_links()
            .filter(history_id=OuterRef("history_id"))
            .order_by()
            .values(_all=Value(1))
            .annotate(names=JoinedText("mediator__name", "; "))
            .values("names")
        )
        text = models.TextField()
        return self.annotate(
            stage_count=Coalesce(_scalar(stages, IntegerField()), 0),
            source_count=Coalesce(_scalar(sources, IntegerField()), 0),
            source_urls=Coalesce(_scalar(urls, text), Value(""), output_field=text),
            mediator_names=Coalesce(_scalar(names, text), Value(""), output_field=text),
        )

    def for_export(self):
        return self.top_level().with_export_columns()

    def for_api(self):
        """`for_export()` rows with the mediators each version had, for the API list."""
        links = self._mediator_links().select_related("mediator").order_by("mediator__name")
        return self.for_export().prefetch_related(
            models.Prefetch("historicalexchange_mediators_set", links, to_attr="mediator_links")
        )
