"""Ingest benchmark: the whole pipeline against trafilatura's extraction alone.

    .venv/bin/python bench/ingest.py [--articles 1000]

Writes N news-like HTML pages built from the bundled sample articles (each
page different, so none is skipped as a duplicate) into a temporary folder,
then times, in the same run:
- baselines: `trafilatura.extract` with its defaults, and the very
  `trafilatura.bare_extraction` call the pipeline makes, on every file;
- pipeline: `ingest_source` on every file (create the source, main text,
  extraction, reconciliation, history), in a throwaway database.
The three are timed in turns, a block of 25 articles at a time, in one run.
It prints articles per second for each and the ratios (target: the pipeline
costs at most twice the extraction alone).

First, one big page (`--big-page-mb`, 5 by default: the fetcher's limit) of a
long table of exchanges goes through the whole pipeline alone: its time (wall
and CPU) and the growth of the process's peak memory (target: under 5 s and
200 MB).
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# As in production: DEBUG off (with it on, Django also logs every query it runs).
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("LOG_LEVEL", "ERROR")

import django  # noqa: E402

django.setup()

import trafilatura  # noqa: E402

from ingest.extraction import extract_events  # noqa: E402
from ingest.html import TRAFILATURA_OPTIONS, extract_article  # noqa: E402
from ingest.pipeline import MAX_TEXT_CHARS, ingest_source, normalise_text  # noqa: E402
from ingest.sources import source_create_from_file  # noqa: E402
from ingest.throwaway_db import throwaway_database  # noqa: E402

SAMPLES = REPO_ROOT / "samples" / "articles"
# Real news pages carry far more than the story: menus, teasers, scripts and
# footers make up most of the page, and that is what the extractor has to wade
# through. These pages are built the same way, around 60 KB each.
NAV = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(120))
TEASERS = "".join(
    f'<div class="teaser"><a href="/news/{i}"><img src="/img/{i}.jpg" alt="">'
    f"<h3>Related story {i}: markets, weather and sport</h3></a>"
    f"<p>A short summary of another story, number {i}, that readers may like.</p></div>"
    for i in range(60)
)
SCRIPT = (
    "<script>window.__STATE__ = "
    + "{"
    + ",".join(
        f'"item{i}": {{"id": {i}, "title": "Story {i}", "tags": ["a", "b", "c"]}}'
        for i in range(500)
    )
    + "};</script>"
)


def sample_articles() -> list[tuple[str, dict]]:
    """Each bundled sample's text, with its case (publication date, language)."""
    cases = {case["id"]: case for case in json.loads((SAMPLES / "cases.json").read_text("utf-8"))}
    articles = []
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix == ".txt":
            text = path.read_text("utf-8")
        elif path.suffix == ".html":
            text = trafilatura.extract(path.read_text("utf-8")) or ""
        else:
            continue
        if text.strip():
            articles.append((text, cases.get(path.stem, {})))
    return articles


def news_page(text: str, case: dict, n: int) -> str:
    """A page shaped like a news site's: navigation, the article, related links, footer.

    Like a real news page it says when it was published and in which language.
    """
    title, *paragraphs = [line for line in text.splitlines() if line.strip()]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    published = case.get("published") or ""
    return f"""<!doctype html><html lang="{case.get("language", "en")}"><head><meta charset="utf-8">
<title>{html.escape(title)} | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="{published}T09:30:00+00:00">
<script>window.dataLayer = [{{"page": {n}}}];</script>{SCRIPT}</head>
<body><header><nav><ul>{NAV}</ul></nav></header>
<main><article><h1>{html.escape(title)}</h1>
<p class="byline">By a staff reporter · story {n}</p>{body}
<p>Reference number {n}-{random.randint(1000, 9999)}.</p></article>
<aside><h2>Related</h2>{TEASERS}</aside></main>
<footer><p>© Example News. All rights reserved.</p><ul>{NAV}</ul></footer></body></html>"""


def big_table_page(size_bytes: int) -> str:
    """A page of one long table of exchanges, one row a day, just under `size_bytes` long."""
    start = dt.date(2022, 4, 1)
    rows, size, n = [], 0, 0
    while size < size_bytes - 1000:  # (room for the rest of the page)
        n += 1
        day = start + dt.timedelta(days=n % 1400)
        row = (
            f"<tr><td>{day:%d %B %Y}</td><td>{100 + n % 300}</td><td>{90 + n % 250}</td>"
            f"<td>Ukraine and Russia exchanged prisoners, mediated by the UAE ({n})</td></tr>"
        )
        rows.append(row)
        size += len(row)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Every prisoner exchange</title></head><body><article>"
        "<h1>Every prisoner exchange</h1><p>On 14 August 2025 Ukraine and Russia exchanged "
        "84 prisoners for 84, with the mediation of the United Arab Emirates.</p>"
        "<table><tr><th>Date</th><th>To Ukraine</th><th>To Russia</th><th>Note</th></tr>"
        + "".join(rows)
        + "</table></article></body></html>"
    )


