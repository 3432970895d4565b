"""Page benchmark: each dashboard page and the full CSV against a minimal view.

    .venv/bin/python bench/pages.py [--rows 100000] [--repeat 15] [--refill]
    .venv/bin/python bench/pages.py --sizes 10000,100000 [--rounds 2] [--repeat 15]

(`make bench` runs it.) It needs PostgreSQL: DATABASE_URL, by default
postgres://postgres@127.0.0.1:5432/pow_exchanges_bench, names a database this
script creates if missing, sets to jit=off (JIT compiles these short queries
for longer than they run) and fills with synthetic exchanges (refilled only
when the row count differs, or with --refill; it refuses to empty a database
whose name does not contain "bench"). Then, in the same run:

- each page and a minimal view (an HttpResponse("ok") behind the same
  middleware) are requested through django.test.Client, in-process, the same
  way; it prints the median and 95th percentile and their ratio to the
  minimal view;
- the full CSV download is timed the same way and its rows/s compared with
  PostgreSQL's own `COPY (SELECT the same columns) TO STDOUT` (psycopg 3);
- the CSV stream's memory: tracemalloc peak while streaming 1%, 10% and 100%
  of the rows, which should stay flat as the row count grows;
- the first visit of /: its HTML and every static file it loads, as a browser
  that accepts gzip receives them (static files as collectstatic compresses
  them for WhiteNoise).

With --sizes, it compares page times between database sizes instead: each
size has its own database (the DATABASE_URL name with _10k, _100k, ...), a
process per size and round measures the pages, the rounds alternate between
sizes so machine load weighs on each alike, and it prints each page's median
and 95th percentile per size with the ratio of the largest size's to the
smallest's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
import tracemalloc
import warnings
from pathlib import Path
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/pow_exchanges_bench"
RESULTS = REPO_ROOT / "bench-results"
os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
# The parent of the per-size processes only runs them: it needs no database of its own.
SIZES_MODE = "--sizes" in sys.argv
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Production-like: DEBUG off (no query log), but plain HTTP and no static manifest.
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("STATIC_MANIFEST", "false")
os.environ.setdefault("LOG_LEVEL", "ERROR")
# The API's per-client rate limit would refuse a benchmark's hundreds of requests.
os.environ.setdefault("API_RATE_LIMIT", "1000000/minute")

# WhiteNoise warns that collectstatic has not run; pages, not static files, are measured.
warnings.filterwarnings("ignore", message="No directory at")

import psycopg  # noqa: E402


def ensure_database(url: str) -> str:
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        sys.exit(f"bench/pages.py needs PostgreSQL; DATABASE_URL is {url!r}")
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")
        # JIT compiles these short dashboard queries for longer than they run (800 ms
        # of a 1 s CSV query on 5,000 rows); the site should run with jit=off too.
        conn.execute(f'ALTER DATABASE "{name}" SET jit = off')
    return name


def p95(values: list[float]) -> float:
    return (
        statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]
    )


def size_url(url: str, rows: int) -> str:
    """The database of one size: pow_exchanges_bench_100k for 100,000 rows."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + (f"_{rows // 1000}k" if rows % 1000 == 0 else f"_{rows}")
    return parts._replace(path=f"/{name}").geturl()


def compare_sizes(sizes: list[int], rounds: int, repeat: int) -> None:
    """Page times per database size, from alternating per-size processes."""
    samples: dict[int, dict[str, list[float]]] = {n: {} for n in sizes}
    for round_ in range(rounds):
        for rows in sizes if round_ % 2 == 0 else sizes[::-1]:
            env = {**os.environ, "DATABASE_URL": size_url(os.environ["DATABASE_URL"], rows)}
            out = subprocess.run(  # noqa: S603 - this script, with our own arguments
                [sys.executable, __file__, "--rows", str(rows), "--repeat", str(repeat)]
                + ["--pages-json"],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            result = json.loads(out.strip().splitlines()[-1])
            for label, times in result.items():
                samples[rows].setdefault(label, []).extend(times)
            print(f"round {round_ + 1}: {rows:,} rows measured", flush=True)
    # Kept, git-ignored, so a run's samples can be read again.
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "pages-sizes.json").write_text(json.dumps(samples))
    small, large = sizes[0], sizes[-1]
    head = "".join(f"{f'{n // 1000}k p50':>11}{f'{n // 1000}k p95':>11}" for n in sizes)
    print(f"\n{'page':<34}{head}{'p95 ratio':>11}{'p50 ratio':>11}")
    for label in samples[small]:
        cells = ""
        for n in sizes:
            t = samples[n][label]
            cells += f"{statistics.median(t) * 1000:>9.1f}ms{p95(t) * 1000:>9.1f}ms"
        ratio95 = p95(samples[large][label]) / p95(samples[small][label])
        ratio50 = statistics.median(samples[large][label]) / statistics.median(
            samples[small][label]
        )
        print(f"{label:<34}{cells}{ratio95:>10.2f}×{ratio50:>10.2f}×")


if SIZES_MODE:
    _parser = argparse.ArgumentParser()
    _parser.add_argument("--sizes", required=True)
    _parser.add_argument("--rounds", type=int, default=2)
    _parser.add_argument("--repeat", type=int, default=15)
    _args = _parser.parse_args()
    compare_sizes(sorted(int(n) for n in _args.sizes.split(",")), _args.rounds, _args.repeat)
    sys.exit(0)

DB_NAME = ensure_database(os.environ["DATABASE_URL"])

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402

from exchanges import csv_export  # noqa: E402
from exchanges.filters import ExchangeFilter  # noqa: E402
from exchanges.mediator_figures import mediator_years_rebuild  # noqa: E402
from exchanges.models import Exchange, Mediator, Report, Source  # noqa: E402
from exchanges.versions import data_changed  # noqa: E402


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/minimal/", minimal),
    path("", include("config.urls")),
]

