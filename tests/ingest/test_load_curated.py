"""load_curated: curated, locked records; sources without fetching; idempotent; a later
file version updates what changed and keeps every editor's correction."""

import datetime as dt
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command

from exchanges import services
from exchanges.models import Checkpoint, Exchange, Report, Source
from ingest.curated import curated_load
from ingest.curated_data import parse_checkpoints, parse_entries, validate_entries
from tests.factories import make_exchange

pytestmark = pytest.mark.django_db

URL_UA = "https://ua.example.org/207-home"
URL_RU = "https://ru.example.org/195-for-195"


def rows(**changes) -> list[dict]:
    exchange = {
        "id": "2024-01-31-pow",
        "date": dt.date(2024, 1, 31),
        "kind": "pow_exchange",
        "ordinal": 50,
        "to_ukraine": 207,
        "to_russia": 195,
        "claims": [
            {"by": "President Zelensky (Ukraine)", "to_ukraine": 207, "source": URL_UA},
            {
                "by": "Ministry of Defence (Russia)",
                "to_ukraine": 195,
                "to_russia": 195,
                "source": URL_RU,
            },
        ],
        "mediators": ["UAE"],
        "sources": [
            {"url": URL_UA, "outlet": "Kyiv outlet", "date": dt.date(2024, 1, 31)},
            {"url": URL_RU, "outlet": "Moscow outlet", "date": dt.date(2024, 1, 31)},
        ],
        "note": "The two sides gave different figures.",
    }
    exchange.update(changes)
    parent = {
        "id": "2025-05-23-pow",
        "date": dt.date(2025, 5, 23),
        "end_date": dt.date(2025, 5, 24),
        "kind": "pow_exchange",
        "sources": [{"url": URL_UA, "outlet": "Kyiv outlet", "date": dt.date(2025, 5, 25)}],
        "note": "Two days.",
    }
    stage = {
        "id": "2025-05-23-pow-stage-1",
        "parent": "2025-05-23-pow",
        "stage": 1,
        "date": dt.date(2025, 5, 23),
        "kind": "pow_exchange",
        "to_ukraine": 390,
        "claims": [{"by": "HQ", "to_ukraine": 390, "source": URL_UA}],
        "sources": [{"url": URL_UA, "outlet": "Kyiv outlet", "date": dt.date(2025, 5, 25)}],
        "note": "First day.",
    }
    return [exchange, parent, stage]


CHECKPOINTS = [
    {
        "id": "ombudsman",
        "date": dt.date(2024, 2, 1),
        "claimant": "Ombudsman",
        "measure": "people_to_ukraine",
        "value": 3000,
        "at_least": True,
        "source": {"url": URL_UA, "outlet": "Kyiv outlet", "date": dt.date(2024, 2, 1)},
        "statement": "More than 3,000 home.",
    }
]


def load(data=None, checkpoints=CHECKPOINTS):
    entries, problems = parse_entries(data or rows())
    official, more = parse_checkpoints(checkpoints)
    assert problems + more + validate_entries(entries) == []
    return curated_load(entries=entries, checkpoints=official)


def counts() -> tuple:
    return (
        Exchange.objects.count(),
        Exchange.history.count(),
        Report.objects.count(),
        Source.objects.count(),
        Source.history.count(),
        Checkpoint.objects.count(),
    )


def test_it_creates_curated_locked_records():
    load()
    exchange = Exchange.objects.get(curated_key="2024-01-31-pow")
    assert (exchange.to_ukraine, exchange.to_russia, exchange.ordinal) == (207, 195, 50)
    assert {"to_ukraine", "to_russia", "date", "ordinal"} <= set(exchange.locked_fields)
    assert [m.name for m in exchange.mediators.all()] == ["UAE"]
    stage = Exchange.objects.get(curated_key="2025-05-23-pow-stage-1")
    assert stage.parent.curated_key == "2025-05-23-pow"
    assert stage.stage_number == 1


def test_each_figure_keeps_its_claimant():
    load()
    exchange = Exchange.objects.get(curated_key="2024-01-31-pow")
    claims = {
        (r.attributed_to, r.to_ukraine, r.to_russia, r.source.url) for r in exchange.reports.all()
    }
    assert claims == {
        ("President Zelensky (Ukraine)", 207, None, URL_UA),
        ("Ministry of Defence (Russia)", 195, 195, URL_RU),
    }
    assert all(r.curated for r in exchange.reports.all())


def test_each_source_url_becomes_a_source_without_fetching():
    with mock.patch("ingest.fetch.fetch_url", side_effect=AssertionError("fetched")):
        load()
    source = Source.objects.get(url=URL_RU)
    assert (source.outlet, source.published, source.status) == (
        "Moscow outlet",
        dt.date(2024, 1, 31),
        "done",
    )
    assert source.raw_content == ""


def test_running_it_twice_changes_nothing():
    load()
    before = counts()
    updated_at = list(Exchange.objects.order_by("pk").values_list("updated_at", flat=True))
    result = load()
    assert result.created == result.updated == []
    assert counts() == before
    assert list(Exchange.objects.order_by("pk").values_list("updated_at", flat=True)) == updated_at


def test_the_command_loads_the_shipped_file_twice_to_the_same_state():
    call_command("load_curated", stdout=StringIO())
    before = counts()
    out = StringIO()
    call_command("load_curated", stdout=out)
    assert "0 record(s) created, 0 updated" in out.getvalue()
    assert counts() == before


def test_a_later_version_updates_what_changed():
    load()
    load(rows(to_russia=196, claims=[
        {"by": "President Zelensky (Ukraine)", "to_ukraine": 207, "source": URL_UA},
        {"by": "Ministry of Defence (Russia)", "to_russia": 196, "source": URL_RU},
    ]))  # fmt: skip
    exchange = Exchange.objects.get(curated_key="2024-01-31-pow")
    assert exchange.to_russia == 196
    assert exchange.reports.get(source__url=URL_RU).to_russia == 196
    assert exchange.history.count() == 2


def later() -> list[dict]:
    claims = rows()[0]["claims"]
    claims[0]["to_ukraine"] = 209
    return rows(to_ukraine=209, ordinal=51, claims=claims)


def test_a_later_version_keeps_an_editors_correction():
    load()
    exchange = Exchange.objects.get(curated_key="2024-01-31-pow")
    exchange.to_ukraine = 208
    services.exchange_lock(exchange, ["to_ukraine"])
    exchange.save()
    result = load(later())
    exchange.refresh_from_db()
    assert exchange.to_ukraine == 208  # the editor's
    assert exchange.ordinal == 51  # the file's new value, which nobody had corrected
    assert "2024-01-31-pow: to_ukraine" in result.kept_corrections
    # And the next load, of the same version, keeps it too without rewriting anything.
    history = exchange.history.count()
    load(later())
    exchange.refresh_from_db()
    assert (exchange.to_ukraine, exchange.history.count()) == (208, history)


def test_it_takes_over_a_record_ingest_made_before():
    old = make_exchange(date=dt.date(2024, 1, 31), to_ukraine=207, to_russia=None)
    load()
    old.refresh_from_db()
    assert old.curated_key == "2024-01-31-pow"
    assert Exchange.objects.filter(date=dt.date(2024, 1, 31)).count() == 1


def test_checkpoints_are_loaded_once():
    load()
    load()
    checkpoint = Checkpoint.objects.get(curated_key="ombudsman")
    assert (checkpoint.value, checkpoint.at_least, checkpoint.source.url) == (3000, True, URL_UA)
