"""The curated data file is well formed: types, no duplicate, stages inside their
exchange, ordinals increasing with dates, every row sourced (and the checks catch each)."""

import datetime as dt

import pytest

from ingest import curated_data
from ingest.curated_data import parse_entries, validate_entries


def problems_of(rows: list[dict]) -> list[str]:
    entries, problems = parse_entries(rows)
    return problems + validate_entries(entries)


def row(**kwargs) -> dict:
    defaults = {
        "id": "x",
        "date": dt.date(2024, 1, 3),
        "kind": "pow_exchange",
        "to_ukraine": 230,
        "claims": [
            {"by": "Coordination Headquarters", "to_ukraine": 230, "source": "https://a.example/1"}
        ],
        "sources": [{"url": "https://a.example/1", "outlet": "A", "date": dt.date(2024, 1, 3)}],
        "note": "Our own words.",
    }
    defaults.update(kwargs)
    return defaults


def test_the_shipped_files_are_valid():
    entries, checkpoints = curated_data.load()
    assert len(entries) > 80
    assert checkpoints


def test_every_shipped_entry_is_sourced_with_outlet_and_date():
    entries, checkpoints = curated_data.load()
    for entry in entries:
        assert entry.sources, entry.id
        assert all(s.url.startswith("http") and s.outlet and s.date for s in entry.sources)
        assert entry.note
    for checkpoint in checkpoints:
        assert checkpoint.source.url and checkpoint.source.outlet and checkpoint.source.date


def test_a_well_formed_row_passes():
    assert problems_of([row()]) == []


def test_it_catches_wrong_types():
    problems = problems_of([row(date="3 January", to_ukraine="many", kind="swap")])
    assert any("date" in p for p in problems)
    assert any("to_ukraine" in p for p in problems)
    assert any("kind" in p for p in problems)


def test_it_catches_a_duplicate_exchange():
    problems = problems_of([row(id="a"), row(id="b")])
    assert any("the same pow_exchange on 2024-01-03" in p for p in problems)


def test_it_catches_a_reused_id():
    assert any("used twice" in p for p in problems_of([row(), row(date=dt.date(2024, 2, 8))]))


def test_it_catches_a_stage_outside_its_exchange():
    parent = row(id="p", end_date=dt.date(2024, 1, 4))
    stage = row(id="s", parent="p", stage=1, date=dt.date(2024, 1, 9))
    assert any("outside its exchange" in p for p in problems_of([parent, stage]))


def test_it_catches_ordinals_out_of_date_order():
    early = row(id="a", ordinal=50)
    late = row(id="b", ordinal=49, date=dt.date(2024, 2, 8))
    assert any("does not follow" in p for p in problems_of([early, late]))


def test_it_catches_an_unsourced_row():
    assert any("at least one" in p for p in problems_of([row(sources=[], claims=[])]))


def test_it_catches_a_figure_nobody_is_said_to_have_stated():
    assert any("no claim states it" in p for p in problems_of([row(to_russia=248)]))


def test_it_catches_a_claim_citing_another_source():
    claims = [{"by": "HQ", "to_ukraine": 230, "source": "https://elsewhere.example/"}]
    assert any("not among its sources" in p for p in problems_of([row(claims=claims)]))


@pytest.mark.parametrize("field", ["note", "sources"])
def test_it_requires(field):
    assert problems_of([{k: v for k, v in row().items() if k != field}])
