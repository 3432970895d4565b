"""Each mediator's exchanges and people per year, kept in a table instead of counted per request.

The mediators pages (and `/api/mediators/`) read these rows; aggregating every
exchange link per request grew with the number of exchanges. A row counts one
mediator's public, carried-out, dated, top-level exchanges of one year, through
their own figures (so a multi-day exchange counts once), and an exchange with
two mediators counts for each.

The rows of a mediator are computed again from its exchanges whenever one of
them changes in a way that counts (`exchanges/signals.py`): its figures, date,
status, review state or place as a stage, its mediators, its deletion.
`mediator_years_rebuild()` computes every row (the migration, bulk loads).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import Count, Sum
from django.db.models.functions import Coalesce, ExtractYear

from exchanges.queries import HAPPENED, public_q

# What an exchange's row in these figures depends on; a save that changes none
# of these leaves them as they are.
COUNTED_FIELDS = (
    "date",
    "status",
    "to_ukraine",
    "to_russia",
    "parent_id",
    "needs_review",
    "verified",
    "corrected_at",
    "curated_key",
)


def counted_values(exchange) -> dict:
    """The exchange's COUNTED_FIELDS values, from __dict__: a deferred field is not
    loaded just to be compared (it counts as changed)."""
    return {name: exchange.__dict__[name] for name in COUNTED_FIELDS if name in exchange.__dict__}


class MediatorYear(models.Model):
    mediator = models.ForeignKey("exchanges.Mediator", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    exchanges = models.PositiveIntegerField()
    to_ukraine = models.PositiveBigIntegerField()
    to_russia = models.PositiveBigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mediator", "year"], name="mediator_year_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.mediator_id} in {self.year}: {self.exchanges} exchanges"


def _counted_links():
    from exchanges.models import Exchange

    return Exchange.mediators.through.objects.filter(
        public_q("exchange__"),
        exchange__parent__isnull=True,
        exchange__date__isnull=False,
        exchange__status__in=HAPPENED,
    )


def _compute(links) -> list[MediatorYear]:
    rows = (
        links.order_by()
        .annotate(year=ExtractYear("exchange__date"))
        .values_list("mediator_id", "year")
        .annotate(
            n=Count("exchange_id"),
            ua=Coalesce(Sum("exchange__to_ukraine"), 0),
            ru=Coalesce(Sum("exchange__to_russia"), 0),
        )
    )
    return [
        MediatorYear(mediator_id=m, year=y, exchanges=n, to_ukraine=ua, to_russia=ru)
        for m, y, n, ua, ru in rows
    ]


def mediator_years_refresh(mediator_ids: Iterable[int | None]) -> None:
    """Compute again the rows of these mediators from their exchanges as they are now."""
    ids = {pk for pk in mediator_ids if pk is not None}
    if not ids:
        return
    rows = _compute(_counted_links().filter(mediator_id__in=ids))
    MediatorYear.objects.filter(mediator_id__in=ids).delete()
    MediatorYear.objects.bulk_create(rows)


def mediator_years_rebuild() -> int:
    """Compute every row again, from every exchange; returns how many rows there are."""
    rows = _compute(_counted_links())
    MediatorYear.objects.all().delete()
    MediatorYear.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def per_mediator() -> list[tuple]:
    """Rows (slug, name, exchanges, to_ukraine, to_russia), most exchanges first: the
    kept form of `MediatorQuerySet.per_mediator()`."""
    return list(
        MediatorYear.objects.order_by()
        .values_list("mediator__slug", "mediator__name")
        .annotate(n=Sum("exchanges"), ua=Sum("to_ukraine"), ru=Sum("to_russia"))
        .order_by("-n", "mediator__name")
    )


def per_mediator_year(mediator=None) -> list[tuple]:
    """Rows (slug, name, year, exchanges, people) by mediator name and year: the kept
    form of `ExchangeQuerySet.per_mediator_year()`."""
    rows = MediatorYear.objects.all()
    if mediator is not None:
        rows = rows.filter(mediator=mediator)
    fields = ("mediator__slug", "mediator__name", "year", "exchanges", "to_ukraine", "to_russia")
    return [
        (slug, name, year, n, ua + ru)
        for slug, name, year, n, ua, ru in rows.order_by("mediator__name", "year").values_list(
            *fields
        )
    ]
