"""plotly.js comes from the installed plotly package, and pages go out compressed."""

from __future__ import annotations

import gzip
from pathlib import Path

import plotly
import pytest
from django.contrib.staticfiles import finders

from tests.conftest import REPO_ROOT
from tests.factories import make_exchange


def test_plotly_js_is_the_one_the_plotly_package_ships_not_a_copy_in_the_repository():
    found = Path(finders.find("vendor/plotly.min.js"))
    assert found.parent == Path(plotly.__file__).resolve().parent / "package_data"
    assert not (REPO_ROOT / "static" / "vendor" / "plotly.min.js").exists()


@pytest.mark.django_db
def test_the_timeline_is_served_compressed_and_plotly_js_with_it(client):
    make_exchange()
    page = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert page["Content-Encoding"] == "gzip"
    assert b"vendor/plotly.min.js" in gzip.decompress(page.content)
    script = client.get("/static/vendor/plotly.min.js")
    assert script.status_code == 200
    assert b"plotly" in b"".join(script.streaming_content)[:2000].lower()
