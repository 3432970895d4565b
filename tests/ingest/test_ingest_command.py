"""`python manage.py ingest`: files, folders with cases.json, URLs; twice changes nothing."""

import datetime as dt
import tracemalloc
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from exchanges.models import Exchange, Report, Source
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.django_db

SAMPLES = REPO_ROOT / "samples" / "articles"


@pytest.fixture
def ingest(django_capture_on_commit_callbacks):
    """The command as a user runs it: its queued tasks run when the transaction commits."""

    def run(*args) -> str:
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("ingest", *map(str, args), stdout=out, stderr=StringIO())
        return out.getvalue()

    return run


def state() -> tuple:
    return (
        Source.objects.count(),
        list(
            Exchange.objects.order_by("pk").values_list(
                "pk", "to_ukraine", "to_russia", "status", "updated_at"
            )
        ),
        Report.objects.count(),
        Exchange.history.count(),
    )


def test_it_ingests_a_text_file_with_the_published_date_given(ingest, tmp_path):
    article = tmp_path / "swap.txt"
    article.write_text(
        "Ukraine and Russia swap prisoners\n"
        "On Thursday Ukraine and Russia exchanged 84 prisoners for 84, "
        "with the mediation of the United Arab Emirates.\n",
        encoding="utf-8",
    )
    output = ingest(article, "--published", "2025-08-15")
    assert "1 new source(s) queued" in output
    source = Source.objects.get()
    assert source.published == dt.date(2025, 8, 15)
    assert source.status == "done", source.error
    exchange = Exchange.objects.get()
    assert (exchange.to_ukraine, exchange.to_russia) == (84, 84)
    assert exchange.date == dt.date(2025, 8, 14)


def test_it_takes_dates_and_languages_from_a_cases_json_beside_the_files(ingest):
    ingest(SAMPLES)
    assert Source.objects.count() == len(list(SAMPLES.glob("*.txt"))) + len(
        list(SAMPLES.glob("*.html"))
    )
    assert not Source.objects.filter(published=None).exists()
    assert not Source.objects.filter(status__in=["failed", "pending", "processing"]).exists()


def test_running_it_twice_over_the_samples_changes_nothing(ingest):
    ingest(SAMPLES)
    before = state()
    output = ingest(SAMPLES)
    assert "0 new source(s) queued" in output
    assert state() == before


def test_an_article_with_no_exchange_is_irrelevant_not_failed(ingest, tmp_path):
    article = tmp_path / "weather.txt"
    article.write_text("Rain is expected in Kyiv on Friday, with 12 mm forecast.\n")
    ingest(article)
    assert Source.objects.get().status == "irrelevant"


def test_a_binary_file_is_refused_with_a_readable_reason(tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x01\x02binary" * 100)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(junk), stdout=StringIO(), stderr=err)
    assert "binary" in err.getvalue()
    assert not Source.objects.exists()


def test_a_huge_file_is_refused_without_being_read(tmp_path, monkeypatch):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:
        file.truncate(2 * 1024 * 1024 * 1024)  # 2 GB, sparse: nothing written to disk
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read the whole file"))
    tracemalloc.start()
    err = StringIO()
    try:
        with pytest.raises(CommandError):
            call_command("ingest", str(huge), stdout=StringIO(), stderr=err)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "larger than 5 MB" in err.getvalue()
    assert peak < 1024 * 1024
    assert not Source.objects.exists()


def test_a_missing_path_is_an_error(ingest):
    with pytest.raises(CommandError, match="no such file"):
        ingest("/nonexistent/article.txt")
