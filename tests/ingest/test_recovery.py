"""Sources a dead worker left behind end done, irrelevant or failed, each ingested once.

Every ingest task claims its source first, so a message delivered twice (the
broker's redelivery after a worker died, and beat's re-queue) ingests it once;
beat re-queues what stays pending or processing past the bound, and gives up,
recording why, after a few interrupted attempts.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
import uuid

import pytest
from django.conf import settings
from django.utils import timezone

from config.celery import app as celery_app
from exchanges.models import Exchange, Report, Source
from ingest import recovery
from ingest.recovery import MAX_INGEST_ATTEMPTS, source_claim, stuck_sources_requeue
from ingest.sources import source_create_from_content
from ingest.tasks import ingest_source_task
from tests.factories import make_source
from tests.ingest.workers import send, start_worker, stop_worker, wait_for

NOW = timezone.now()
BOUND = dt.timedelta(seconds=settings.STUCK_SOURCE_SECONDS)


def left_at(status: str, ago: dt.timedelta, **kwargs) -> Source:
    source = make_source(status=status, **kwargs)
    Source.objects.filter(pk=source.pk).update(updated_at=NOW - ago)
    return source


@pytest.fixture
def queued(monkeypatch) -> list[int]:
    ids: list[int] = []
    monkeypatch.setattr("ingest.tasks.enqueue_ingest", ids.append)
    return ids


def test_the_broker_gives_back_a_dead_workers_task_soon_after_the_time_limit():
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert settings.CELERY_TASK_TIME_LIMIT < visibility <= settings.CELERY_TASK_TIME_LIMIT + 120
    assert settings.STUCK_SOURCE_SECONDS > settings.CELERY_TASK_TIME_LIMIT
    assert "ingest.tasks.requeue_stuck_sources" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }


@pytest.mark.django_db
def test_a_pending_source_is_claimed_once():
    source = make_source(status="pending")
    assert source_claim(source.pk, now=NOW)
    assert not source_claim(source.pk, now=NOW)
    source.refresh_from_db()
    assert (source.status, source.ingest_attempts) == ("processing", 1)


@pytest.mark.django_db
def test_a_finished_source_is_not_claimed_again():
    for status in ("done", "irrelevant", "failed"):
        assert not source_claim(make_source(status=status).pk, now=NOW)


@pytest.mark.django_db
def test_a_source_processing_past_the_bound_can_be_claimed_again():
    recent = left_at("processing", BOUND / 2)
    stale = left_at("processing", BOUND * 2)
    assert not source_claim(recent.pk, now=NOW)
    assert source_claim(stale.pk, now=NOW)


@pytest.mark.django_db
def test_a_task_for_a_done_source_changes_nothing():
    source = make_source(status="done")
    result = ingest_source_task.apply(args=[source.pk]).get()
    assert result["status"] == "skipped"
    source.refresh_from_db()
    assert source.status == "done"


@pytest.mark.django_db
def test_beat_requeues_each_stuck_source_once(queued):
    pending = left_at("pending", BOUND * 2)
    processing = left_at("processing", BOUND * 2, ingest_attempts=1)
    left_at("processing", BOUND / 2)  # still within its time: left alone
    left_at("done", BOUND * 10)
    assert stuck_sources_requeue(now=NOW) == {"requeued": [pending.pk, processing.pk], "failed": []}
    assert stuck_sources_requeue(now=NOW) == {"requeued": [], "failed": []}
    assert queued == [pending.pk, processing.pk]
    processing.refresh_from_db()
    assert processing.status == "pending"  # so that the re-queued task can claim it


@pytest.mark.django_db
def test_beat_fails_a_source_whose_ingest_was_interrupted_too_often(queued):
    source = left_at("processing", BOUND * 2, ingest_attempts=MAX_INGEST_ATTEMPTS)
    assert stuck_sources_requeue(now=NOW) == {"requeued": [], "failed": [source.pk]}
    source.refresh_from_db()
    assert source.status == "failed"
    assert "interrupted 3 times" in source.error
    assert queued == []


@pytest.mark.django_db
def test_an_editors_rerun_starts_the_count_again(queued):
    from ingest.sources import source_reingest

    source = make_source(status="failed", ingest_attempts=MAX_INGEST_ATTEMPTS)
    source_reingest(source=source)
    source.refresh_from_db()
    assert (source.status, source.ingest_attempts) == ("pending", 0)
    assert source_claim(source.pk)


# The worker under test: short limits, so that "past the bound" comes in seconds.
FAST_LIMITS = {
    "CELERY_TASK_TIME_LIMIT": "4",
    "CELERY_TASK_SOFT_TIME_LIMIT": "3",
    "CELERY_VISIBILITY_TIMEOUT": "6",
    "STUCK_SOURCE_SECONDS": "5",
    "STUCK_SOURCE_CHECK_SECONDS": "1",
}
# Each ingest takes 2.5 s in the first worker, so it can be killed in the middle.
SLOW_EXTRACTION = (
    "import time, ingest.pipeline as pipeline\n"
    "extract = pipeline.extract_events\n"
    "pipeline.extract_events = lambda *a, **k: (time.sleep(2.5), extract(*a, **k))[1]"
)
DAYS = [dt.date(2025, 1, 10), dt.date(2025, 2, 7), dt.date(2025, 3, 7), dt.date(2025, 4, 4)]


@pytest.mark.redis
def test_sources_a_killed_worker_left_end_finished_within_the_bound_each_once(
    need_redis, transactional_db, tmp_path
):
    sources = [
        source_create_from_content(
            content=f"On {day.day} {day:%B %Y} Ukraine and Russia exchanged {n} prisoners for {n}.",
            published=day + dt.timedelta(days=1),
            language="en",
        )[0]
        for n, day in enumerate(DAYS, start=101)
    ]
    queue = f"test-{uuid.uuid4().hex[:12]}"
    log_path = tmp_path / "worker.log"
    options = ("--pool=prefork", "--concurrency=2")
    worker = start_worker(queue, log_path, *options, env=FAST_LIMITS, prelude=SLOW_EXTRACTION)
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        for source in sources:
            send(ingest_source_task, source.pk, queue=queue)
        processing = Source.objects.filter(status="processing")
        wait_for(lambda: processing.count() == 2, log_path, interval=0.05)
        os.killpg(worker.pid, signal.SIGKILL)  # the worker and its pool, as the OOM killer might
        worker.wait()
        killed_at = time.monotonic()
        in_flight = set(processing.values_list("pk", flat=True))
        assert len(in_flight) == 2
        assert Source.objects.filter(status="pending").count() == 2

        # Restarted, with beat beside it (as the compose file runs them).
        schedule = str(tmp_path / "beat-schedule")
        worker = start_worker(queue, log_path, *options, "--beat", "-s", schedule, env=FAST_LIMITS)
        unfinished = Source.objects.filter(status__in=recovery.UNFINISHED)
        bound = sum(
            int(FAST_LIMITS[name])
            for name in ("STUCK_SOURCE_SECONDS", "STUCK_SOURCE_CHECK_SECONDS")
        )
        wait_for(lambda: not unfinished.exists(), log_path, timeout=bound + 30)
        elapsed = time.monotonic() - killed_at
        time.sleep(3)  # any second delivery would run now: it must change nothing
    finally:
        celery_app.conf.task_always_eager = eager
        stop_worker(worker)

    assert elapsed < bound + 15, f"took {elapsed:.1f} s"  # (a worker's start-up is slow here)
    assert set(Source.objects.values_list("status", flat=True)) == {"done"}
    attempts = dict(Source.objects.values_list("pk", "ingest_attempts"))
    assert attempts == {s.pk: 2 if s.pk in in_flight else 1 for s in sources}
    assert Report.objects.count() == len(DAYS)
    assert Exchange.objects.count() == len(DAYS)
