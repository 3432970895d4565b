"""A fresh, migrated database for one run of scoring or benchmarking, dropped afterwards."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection


class throwaway_database:
    """Run against a fresh, migrated database that is dropped afterwards."""

    def __enter__(self):
        db = settings.DATABASES["default"]
        self.old_name = db["NAME"]
        self.old_test = dict(db.get("TEST") or {})
        self.tmpdir = None
        if connection.vendor == "sqlite":
            self.tmpdir = tempfile.TemporaryDirectory(prefix="evaluate-")
            db.setdefault("TEST", {})["NAME"] = str(Path(self.tmpdir.name) / "evaluate.sqlite3")
        else:
            db.setdefault("TEST", {})["NAME"] = f"{self.old_name}_evaluate"
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        return self

    def __exit__(self, *exc_info):
        connection.creation.destroy_test_db(self.old_name, verbosity=0, keepdb=False)
        settings.DATABASES["default"]["TEST"] = self.old_test
        if self.tmpdir is not None:
            self.tmpdir.cleanup()
        return False
