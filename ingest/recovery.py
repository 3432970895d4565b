"""Sources a dead worker left behind: claiming a source before ingesting it, and
re-queuing those left `pending` or `processing` for too long.

A worker killed mid-task leaves its source `processing`, and a task lost with
its broker message leaves one `pending`. Redis gives an unacknowledged message
back after the broker's visibility timeout, but a message can also be lost or
given back twice. So every ingest task first claims its source (one
conditional UPDATE): a source already done, or being worked on within the
bound, is skipped, however many messages name it. Beat then re-queues, once
per bound, what is still unfinished past the bound, and after a few
interrupted attempts records the source as failed instead of trying forever.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from exchanges.models import Source
from exchanges.versions import data_changed

logger = logging.getLogger(__name__)

UNFINISHED = [Source.Status.PENDING, Source.Status.PROCESSING]
# A source whose ingest was interrupted this often (the worker died, or the task
# hit its hard time limit each time) is recorded as failed rather than retried.
MAX_INGEST_ATTEMPTS = 3


def stuck_after() -> dt.timedelta:
    """How long a source may stay pending or processing before it counts as stuck."""
    return dt.timedelta(seconds=settings.STUCK_SOURCE_SECONDS)


def source_claim(source_id: int, *, now: dt.datetime | None = None) -> bool:
    """Mark the source as being ingested now; False when someone else has it or it is done.

    One UPDATE with the condition in it: of two tasks for the same source (a
    redelivered message and a re-queued one), only one gets it.
    """
    now = now or timezone.now()
    claimable = Q(status=Source.Status.PENDING) | Q(
        status=Source.Status.PROCESSING, updated_at__lt=now - stuck_after()
    )
    data_changed()  # the sources page shows statuses
    claimed = (
        Source.objects.filter(claimable, pk=source_id).update(
            status=Source.Status.PROCESSING,
            updated_at=now,
            ingest_attempts=F("ingest_attempts") + 1,
        )
        == 1
    )
    if not claimed:
        logger.info("Source #%s is done or being ingested elsewhere: skipped", source_id)
    return claimed


def stuck_sources_requeue(*, now: dt.datetime | None = None) -> dict[str, list[int]]:
    """Re-queue each source left unfinished past the bound, once; fail those tried too often."""
    from ingest.tasks import enqueue_ingest

    now = now or timezone.now()
    cutoff = now - stuck_after()
    stuck = Source.objects.filter(status__in=UNFINISHED, updated_at__lt=cutoff)
    requeued: list[int] = []
    failed: list[int] = []
    for source_id, attempts in stuck.order_by("pk").values_list("pk", "ingest_attempts"):
        # Conditional again: a task may have finished it, or another beat taken it, meanwhile.
        still_stuck = Source.objects.filter(
            pk=source_id, status__in=UNFINISHED, updated_at__lt=cutoff
        )
        data_changed()
        if attempts >= MAX_INGEST_ATTEMPTS:
            error = (
                f"The ingest was interrupted {attempts} times (its worker stopped, or it ran "
                "past the task time limit); re-run it from the admin once the cause is fixed."
            )
            if still_stuck.update(status=Source.Status.FAILED, error=error, updated_at=now):
                failed.append(source_id)
        elif still_stuck.update(status=Source.Status.PENDING, updated_at=now):
            enqueue_ingest(source_id)
            requeued.append(source_id)
    if requeued or failed:
        logger.warning("Stuck sources: re-queued %s, failed %s", requeued, failed)
    return {"requeued": requeued, "failed": failed}
