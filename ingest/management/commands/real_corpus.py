"""python manage.py real_corpus status|build

`status` says which annotated real articles have their text in the cache;
`build` lays the cached texts out as the `tune` and `held` corpus folders under
`.cache/corpus_real/` for `evaluate_extraction`. Retrieving the texts is a step
for a session with the search tool: `tests/corpus_real/README.md`.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from ingest.real_corpus import CACHE_DIR, build_splits, cache_status, load_cases


class Command(BaseCommand):
    help = "Check the real-text corpus cache, or lay it out as the tune and held corpora."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["status", "build"])

    def handle(self, action: str, **options):
        cases = load_cases()
        status = cache_status(cases)
        self.stdout.write(
            f"{len(cases)} cases: {len(status.present)} texts cached, "
            f"{len(status.missing)} missing, {len(status.changed)} differ from the annotated text"
        )
        for case_id in status.changed:
            self.stdout.write(f"    differs: {case_id}")
        if action == "build":
            if not status.present:
                raise CommandError(
                    f"No cached texts in {CACHE_DIR / 'texts'}: retrieve them first "
                    "(tests/corpus_real/README.md)."
                )
            sizes = build_splits(cases)
            for split, size in sizes.items():
                self.stdout.write(f"{CACHE_DIR / split}: {size} articles")