KINDS = ["pow_exchange"] * 14 + ["body_repatriation"] * 5 + ["civilian_return"]
STATUSES = [Exchange.Status.COMPLETED] * 18 + [Exchange.Status.IN_PROGRESS, Exchange.Status.AGREED]
START = dt.date(2022, 3, 1)
DAYS = 1535  # to mid-May 2026


# --- Filling -----------------------------------------------------------------


def fill(rows: int, rng: random.Random) -> None:
    """`rows` top-level exchanges: 5% with 2–3 stages, most with mediators, ~1.2 reports each."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE exchanges_report, exchanges_source, exchanges_exchange_mediators,"
            " exchanges_exchange RESTART IDENTITY CASCADE"
        )
    batch = 5000
    exchanges = []
    for i in range(rows):
        undated = rng.random() < 0.01
        precision = rng.choices(["day", "week", "month"], [90, 5, 5])[0]
        exchanges.append(
            Exchange(
                date=None if undated else START + dt.timedelta(days=rng.randrange(DAYS)),
                date_precision="unknown" if undated else precision,
                kind=rng.choice(KINDS),
                status=rng.choice(STATUSES),
                to_ukraine=rng.randrange(1, 400) if rng.random() > 0.03 else None,
                to_russia=rng.randrange(1, 400) if rng.random() > 0.05 else None,
                ordinal=i + 1 if rng.random() < 0.3 else None,
                notes=rng.choice(["", "", 'Обмін, "95 на 95"', "=not a formula", "ok"]),
                needs_review=undated or rng.random() < 0.03,
                verified=rng.random() < 0.2,
                has_conflict=rng.random() < 0.02,
            )
        )
    parents = Exchange.objects.bulk_create(exchanges, batch_size=batch)
    stages = []
    for parent in parents:
        if parent.date and rng.random() < 0.05:
            for k in range(1, rng.choice([2, 3]) + 1):
                stages.append(
                    Exchange(
                        parent=parent,
                        stage_number=k,
                        date=parent.date + dt.timedelta(days=k - 1),
                        date_precision="day",
                        kind=parent.kind,
                        status=Exchange.Status.COMPLETED,
                        to_ukraine=rng.randrange(1, 200),
                        to_russia=rng.randrange(1, 200),
                    )
                )
    stages = Exchange.objects.bulk_create(stages, batch_size=batch)
    mediators = list(Mediator.objects.all())
    through = Exchange.mediators.through
    links = [
        through(exchange_id=p.pk, mediator_id=m.pk)
        for p in parents
        if rng.random() < 0.6
        for m in rng.sample(mediators, rng.choice([1, 1, 2]))
    ]
    through.objects.bulk_create(links, batch_size=batch)
    targets = parents + stages
    sources = Source.objects.bulk_create(
        (
            Source(
                url=f"https://news.example.org/{i}/exchange,{i}",
                outlet=rng.choice(["Ukrinform", "Reuters", "TASS", "Kyiv Independent"]),
                title=f"Prisoner exchange report {i}",
                published=START + dt.timedelta(days=rng.randrange(DAYS)),
                status=Source.Status.DONE,
            )
            for i in range(rows // 2)
        ),
        batch_size=batch,
    )
    reports = [
        Report(
            source_id=s.pk,
            exchange_id=rng.choice(targets).pk,
            position=k,
            kind="pow_exchange",
            status=Exchange.Status.COMPLETED,
            to_ukraine=rng.randrange(1, 400),
            sentence="Both sides exchanged prisoners.",
        )
        for s in sources
        for k in range(rng.choice([2, 2, 3]))
    ]
    Report.objects.bulk_create(reports, batch_size=batch)
    # bulk_create sends no signals: a bulk load keeps the mediator figures and says
    # itself that the data changed.
    mediator_years_rebuild()
    data_changed()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"filled {len(parents):,} exchanges, {len(stages):,} stages, {len(links):,} mediator"
        f" links, {len(sources):,} sources, {len(reports):,} reports"
        f" in {time.perf_counter() - started:.1f}s"
    )


# --- Measuring ---------------------------------------------------------------


def fetch(client: Client, url: str, **headers) -> int:
    response = client.get(url, **headers)
    expected = 304 if "HTTP_IF_NONE_MATCH" in headers else 200
    assert response.status_code == expected, (url, response.status_code)
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def timings(client: Client, url: str, repeat: int, after_write=False, **headers) -> list[float]:
    """Times of `repeat` requests after a warm-up one; with `after_write`, each comes
    right after the data version moves, as after any write (no cached figures)."""
    fetch(client, url, **headers)  # warm up
    out = []
    for _ in range(repeat):
        if after_write:
            data_changed()
        started = time.perf_counter()
        fetch(client, url, **headers)
        out.append(time.perf_counter() - started)
    return out


def copy_rows_per_second(queryset) -> tuple[int, float]:
    """PostgreSQL writing the CSV view's query as CSV itself, read through psycopg 3."""
    sql, params = csv_export.export_query(queryset)
    connection.ensure_connection()
    raw = connection.connection
    statement = psycopg.ClientCursor(raw).mogrify(sql, params)
    started = time.perf_counter()
    size = 0
    copy_sql = f"COPY ({statement}) TO STDOUT WITH (FORMAT csv, HEADER)"
    with raw.cursor() as cursor, cursor.copy(copy_sql) as copy:
        for block in copy:
            size += len(block)
    return size, time.perf_counter() - started


