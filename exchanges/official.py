"""Our figures held against the official ones: every checkpoint beside our count.

Reads the records and hands plain rows to `exchanges.gaps`, which does the sums.
"""

from __future__ import annotations

from exchanges import gaps
from exchanges.models import Checkpoint, Exchange


def official_checks(cumulative: list[tuple] | None = None):
    """Every checkpoint with our figure beside it (gaps.Gap), oldest first, and the
    ordinal check: four queries (three given the cumulative totals), whatever the
    number of exchanges."""
    checkpoints = list(
        Checkpoint.objects.select_related("mediator", "source")
        .defer("source__raw_content", "source__text")
        .order_by("date", "measure", "pk")
    )
    top = Exchange.objects.top_level().happened().dated().order_by()
    exchanges = list(top.filter(kind="pow_exchange").values_list("date", "ordinal"))
    through = Exchange.mediators.through
    mediated = [
        (day, mediator_id, (ua or 0) + (ru or 0))
        for day, mediator_id, ua, ru in through.objects.filter(
            exchange__in=top.values("pk")
        ).values_list(
            "exchange__date", "mediator_id", "exchange__to_ukraine", "exchange__to_russia"
        )
    ]
    if cumulative is None:
        cumulative = Exchange.objects.cumulative_totals() if checkpoints else []
    found = [
        gaps.gap(
            checkpoint,
            gaps.ours_for(
                checkpoint, cumulative=cumulative, exchanges=exchanges, mediated=mediated
            ),
            mediator_name=checkpoint.mediator.name if checkpoint.mediator else "",
        )
        for checkpoint in checkpoints
    ]
    return found, gaps.ordinal_check(exchanges)
