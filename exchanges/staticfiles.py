"""Static files that come from installed packages rather than from this repository.

plotly.js is the one the installed `plotly` package ships (the version its
Python side is built for); serving it from there keeps a 4.8 MB third-party
build out of the repository. `collectstatic` copies it like any other file.
"""

from __future__ import annotations

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PLOTLY_JS = "vendor/plotly.min.js"
PACKAGE_DATA = Path(plotly.__file__).resolve().parent / "package_data"


class PackageFinder(BaseFinder):
    """Finds `vendor/plotly.min.js` in the plotly package, and nothing else."""

    files = {PLOTLY_JS: PACKAGE_DATA / "plotly.min.js"}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=str(PACKAGE_DATA))
        self.storage.prefix = "vendor"

    def check(self, **kwargs) -> list:
        from django.core.checks import Error

        missing = [name for name, path in self.files.items() if not path.is_file()]
        return [Error(f"{name} is missing from the installed plotly package") for name in missing]

    def find(self, path: str, find_all: bool = False, **kwargs):
        found = self.files.get(path)
        if found is None or not found.is_file():
            return [] if find_all else None
        return [str(found)] if find_all else str(found)

    def list(self, ignore_patterns):
        for path in self.files.values():
            yield path.name, self.storage
