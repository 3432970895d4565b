"""python manage.py load_curated [--exchanges PATH] [--checkpoints PATH]

Loads the curated data file (exchanges/data/, see its README) into records
marked curated; nothing is fetched. Running it twice changes nothing; a later
version of the file updates what changed and keeps every editor's correction.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ingest import curated_data
from ingest.curated import curated_load


class Command(BaseCommand):
    help = "Load the curated exchanges and official checkpoints (exchanges/data/)."

    def add_arguments(self, parser):
        parser.add_argument("--exchanges", type=Path, default=curated_data.EXCHANGES_FILE)
        parser.add_argument("--checkpoints", type=Path, default=curated_data.CHECKPOINTS_FILE)

    def handle(self, *args, exchanges: Path, checkpoints: Path, **options):
        try:
            entries, official = curated_data.load(exchanges, checkpoints)
        except (curated_data.CuratedDataError, OSError) as exc:
            raise CommandError(f"The curated data cannot be loaded:\n{exc}") from exc
        result = curated_load(entries=entries, checkpoints=official)
        self.stdout.write(
            f"{len(result.created)} record(s) created, {len(result.updated)} updated, "
            f"{len(result.unchanged)} unchanged; {result.sources_created} source(s) added; "
            f"{result.checkpoints_created} checkpoint(s) created, "
            f"{result.checkpoints_updated} updated."
        )
        for kept in result.kept_corrections:
            self.stdout.write(f"kept an editor's correction: {kept}")
