"""`place_report` only decides where a report goes; reconciling creates what is new."""

from __future__ import annotations

import datetime as dt

import pytest

from exchanges.models import Exchange, Report
from ingest.extraction import ExtractedEvent
from ingest.matching import Placement, place_report
from ingest.reconcile import reconcile_source
from tests.factories import make_exchange, make_source, make_stage

pytestmark = pytest.mark.django_db

MAY_23 = dt.date(2025, 5, 23)


def report(**kwargs) -> Report:
    values = {
        "kind": "pow_exchange",
        "status": "completed",
        "date": MAY_23,
        "date_precision": "day",
        "to_ukraine": 390,
        "to_russia": 390,
        "mediator_names": [],
    }
    values.update(kwargs)
    return Report(**values)


def test_a_report_of_a_known_exchange_is_placed_on_it():
    exchange = make_exchange(to_ukraine=390, to_russia=390)
    placement = place_report(report(), make_source())
    assert placement.existing.exchange == exchange


def test_a_report_of_an_unknown_exchange_asks_for_a_new_record_and_creates_none():
    assert place_report(report(), make_source()) == Placement()
    assert not Exchange.objects.exists()


def test_a_first_stage_of_an_unknown_exchange_asks_for_both_and_creates_neither():
    placement = place_report(report(status="in_progress", is_stage=True), make_source())
    assert placement == Placement(new_parent=True, stage_number=1)
    assert not Exchange.objects.exists()


def test_a_further_stage_asks_for_the_next_stage_number_under_its_exchange():
    running = make_exchange(status="in_progress", to_ukraine=None, to_russia=None)
    make_stage(running, 1, to_ukraine=390, to_russia=390)
    next_day = report(status="in_progress", is_stage=True, date=MAY_23 + dt.timedelta(days=1))
    placement = place_report(next_day, make_source())
    assert (placement.parent.exchange, placement.stage_number) == (running, 2)
    assert placement.existing is None
    assert Exchange.objects.count() == 2


def test_a_report_restating_a_stage_is_placed_on_that_stage():
    running = make_exchange(status="in_progress", to_ukraine=None, to_russia=None)
    stage = make_stage(running, 1, to_ukraine=390, to_russia=390)
    placement = place_report(report(status="in_progress", is_stage=True), make_source())
    assert placement.existing.exchange == stage


def test_reconciling_creates_the_new_exchange_and_its_first_stage_and_lists_both():
    event = ExtractedEvent(
        kind="pow_exchange",
        status="agreed",
        date=MAY_23,
        date_precision="day",
        to_ukraine=390,
        to_russia=390,
        is_stage=True,
        sentence="The first stage, 390 for 390, is to take place on Friday.",
    )
    result = reconcile_source(make_source(), [event], run_label="test")
    parent = Exchange.objects.get(parent=None)
    stage = parent.stages.get()
    assert result.created == [parent.pk, stage.pk]
    assert result.updated == []
    assert (parent.status, stage.stage_number, stage.to_ukraine) == ("in_progress", 1, 390)
    # Created under way, with no figures of its own, then given its stage's figures.
    created, refreshed = parent.history.order_by("history_id")
    assert (created.status, created.to_ukraine) == ("in_progress", None)
    assert refreshed.to_ukraine == 390
