"""python manage.py ingest PATH_OR_URL... [--published YYYY-MM-DD]

Files (.txt, .html) and folders of them become sources; URLs are fetched by the
task. A folder that holds a `cases.json` (the corpus format) gives each file its
published date, URL and language from it. One ingest task is queued per new
source; sources already known are skipped, so running it twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ingest.fetch import FetchError
from ingest.sources import SourceError, source_create_from_file, source_create_from_url
from ingest.tasks import enqueue_ingest

ARTICLE_SUFFIXES = {".txt", ".html", ".htm"}


class Command(BaseCommand):
    help = "Ingest article files, folders of them, or URLs."

    def add_arguments(self, parser):
        parser.add_argument("targets", nargs="+", metavar="PATH_OR_URL")
        parser.add_argument(
            "--published",
            type=dt.date.fromisoformat,
            help="Publication date (YYYY-MM-DD) for articles that do not carry one.",
        )

    def handle(self, *args, targets: list[str], published=None, **options):
        created = skipped = failed = 0
        for target in targets:
            for kind, item, meta in self._expand(target, published):
                try:
                    if kind == "url":
                        source, is_new = source_create_from_url(item, published=published)
                    else:
                        source, is_new = source_create_from_file(item, **meta)
                except (SourceError, FetchError, OSError) as exc:
                    failed += 1
                    self.stderr.write(f"{item}: {exc}")
                    continue
                if is_new:
                    created += 1
                    enqueue_ingest(source.pk)
                else:
                    skipped += 1
        self.stdout.write(
            f"{created} new source(s) queued, {skipped} already known, {failed} refused."
        )
        if failed and not created and not skipped:
            raise CommandError("Nothing could be ingested.")

    def _expand(self, target: str, published: dt.date | None):
        if target.startswith(("http://", "https://")) or "://" in target:
            yield "url", target, {}
            return
        path = Path(target)
        if path.is_dir():
            cases = _cases_by_id(path)
            for file in sorted(path.iterdir()):
                if file.suffix.lower() in ARTICLE_SUFFIXES and file.is_file():
                    yield "file", file, _file_meta(cases.get(file.stem, {}), published)
        elif path.is_file():
            cases = _cases_by_id(path.parent)
            yield "file", path, _file_meta(cases.get(path.stem, {}), published)
        else:
            raise CommandError(f"{target}: no such file, folder or URL.")


def _cases_by_id(folder: Path) -> dict[str, dict]:
    index = folder / "cases.json"
    if not index.is_file():
        return {}
    try:
        return {case["id"]: case for case in json.loads(index.read_text("utf-8"))}
    except (ValueError, KeyError, TypeError) as exc:
        raise CommandError(f"{index}: not a valid cases.json ({exc}).") from exc


def _file_meta(case: dict, published: dt.date | None) -> dict:
    date = case.get("published")
    return {
        "published": dt.date.fromisoformat(date) if date else published,
        "url": case.get("url") or None,
        "language": case.get("language") or "",
    }
