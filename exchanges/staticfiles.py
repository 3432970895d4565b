"""Static files that come from installed packages rather than from this repository.

`vendor/plotly.min.js` is plotly.js's official basic bundle (bar, scatter, pie:
every chart the site draws; 0.4 MB compressed instead of 1.5 MB for the full
one), installed by npm from `package.json` at set-up (`make setup`, the
Dockerfile) into the git-ignored `node_modules/`. On a machine without npm it
is the full bundle the installed `plotly` Python package ships, so the charts
draw either way. Nothing here is a copy kept in the repository; `collectstatic`
copies the file like any other.
"""

from __future__ import annotations

from pathlib import Path

import plotly
from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage

PLOTLY_JS = "vendor/plotly.min.js"
BASIC_BUNDLE = Path("plotly.js-basic-dist-min") / "plotly-basic.min.js"
FULL_BUNDLE = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"


def node_modules() -> Path:
    return Path(settings.BASE_DIR) / "node_modules"


def plotly_js() -> Path:
    """The basic bundle when npm installed it, else the plotly package's full one."""
    basic = node_modules() / BASIC_BUNDLE
    return basic if basic.is_file() else FULL_BUNDLE


class PackageFinder(BaseFinder):
    """Finds `vendor/plotly.min.js` in node_modules or the plotly package, and nothing else."""

    def check(self, **kwargs) -> list:
        # The fallback must be there; the basic bundle is optional (no npm, no harm).
        if not FULL_BUNDLE.is_file():
            return [Error(f"{PLOTLY_JS} is missing from the installed plotly package")]
        return []

    def find(self, path: str, find_all: bool = False, **kwargs):
        if path != PLOTLY_JS:
            return [] if find_all else None
        found = str(plotly_js())
        return [found] if find_all else found

    def list(self, ignore_patterns):
        yield "plotly.min.js", _BundleStorage(plotly_js())


class _BundleStorage(FileSystemStorage):
    """The bundle's folder, where `plotly.min.js` names the bundle whatever its file name
    (the basic one is plotly-basic.min.js): collectstatic copies it to vendor/plotly.min.js."""

    def __init__(self, bundle: Path) -> None:
        super().__init__(location=str(bundle.parent))
        self.prefix = "vendor"
        self.bundle_name = bundle.name

    def path(self, name: str) -> str:
        return super().path(self.bundle_name if name == "plotly.min.js" else name)
