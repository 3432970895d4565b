"""The database refuses records that must never exist."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from exchanges.models import Mediator, Source
from tests.factories import make_exchange, make_report, make_source

pytestmark = pytest.mark.django_db


def refused(**kwargs) -> bool:
    try:
        with transaction.atomic():
            make_exchange(**kwargs)
    except IntegrityError:
        return True
    return False


def test_it_refuses_a_negative_count_to_ukraine():
    assert refused(to_ukraine=-1)


def test_it_refuses_a_negative_count_to_russia():
    assert refused(to_russia=-5)


def test_it_refuses_an_end_date_before_the_date():
    assert refused(date=dt.date(2025, 5, 25), end_date=dt.date(2025, 5, 23))


def test_it_refuses_an_end_date_without_a_date():
    assert refused(date=None, date_precision="unknown", end_date=dt.date(2025, 5, 23))


def test_it_refuses_a_kind_outside_the_choices():
    assert refused(kind="hostage_swap")


def test_it_refuses_a_status_outside_the_choices():
    assert refused(status="rumoured")


def test_it_refuses_a_precision_outside_the_choices():
    assert refused(date_precision="year")


def test_it_refuses_an_undated_exchange_with_a_precise_date_precision():
    assert refused(date=None, date_precision="day")


def test_it_refuses_ordinal_zero():
    assert refused(ordinal=0)


def test_it_refuses_two_stages_with_the_same_number():
    parent = make_exchange(status="in_progress")
    make_exchange(parent=parent, stage_number=1)
    assert refused(parent=parent, stage_number=1)


def test_it_refuses_an_exchange_that_is_its_own_stage():
    exchange = make_exchange()
    exchange.parent_id = exchange.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        exchange.save()


def test_it_accepts_an_undated_exchange_with_unknown_precision():
    exchange = make_exchange(date=None, date_precision="unknown", to_ukraine=None)
    assert exchange.pk


def test_it_refuses_two_sources_with_the_same_url():
    make_source(url="https://news.example.org/same")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_source(url="https://news.example.org/same")


def test_it_allows_many_sources_without_a_url():
    make_source(url=None)
    make_source(url=None)
    assert Source.objects.filter(url=None).count() == 2


def test_it_refuses_two_sources_with_the_same_text_hash():
    make_source(url=None, content_hash="a" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_source(url=None, content_hash="a" * 64)


def test_it_refuses_a_source_status_outside_the_choices():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_source(status="lost")


def test_it_refuses_two_reports_at_the_same_position_of_a_source():
    source = make_source()
    make_report(source=source, position=0, kind="pow_exchange", status="completed")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_report(source=source, position=0, kind="pow_exchange", status="completed")


def test_it_refuses_a_negative_figure_in_a_report():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_report(to_ukraine=-3)


def test_it_refuses_two_mediators_with_the_same_name():
    with pytest.raises(IntegrityError), transaction.atomic():
        Mediator.objects.create(name="UAE", slug="uae-2")


def test_the_migration_creates_the_known_mediators():
    names = set(Mediator.objects.values_list("name", flat=True))
    assert {"UAE", "Turkey", "Qatar", "Saudi Arabia", "Vatican", "USA", "ICRC"} <= names
    assert "Red Cross" in Mediator.objects.get(name="ICRC").aliases
    assert Mediator.objects.get(name="Vatican").kind == Mediator.Kind.RELIGIOUS


def test_an_exchange_prints_its_kind_date_and_counts():
    exchange = make_exchange(to_ukraine=390, to_russia=390)
    assert str(exchange) == "Prisoner exchange 2025-05-23 (390↔390)"
    stage = make_exchange(parent=exchange, stage_number=2, to_ukraine=None)
    assert str(stage) == "Prisoner exchange 2025-05-23 (?↔100), stage 2"
