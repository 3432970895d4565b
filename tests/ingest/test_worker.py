"""A real Celery worker, fed through the local Redis: files, URLs and feeds.

The worker is a separate process on its own queue, working on the test
database; what it writes must be what the eager path writes.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
import time
import uuid
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from config.celery import app as celery_app
from exchanges.models import Exchange, Feed, Report, Source
from ingest.sources import source_create_from_file, source_create_from_url
from ingest.tasks import ingest_source_task, poll_feeds
from tests.ingest.workers import send, start_worker, stop_worker, wait_for

SEED = "002_2dffcf02efa1d4ff.txt"
SEED_PUBLISHED = dt.date(2025, 5, 24)

ARTICLE_HTML = """<!doctype html><html><head><title>Swap of prisoners</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ukraine and Russia swap 84 prisoners each</h1>
<p>Ukraine and Russia exchanged 84 prisoners for 84 on 14 August 2025, with the mediation
of the United Arab Emirates, Ukraine's Coordination Headquarters said.</p>
<p>It was the 67th exchange since the full-scale invasion began.</p></article>
<footer>Example News</footer></body></html>"""


@pytest.fixture
def worker_queue(need_redis, transactional_db, tmp_path):
    """A worker on its own queue (for the tasks it queues itself too), on the test database."""
    queue = f"test-{uuid.uuid4().hex[:12]}"
    log_path = tmp_path / "worker.log"
    worker = start_worker(queue, log_path)
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        yield queue, log_path
    finally:
        celery_app.conf.task_always_eager = eager
        stop_worker(worker)


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


def snapshot() -> list[tuple]:
    exchanges = [
        (e.kind, e.date, e.status, e.to_ukraine, e.to_russia, e.ordinal, e.stage_number,
         e.parent is not None, tuple(sorted(m.name for m in e.mediators.all())))
        for e in Exchange.objects.order_by("date", "stage_number")
    ]  # fmt: skip
    reports = [
        (r.kind, r.date, r.status, r.to_ukraine, r.to_russia, r.sentence, r.sentence_start)
        for r in Report.objects.order_by("position")
    ]
    return exchanges + reports


def new_seed_source(seeds_dir: Path) -> Source:
    source, created = source_create_from_file(seeds_dir / SEED, published=SEED_PUBLISHED)
    assert created
    return source


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
    send(ingest_source_task, worker_source.pk, queue=queue)
    worker_source = wait_until_ingested(worker_source, worker_log)
    assert worker_source.status == "done", worker_source.error
    assert snapshot() == eager


class QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".xml": "application/rss+xml"}

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def local_site(tmp_path):
    """A news site with one article and its RSS feed on 127.0.0.1."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "swap.html").write_text(ARTICLE_HTML, encoding="utf-8")
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site))
    )
    base = f"http://127.0.0.1:{server.server_address[1]}"
    (site / "feed.xml").write_text(
        f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>
<title>Example News</title><link>{base}/</link><description>news</description>
<item><title>Ukraine and Russia swap 84 prisoners each</title><link>{base}/swap.html</link>
<guid>{base}/swap.html</guid><pubDate>Fri, 15 Aug 2025 08:00:00 GMT</pubDate></item>
</channel></rss>""",
        encoding="utf-8",
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base
    server.shutdown()


def test_a_worker_fetches_a_url_and_records_its_exchange(worker_queue, local_site):
    queue, worker_log = worker_queue
    source, _ = source_create_from_url(f"{local_site}/swap.html")
    send(ingest_source_task, source.pk, queue=queue)
    source = wait_until_ingested(source, worker_log)
    assert source.status == "done", source.error
    assert source.fetched_at is not None
    exchange = Exchange.objects.get()
    assert (exchange.to_ukraine, exchange.to_russia, exchange.ordinal) == (84, 84, 67)
    assert [m.name for m in exchange.mediators.all()] == ["UAE"]


def test_a_worker_refuses_a_private_address_and_says_why(worker_queue):
    queue, worker_log = worker_queue
    source, _ = source_create_from_url("http://10.11.12.13/article")
    send(ingest_source_task, source.pk, queue=queue)
    source = wait_until_ingested(source, worker_log)
    assert source.status == "failed"
    assert "private" in source.error
    assert not Exchange.objects.exists()


def test_polling_a_feed_twice_through_a_worker_ingests_its_entry_once(worker_queue, local_site):
    queue, worker_log = worker_queue
    feed = Feed.objects.create(name="Example News", url=f"{local_site}/feed.xml")
    send(poll_feeds, queue=queue)
    wait_for(lambda: Source.objects.exists(), worker_log)
    source = wait_until_ingested(Source.objects.get(), worker_log)
    assert source.status == "done", source.error
    assert source.feed_id == feed.pk
    assert source.published == dt.date(2025, 8, 15)
    assert Exchange.objects.get().date == dt.date(2025, 8, 14)

    feed.refresh_from_db()
    first_poll = feed.last_polled_at
    send(poll_feeds, queue=queue)
    wait_for(lambda: Feed.objects.get().last_polled_at > first_poll, worker_log)
    assert Source.objects.count() == 1
    assert Exchange.objects.count() == 1
    assert Feed.objects.get().last_error == ""


def reingested(source: Source) -> bool:
    now = Source.objects.get(pk=source.pk)
    return now.status == "done" and now.updated_at > source.updated_at


def test_an_editors_correction_survives_ingests_through_a_worker(worker_queue, tmp_path):
    queue, worker_log = worker_queue
    first = tmp_path / "first.txt"
    first.write_text("On 14 August 2025 Ukraine and Russia exchanged 84 prisoners for 84.\n")
    source, _ = source_create_from_file(first, published=dt.date(2025, 8, 15))
    send(ingest_source_task, source.pk, queue=queue)
    wait_until_ingested(source, worker_log)
    exchange = Exchange.objects.get()
    exchange.to_ukraine = 85  # what the admin's save does for an editor's correction
    exchange.lock("to_ukraine")
    exchange.needs_review = False
    exchange.save()

    second = tmp_path / "second.txt"
    second.write_text(
        "On 14 August 2025, in the 67th exchange, Ukraine and Russia swapped 90 prisoners for 84.\n"
    )
    other, _ = source_create_from_file(second, published=dt.date(2025, 8, 15))
    send(ingest_source_task, other.pk, queue=queue)
    # And the first one again, as an editor's re-run queues it (a done source is skipped).
    Source.objects.filter(pk=source.pk).update(status="pending")
    send(ingest_source_task, source.pk, queue=queue)
    wait_until_ingested(other, worker_log)
    wait_for(lambda: reingested(source), worker_log)

    exchange.refresh_from_db()
    assert exchange.to_ukraine == 85
    assert exchange.ordinal == 67  # fields the editor left alone still update
    assert exchange.needs_review and "editor set 85" in exchange.review_reason
    assert Exchange.objects.count() == 1