def time_big_page(folder: Path, megabytes: float) -> None:
    """Main text and extraction (the part bounded by the text's length), then the
    whole pipeline, which also reconciles every event the page states."""
    path = folder / "big-table.html"
    path.write_text(big_table_page(int(megabytes * 1024 * 1024)), encoding="utf-8")
    page = path.read_text("utf-8")
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    wall, cpu = time.perf_counter(), time.process_time()
    text = normalise_text(extract_article(page).text)[:MAX_TEXT_CHARS]
    events = extract_events(text, published=dt.date(2025, 8, 15), language="en")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before
    print(f"big page                                {len(page) / 2**20:8.2f} MB of one table")
    print(f"  main text and extraction              {wall:8.2f} s  ({cpu:.2f} s CPU; target < 5 s)")
    print(f"  growth of peak memory                 {growth / 1024:8.0f} MB  (target: < 200 MB)")
    wall, cpu = time.perf_counter(), time.process_time()
    source, _ = source_create_from_file(path)
    status = ingest_source(source.pk).status
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    reconciled = f"whole pipeline, {len(events)} events"
    print(f"  {reconciled:<38}{wall:8.2f} s  ({cpu:.2f} s CPU; {status})")


def write_pages(folder: Path, count: int) -> list[Path]:
    articles = sample_articles()
    paths = []
    for n in range(count):
        path = folder / f"article-{n:05d}.html"
        path.write_text(news_page(*articles[n % len(articles)], n), encoding="utf-8")
        paths.append(path)
    return paths


# The three are timed in turns, a block of articles each, so that whatever else
# the machine is doing weighs on all of them alike and the ratios stay steady.
BLOCK = 25


def time_extract_defaults(paths: list[Path]) -> float:
    """trafilatura.extract with its default settings."""
    start = time.perf_counter()
    for path in paths:
        trafilatura.extract(path.read_text("utf-8"))
    return time.perf_counter() - start


def time_extract_as_pipeline(paths: list[Path]) -> float:
    """The very trafilatura call the pipeline makes (text and metadata)."""
    start = time.perf_counter()
    for path in paths:
        trafilatura.bare_extraction(path.read_text("utf-8"), **TRAFILATURA_OPTIONS)
    return time.perf_counter() - start


def time_pipeline(paths: list[Path], statuses: Counter) -> float:
    """Create the source from the file and ingest it, as `manage.py ingest` does."""
    start = time.perf_counter()
    for path in paths:
        source, _ = source_create_from_file(path)
        statuses[ingest_source(source.pk).status] += 1
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--big-page-mb", type=float, default=5.0, help="0 to skip")
    args = parser.parse_args()
    random.seed(1)
    defaults = baseline = pipeline = 0.0
    statuses: Counter = Counter()
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp, throwaway_database():
        paths = write_pages(Path(tmp), args.articles)
        time_extract_as_pipeline(paths[:20])  # warm up lxml and trafilatura
        extract_events("Warm-up.")  # and the extraction rules, compiled on first use
        if args.big_page_mb:
            time_big_page(Path(tmp), args.big_page_mb)
        for first in range(0, len(paths), BLOCK):
            block = paths[first : first + BLOCK]
            defaults += time_extract_defaults(block)
            baseline += time_extract_as_pipeline(block)
            pipeline += time_pipeline(block, statuses)
    n = len(paths)
    shown = {str(status): count for status, count in statuses.items()}
    print(f"articles                                {n}")
    print(f"trafilatura.extract, default settings   {n / defaults:8.1f} articles/s")
    print(f"trafilatura as the pipeline calls it    {n / baseline:8.1f} articles/s")
    print(f"whole pipeline                          {n / pipeline:8.1f} articles/s  {shown}")
    print(
        f"pipeline / trafilatura as called        {pipeline / baseline:8.2f}  (target: at most 2)"
    )
    print(f"pipeline / trafilatura.extract defaults {pipeline / defaults:8.2f}")


if __name__ == "__main__":
    main()
