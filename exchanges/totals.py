"""The figures of the totals page, computed once per state of the data (page and API)."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Count, Max

from exchanges import charts
from exchanges.context_processors import data_version
from exchanges.models import Checkpoint, Exchange
from exchanges.official import official_checks
from exchanges.queries import PEOPLE_KINDS

TOTALS_CACHE = 24 * 3600  # seconds; any change to the data changes the key anyway


def totals_figures(request) -> dict:
    """The running totals, headline, and the gaps to the official figures; cached, as the
    running totals read every row."""

    def compute() -> dict:
        rows = Exchange.objects.cumulative_totals()
        gaps, ordinal = official_checks(rows)
        marks = [
            (g.checkpoint.date, g.official, g.checkpoint.claimant, g.checkpoint.measure)
            for g in gaps
            if g.checkpoint.measure in ("people_to_ukraine", "bodies_to_ukraine")
            and not g.checkpoint.year
        ]
        return {
            "rows": rows,
            "latest": rows[-1] if rows else (None, 0, 0, 0, 0),
            "headline": Exchange.objects.headline(),
            "chart": charts.as_data(charts.cumulative_totals(rows, marks)) if rows else None,
            "gaps": gaps,
            "latest_gaps": latest_per_measure(gaps),
            "ordinal": ordinal,
            # Carried-out exchanges no source gave a figure for (withheld, as in June 2025):
            # they count as zero, which explains part of any gap.
            "unknown_figures": Exchange.objects.counted()
            .filter(kind__in=PEOPLE_KINDS, to_ukraine__isnull=True)
            .count(),
        }

    version = data_version(request)
    official = Checkpoint.objects.aggregate(n=Count("pk"), last=Max("pk"))
    key = (
        f"totals:{version['count']}:{version['latest'].isoformat() if version['latest'] else ''}"
        f":{official['n']}:{official['last']}"
    )
    return cache.get_or_set(key, compute, TOTALS_CACHE)


def latest_per_measure(gaps) -> list:
    """The newest checkpoint of each sort (measure, year, mediator): the headline gaps."""
    latest = {}
    for gap in gaps:  # oldest first, so later ones replace earlier
        c = gap.checkpoint
        latest[(c.measure, c.year, c.mediator_id)] = gap
    return sorted(latest.values(), key=lambda g: (g.checkpoint.measure, g.checkpoint.date))