def csv_memory(client: Client, url: str) -> tuple[int, float]:
    tracemalloc.start()
    response = client.get(url)
    rows = sum(chunk.count(b"\n") for chunk in response.streaming_content) - 1
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return rows, peak / 1024 / 1024


STATIC_URL = re.compile(r'(?:src|href)="(/static/[^"]+)"')


def first_visit(client: Client, url: str = "/") -> list[tuple[str, int, int]]:
    """(path, bytes, bytes as sent) of a page and every static file it loads, for a
    browser that accepts gzip. WhiteNoise sends the .gz files collectstatic makes
    (gzip level 9), so a static file counts at its gzip-9 size."""
    page = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    html = gzip.decompress(page.content) if page.get("Content-Encoding") == "gzip" else page.content
    out = [(url, len(html), len(page.content))]
    for static in dict.fromkeys(STATIC_URL.findall(html.decode())):
        response = client.get(static, HTTP_ACCEPT_ENCODING="gzip")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        out.append((static, len(body), len(gzip.compress(body, compresslevel=9))))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--csv-repeat", type=int, default=3)
    parser.add_argument("--refill", action="store_true")
    parser.add_argument(
        "--pages-json", action="store_true", help="only time the pages; print them as JSON"
    )
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    top_level = Exchange.objects.top_level().count()
    if args.refill or top_level != args.rows:
        if "bench" not in DB_NAME:
            sys.exit(f"refusing to empty {DB_NAME!r}: its name does not contain 'bench'")
        fill(args.rows, random.Random(20220301))
    else:
        print(f"using the {top_level:,} exchanges already in {DB_NAME}")
    if not Exchange.history.exists():
        # A first version of every record (bulk_create writes none), for ?as_of= and the feed.
        started = time.perf_counter()
        Exchange.history.bulk_history_create(list(Exchange.objects.all()), batch_size=5000)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"wrote a first version of each record in {time.perf_counter() - started:.1f}s")

    parent = Exchange.objects.filter(stages__isnull=False, reports__isnull=False).first()
    source = Source.objects.filter(reports__isnull=False).first()
    pages = [
        ("/", "timeline"),
        ("/?kind=pow_exchange&mediator=uae&page=3", "timeline, filtered, page 3"),
        ("/totals/", "totals"),
        ("/mediators/", "mediators"),
        ("/mediators/uae/", "one mediator"),
        ("/exchanges/", "table"),
        ("/exchanges/?review=needs_review&sort=-to_ukraine&page=2", "table, filtered, sorted"),
        (parent.get_absolute_url(), "one exchange"),
        ("/sources/", "sources"),
        (source.get_absolute_url(), "one source"),
        ("/api/exchanges/", "API list"),
        ("/api/exchanges/?kind=pow_exchange&mediator=uae&sort=-to_ukraine", "API list, filtered"),
        (f"/api/exchanges/?as_of={dt.date.today()}", "API list, as_of snapshot"),
        (f"/api/exchanges/{parent.pk}/", "API one exchange"),
        ("/api/totals/", "API totals"),
        ("/api/mediators/", "API mediators"),
        ("/api/sources/", "API sources"),
        ("/feeds/exchanges.atom", "Atom feed"),
        ("/feeds/exchanges.atom?kind=body_repatriation", "Atom feed, filtered"),
    ]
    client = Client(HTTP_HOST="127.0.0.1")
    if args.pages_json:
        with override_settings(ROOT_URLCONF=sys.modules[__name__]):
            # The minimal view first: how loaded the machine was.
            times = {"minimal view": timings(client, "/bench/minimal/", args.repeat)}
            times |= {label: timings(client, url, args.repeat) for url, label in pages}
        print(json.dumps(times))
        return
    with override_settings(ROOT_URLCONF=sys.modules[__name__]):
        base = timings(client, "/bench/minimal/", args.repeat * 2)
        base_median = statistics.median(base)
        print(f"\n{'page':<34}{'median':>10}{'p95':>10}{'× minimal':>12}")
        print(
            f"{'minimal view':<34}{base_median * 1000:>8.2f}ms{p95(base) * 1000:>8.2f}ms{1:>11.0f}×"
        )
        for url, label in pages:
            t = timings(client, url, args.repeat)
            median = statistics.median(t)
            print(
                f"{label:<34}{median * 1000:>8.1f}ms{p95(t) * 1000:>8.1f}ms"
                f"{median / base_median:>11.0f}×"
            )

        print("\nRight after a write (a new data version: nothing cached yet):")
        for url, label in pages[:10]:
            t = timings(client, url, max(3, args.repeat // 3), after_write=True)
            print(f"{label:<34}{statistics.median(t) * 1000:>8.1f}ms{p95(t) * 1000:>8.1f}ms")

        for url, label in [
            ("/api/exchanges/", "API list, 304"),
            ("/feeds/exchanges.atom", "feed, 304"),
        ]:
            etag = client.get(url)["ETag"]
            t = timings(client, url, args.repeat, HTTP_IF_NONE_MATCH=etag)
            median = statistics.median(t)
            print(
                f"{label:<34}{median * 1000:>8.1f}ms{p95(t) * 1000:>8.1f}ms"
                f"{median / base_median:>11.0f}×"
            )

        total = Exchange.objects.top_level().count()
        t = timings(client, "/exchanges.csv", args.csv_repeat)
        median = statistics.median(t)
        print(
            f"{'CSV, all ' + format(total, ',') + ' rows':<34}{median * 1000:>8.0f}ms"
            f"{p95(t) * 1000:>8.0f}ms{median / base_median:>11.0f}×"
        )
        # The view's own query: the table's default rows, in its order.
        shown = ExchangeFilter({}, queryset=Exchange.objects.top_level()).qs
        copy_times = [copy_rows_per_second(shown)[1] for _ in range(args.csv_repeat)]
        copy_median = statistics.median(copy_times)
        print(
            f"\nCSV throughput: {total / median:,.0f} rows/s through the view;"
            f" {total / copy_median:,.0f} rows/s from PostgreSQL COPY of the same query"
            f" (view takes {median / copy_median:.1f}× as long)"
        )

        first = []
        for _ in range(args.csv_repeat):
            start = time.perf_counter()
            response = client.get("/exchanges.csv")
            next(iter(response.streaming_content))
            first.append(time.perf_counter() - start)
            response.close()
        print(
            f"CSV first byte: median {statistics.median(first) * 1000:.0f} ms,"
            f" p95 {p95(first) * 1000:.0f} ms (target: at most 300 ms)"
        )

        print("\nFirst visit of / (gzip as a browser receives it):")
        visit = first_visit(client)
        for static, size, sent in visit:
            print(f"  {static:<40}{size / 1000:>9.1f} kB{sent / 1000:>9.1f} kB sent")
        total = sum(sent for _path, _size, sent in visit)
        print(f"  {'total':<40}{'':>12}{total / 1000:>9.1f} kB sent (target: at most 600 kB)")

        print("\nCSV stream memory (tracemalloc peak while streaming):")
        latest = Exchange.objects.top_level().dated().order_by("-date").first().date
        for days in (15, 150, None):
            url = "/exchanges.csv"
            if days:
                url += f"?date_from={latest - dt.timedelta(days=days)}"
            rows, peak = csv_memory(client, url)
            print(f"  {rows:>8,} rows: {peak:6.1f} MiB")


if __name__ == "__main__":
    main()
