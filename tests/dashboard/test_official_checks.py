"""Our count held against official checkpoints: the gap stated plainly on /totals/, over 5%
flagged for editors, the exchange count checked against the ordinals, claims on the page."""

import datetime as dt

import pytest
from django.contrib.auth.models import User

from exchanges import gaps
from exchanges.models import Checkpoint, Report
from tests.factories import make_exchange, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    make_exchange(date=dt.date(2024, 1, 3), to_ukraine=230, to_russia=248, ordinal=49)
    make_exchange(date=dt.date(2024, 1, 31), to_ukraine=207, to_russia=195, ordinal=50)
    make_exchange(date=dt.date(2024, 2, 8), to_ukraine=100, to_russia=100, ordinal=52)
    make_exchange(date=dt.date(2024, 5, 31), kind="body_repatriation", to_ukraine=212)


def checkpoint(**kwargs) -> Checkpoint:
    defaults = {
        "date": dt.date(2024, 2, 9),
        "claimant": "the ombudsman",
        "measure": "people_to_ukraine",
        "value": 560,
        "source": make_source(),
    }
    defaults.update(kwargs)
    return Checkpoint.objects.create(**defaults)


def test_totals_states_the_gap_plainly(records, client):
    checkpoint()
    html = client.get("/totals/").content.decode()
    assert (
        "Our records: 537 people returned to Ukraine by 9 February 2024; the ombudsman: 560 "
        "— 23 not yet in our records." in html
    )


def test_a_gap_over_five_percent_is_flagged(records, client):
    checkpoint(value=600)
    html = client.get("/totals/").content.decode()
    assert "63 not yet in our records. <strong>(a gap over 5%: flagged for editors)" in html


def test_a_checkpoint_in_one_year_counts_that_year_only(records):
    found = checkpoint(date=dt.date(2024, 12, 31), year=2024, value=537)
    cumulative = [(dt.date(2023, 6, 1), 100, 0, 0, 0), (dt.date(2024, 2, 8), 637, 0, 0, 0)]
    assert gaps.ours_for(found, cumulative=cumulative, exchanges=[], mediated=[]) == 537


def test_the_exchange_count_is_checked_against_the_ordinals(records, client):
    html = client.get("/totals/").content.decode()
    assert (
        "The 52nd exchange (8 February 2024); we hold 3 prisoner exchanges up to that day" in html
    )
    check = gaps.ordinal_check([(dt.date(2024, 1, 3), 49), (dt.date(2024, 2, 8), 52)])
    assert check.held == 2
    assert check.missing_ordinals[-3:] == [48, 50, 51]


def test_an_at_least_figure_is_only_flagged_when_we_fall_short(records):
    low = checkpoint(value=500, at_least=True)
    assert not gaps.gap(low, 537).flagged
    assert gaps.gap(low, 400).flagged
    assert "more than 500" in gaps.gap(low, 537).sentence


def test_editors_can_list_the_flagged_checkpoints(records, client):
    flagged = checkpoint(value=900)
    fine = checkpoint(value=540)
    client.force_login(User.objects.create_superuser("admin", "a@example.org", "x"))
    html = client.get("/admin/exchanges/checkpoint/?gap=flagged").content.decode()
    assert f"/admin/exchanges/checkpoint/{flagged.pk}/change/" in html
    assert f"/admin/exchanges/checkpoint/{fine.pk}/change/" not in html


def test_the_exchange_page_shows_each_sides_claim_and_the_categories(client):
    exchange = make_exchange(
        date=dt.date(2024, 1, 31),
        to_ukraine=207,
        to_russia=195,
        breakdown={"military": {"to_ukraine": 200}, "civilians": {"to_ukraine": 7}},
    )
    for position, (who, ua, ru) in enumerate(
        [("President Zelensky (Ukraine)", 207, None), ("Ministry of Defence (Russia)", 195, 195)]
    ):
        Report.objects.create(
            source=make_source(),
            exchange=exchange,
            position=position,
            kind="pow_exchange",
            status="completed",
            to_ukraine=ua,
            to_russia=ru,
            attributed_to=who,
            curated=True,
        )
    html = client.get(exchange.get_absolute_url()).content.decode()
    assert "Each side's claim" in html
    assert "Ministry of Defence (Russia)" in html
    assert "Categories" in html and "civilians" in html


def test_totals_explains_exchanges_without_figures(records, client):
    make_exchange(date=dt.date(2025, 6, 9), to_ukraine=None, to_russia=None)
    checkpoint()
    html = client.get("/totals/").content.decode()
    assert "1 prisoner exchange or stage in our records carried no published figure" in html
