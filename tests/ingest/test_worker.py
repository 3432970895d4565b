"""A real Celery worker, fed through the local Redis, writes what the eager path writes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from config.celery import app as celery_app
from exchanges.models import Exchange, Report, Source
from ingest.sources import source_create_from_file
from ingest.tasks import ingest_source_task
from tests.conftest import REDIS_URL, REPO_ROOT

SEED = "002_2dffcf02efa1d4ff.txt"
SEED_PUBLISHED = "2025-05-24"


def database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{db.get('USER') or 'postgres'}@{host}:{port}/{db['NAME']}"


@pytest.fixture
def worker_queue(need_redis, transactional_db, tmp_path):
    """A worker process on its own queue, against the test database."""
    queue = f"test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CONN_MAX_AGE": "0",
    }
    log = (tmp_path / "worker.log").open("w+")
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=warning",
        ],
        cwd=REPO_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        yield queue, tmp_path / "worker.log"
    finally:
        celery_app.conf.task_always_eager = eager
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


def snapshot() -> list[tuple]:
    exchanges = [
        (
            e.kind,
            e.date,
            e.status,
            e.to_ukraine,
            e.to_russia,
            e.ordinal,
            e.stage_number,
            e.parent is not None,
            tuple(sorted(m.name for m in e.mediators.all())),
        )
        for e in Exchange.objects.order_by("date", "stage_number")
    ]
    reports = [
        (r.kind, r.date, r.status, r.to_ukraine, r.to_russia, r.sentence, r.sentence_start)
        for r in Report.objects.order_by("position")
    ]
    return exchanges + reports


def new_seed_source(seeds_dir: Path) -> Source:
    import datetime as dt

    source, created = source_create_from_file(
        seeds_dir / SEED, published=dt.date.fromisoformat(SEED_PUBLISHED)
    )
    assert created
    return source


def wait_until_ingested(source: Source, worker_log: Path, timeout: float = 60) -> Source:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        source.refresh_from_db()
        if source.status in {"done", "irrelevant", "failed"}:
            return source
        time.sleep(0.2)
    raise AssertionError(
        f"the worker did not finish source #{source.pk} in {timeout} s; its output:\n"
        + worker_log.read_text()[-5000:]
    )


def test_it_ingests_a_seed_through_redis_and_a_worker_as_the_eager_path_does(
    seeds_dir, worker_queue
):
    eager_source = new_seed_source(seeds_dir)
    ingest_source_task.apply(args=[eager_source.pk])
    eager_source.refresh_from_db()
    assert eager_source.status == "done", eager_source.error
    eager = snapshot()
    assert eager, "the eager path found nothing to compare"
    Source.objects.all().delete()
    Exchange.objects.all().delete()

    queue, worker_log = worker_queue
    worker_source = new_seed_source(seeds_dir)
    # An explicit connection: the app's own pool may already point elsewhere.
    with celery_app.connection_for_write(REDIS_URL) as connection:
        ingest_source_task.apply_async(args=[worker_source.pk], queue=queue, connection=connection)
    worker_source = wait_until_ingested(worker_source, worker_log)
    assert worker_source.status == "done", worker_source.error
    assert snapshot() == eager
