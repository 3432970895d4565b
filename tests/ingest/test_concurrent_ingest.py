"""Concurrent ingest: articles about the same exchanges, ingested at the same
moment by separate processes, still make one record per exchange.

Matching looks for a candidate and then creates a record; without a lock
around the two, two processes each find nothing and each create one. The
processes here are real (plain Python processes, and a Celery worker with a
pool of 4), on the test database, as in production.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid

import pytest

from config.celery import app as celery_app
from exchanges.models import Exchange, Source
from ingest.pipeline import ingest_source
from ingest.sources import source_create_from_content
from ingest.tasks import ingest_source_task
from tests.ingest.workers import run_python, send, start_worker, stop_worker, wait_for

TRIALS = 3
PROCESSES = 4

# Five exchanges, each reported by four outlets in their own words.
EXCHANGES = [
    (dt.date(2025, 1, 10), 100, 100),
    (dt.date(2025, 1, 24), 150, 150),
    (dt.date(2025, 2, 7), 175, 175),
    (dt.date(2025, 2, 21), 200, 190),
    (dt.date(2025, 3, 7), 120, 120),
]
WORDINGS = [
    "On {day} Ukraine and Russia exchanged {u} prisoners for {r}, officials said.",
    "Ukraine and Russia swapped prisoners on {day}: {u} Ukrainian defenders came home "
    "and {r} Russian servicemen were handed over.",
    "{u} Ukrainians returned home from Russian captivity on {day} in a prisoner exchange; "
    "Russia got back {r} of its soldiers.",
    "A prisoner swap took place on {day}. Kyiv received {u} prisoners of war and Moscow "
    "received {r}, the Coordination Headquarters reported.",
]

# Each process waits for the same moment, then ingests its share as fast as it can.
INGEST_AT = """
import sys, time
from ingest.pipeline import ingest_source
start, ids = float(sys.argv[1]), [int(i) for i in sys.argv[2].split(",")]
time.sleep(max(0.0, start - time.time()))
for source_id in ids:
    result = ingest_source(source_id)
    assert result.status == "done", (source_id, result.status, result.error)
"""


def make_sources() -> list[Source]:
    """The 20 articles, interleaved so that every process has one of each exchange."""
    sources = []
    for wording in WORDINGS:
        for day, to_ukraine, to_russia in EXCHANGES:
            text = wording.format(day=f"{day.day} {day:%B %Y}", u=to_ukraine, r=to_russia)
            source, created = source_create_from_content(
                content=text, is_html=False, published=day + dt.timedelta(days=1), language="en"
            )
            assert created
            sources.append(source)
    return sources


def records() -> list[tuple]:
    return sorted(
        Exchange.objects.filter(parent=None).values_list("date", "to_ukraine", "to_russia")
    )


def finished(ids: list[int]) -> int:
    return Source.objects.filter(pk__in=ids, status__in=["done", "failed"]).count()


EXPECTED = sorted(EXCHANGES)


@pytest.mark.django_db
def test_sequential_ingest_of_the_articles_makes_one_record_per_exchange():
    for source in make_sources():
        assert ingest_source(source.pk).status == "done"
    assert records() == EXPECTED


@pytest.mark.postgres
def test_parallel_processes_make_one_record_per_exchange(need_postgres, transactional_db):
    for trial in range(TRIALS):
        Exchange.objects.all().delete()
        Source.objects.all().delete()
        ids = [source.pk for source in make_sources()]
        start = time.time() + 3  # time for every process to start and set Django up
        processes = [
            run_python(INGEST_AT, str(start), ",".join(map(str, ids[n::PROCESSES])))
            for n in range(PROCESSES)
        ]
        for process in processes:
            output, _ = process.communicate(timeout=120)
            assert process.returncode == 0, output
        assert records() == EXPECTED, f"trial {trial + 1}"


@pytest.mark.postgres
@pytest.mark.redis
def test_a_worker_at_concurrency_4_makes_one_record_per_exchange(
    need_postgres, need_redis, transactional_db, tmp_path
):
    queue = f"test-{uuid.uuid4().hex[:12]}"
    log_path = tmp_path / "worker.log"
    worker = start_worker(queue, log_path, "--pool=prefork", "--concurrency=4")
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        for trial in range(TRIALS):
            Exchange.objects.all().delete()
            Source.objects.all().delete()
            ids = [source.pk for source in make_sources()]
            # The four articles about one exchange one after another, so that the
            # pool's four processes take them at the same moment.
            by_exchange = [ids[n :: len(EXCHANGES)] for n in range(len(EXCHANGES))]
            for source_id in (i for group in by_exchange for i in group):
                send(ingest_source_task, source_id, queue=queue)
            wait_for(lambda ids=ids: finished(ids) == len(ids), log_path, timeout=120)
            assert not Source.objects.filter(status="failed").exists(), log_path.read_text()
            assert records() == EXPECTED, f"trial {trial + 1}"
    finally:
        celery_app.conf.task_always_eager = eager
        stop_worker(worker)
