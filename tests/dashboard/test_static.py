"""plotly.js: the basic bundle npm installed, else the plotly package's full one; pages
go out compressed."""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from exchanges.staticfiles import BASIC_BUNDLE, FULL_BUNDLE, PLOTLY_JS, PackageFinder
from tests.conftest import REPO_ROOT
from tests.factories import make_exchange


@pytest.fixture
def basic_installed(settings, tmp_path):
    """A project folder whose node_modules holds the basic bundle, as `npm ci` leaves it."""
    bundle = tmp_path / "node_modules" / BASIC_BUNDLE
    bundle.parent.mkdir(parents=True)
    bundle.write_text("/* plotly.js-basic v4 */")
    settings.BASE_DIR = tmp_path
    return bundle


def test_it_serves_the_basic_bundle_when_npm_installed_it(basic_installed):
    assert Path(finders.find(PLOTLY_JS)) == basic_installed


def test_it_falls_back_to_the_full_bundle_of_the_plotly_package(settings, tmp_path):
    settings.BASE_DIR = tmp_path  # no node_modules: a machine without npm
    assert Path(finders.find(PLOTLY_JS)) == FULL_BUNDLE
    assert FULL_BUNDLE.is_file()


def test_collectstatic_copies_either_bundle_as_vendor_plotly_min_js(basic_installed, settings):
    [(name, storage)] = list(PackageFinder().list([]))
    assert f"{storage.prefix}/{name}" == PLOTLY_JS
    with storage.open(name) as copied:
        assert copied.read() == b"/* plotly.js-basic v4 */"
    settings.BASE_DIR = basic_installed.parent.parent.parent / "elsewhere"
    [(name, storage)] = list(PackageFinder().list([]))
    assert f"{storage.prefix}/{name}" == PLOTLY_JS
    assert storage.path(name) == str(FULL_BUNDLE)


def test_no_plotly_js_build_is_kept_in_the_repository():
    assert not (REPO_ROOT / "static" / "vendor" / "plotly.min.js").exists()
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "node_modules/"], cwd=REPO_ROOT, check=False
    )
    assert ignored.returncode == 0, "node_modules/ must be git-ignored"


def test_the_basic_bundle_is_pinned_to_the_plotly_js_of_the_plotly_package():
    wanted = json.loads((REPO_ROOT / "package.json").read_text())["dependencies"]
    version = wanted["plotly.js-basic-dist-min"]
    assert f"plotly.js v{version}" in FULL_BUNDLE.read_text()[:200]


@pytest.mark.django_db
def test_the_timeline_is_served_compressed_and_plotly_js_with_it(client):
    make_exchange()
    page = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert page["Content-Encoding"] == "gzip"
    assert b"vendor/plotly.min.js" in gzip.decompress(page.content)
    script = client.get("/static/vendor/plotly.min.js")
    assert script.status_code == 200
    assert b"plotly" in b"".join(script.streaming_content)[:2000].lower()
