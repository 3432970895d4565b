"""The figures of the totals page, computed once per state of the data (page and API)."""

from __future__ import annotations

from django.core.cache import cache

from exchanges import charts
from exchanges.context_processors import data_version
from exchanges.models import Exchange

TOTALS_CACHE = 24 * 3600  # seconds; any change to the data changes the key anyway


def totals_figures(request) -> dict:
    """{"rows", "latest", "headline", "chart"}: the running totals read every row, so cached."""

    def compute() -> dict:
        rows = Exchange.objects.cumulative_totals()
        return {
            "rows": rows,
            "latest": rows[-1] if rows else (None, 0, 0, 0, 0),
            "headline": Exchange.objects.headline(),
            "chart": charts.as_data(charts.cumulative_totals(rows)) if rows else None,
        }

    version = data_version(request)
    key = f"totals:{version['count']}:{version['latest'].isoformat() if version['latest'] else ''}"
    return cache.get_or_set(key, compute, TOTALS_CACHE)
