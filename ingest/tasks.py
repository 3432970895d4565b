"""Celery tasks: thin wrappers that load ids and call the pipeline functions."""

from __future__ import annotations

from celery import shared_task
from django.db import transaction

from ingest.feeds import poll_active_feeds
from ingest.pipeline import ingest_source
from ingest.recovery import source_claim, stuck_sources_requeue


@shared_task(acks_late=True)
def ingest_source_task(source_id: int) -> dict:
    # A message may arrive twice (redelivered after a worker died, and re-queued by beat).
    if not source_claim(source_id):
        return {"source_id": source_id, "status": "skipped", "error": ""}
    result = ingest_source(source_id)
    return {"source_id": result.source_id, "status": result.status, "error": result.error}


@shared_task
def poll_feeds() -> dict:
    summary = poll_active_feeds()
    for source_id in summary.created:
        enqueue_ingest(source_id)
    return summary.as_dict()


@shared_task
def requeue_stuck_sources() -> dict:
    return stuck_sources_requeue()


def enqueue_ingest(source_id: int) -> None:
    """Queue the ingest once the transaction that created the source has committed."""
    transaction.on_commit(lambda: ingest_source_task.delay(source_id))
