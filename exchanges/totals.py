"""The figures of the totals page, computed once per state of the data (page and API)."""

from __future__ import annotations

from exchanges import charts
from exchanges.models import Exchange
from exchanges.official import official_checks
from exchanges.queries import PEOPLE_KINDS
from exchanges.templatetags.dashboard import table_rows
from exchanges.versions import cached


def totals_figures(request) -> dict:
    """The running totals, headline, and the gaps to the official figures; cached under
    the data version, as the running totals read every row."""

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
            # A row per date (over a thousand): written once here, not at every request.
            "rows_html": table_rows(rows),
            "latest": rows[-1] if rows else (None, 0, 0, 0, 0),
            "headline": Exchange.objects.headline(),
            "chart": charts.as_json(charts.cumulative_totals(rows, marks)) if rows else None,
            "gaps": gaps,
            "latest_gaps": latest_per_measure(gaps),
            "ordinal": ordinal,
            # Carried-out exchanges no source gave a figure for (withheld, as in June 2025):
            # they count as zero, which explains part of any gap.
            "unknown_figures": Exchange.objects.counted()
            .filter(kind__in=PEOPLE_KINDS, to_ukraine__isnull=True)
            .count(),
        }

    # Checkpoints move the data version too (signals.py).
    return cached(request, "totals", compute)


def latest_per_measure(gaps) -> list:
    """The newest checkpoint of each sort (measure, year, mediator): the headline gaps."""
    latest = {}
    for gap in gaps:  # oldest first, so later ones replace earlier
        c = gap.checkpoint
        latest[(c.measure, c.year, c.mediator_id)] = gap
    return sorted(latest.values(), key=lambda g: (g.checkpoint.measure, g.checkpoint.date))
