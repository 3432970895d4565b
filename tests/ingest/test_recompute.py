"""Recompute: an exchange's values derive from all of its reports; editors' fields stay."""

from __future__ import annotations

import datetime as dt

from django.test import TestCase

from exchanges.models import Exchange, Report
from exchanges.recompute import derive_values, refresh_exchange
from tests.factories import make_exchange, make_report, make_stage

DAY = dt.date(2025, 5, 23)


def report(**kwargs) -> Report:
    values = {
        "date": DAY,
        "date_precision": "day",
        "kind": "pow_exchange",
        "status": "completed",
        "to_ukraine": 390,
        "to_russia": 390,
        "mediator_names": [],
        "attributed_to": "",
    }
    values.update(kwargs)
    return Report(**values)


def derive(*reports, stages=()):
    return derive_values(list(reports), list(stages))


def test_the_most_reported_figure_wins_and_the_dispute_is_kept():
    values, conflicts = derive(report(), report(), report(to_ukraine=307))
    assert values["to_ukraine"] == 390
    assert conflicts == {"to_ukraine": {307, 390}}


def test_a_tie_goes_to_the_figure_the_receiving_side_gave():
    # Each side's own figure is the smaller one here, so "the larger" would be wrong.
    kyiv = report(to_ukraine=303, to_russia=307, attributed_to="Coordination HQ")
    moscow = report(to_ukraine=307, to_russia=300, attributed_to="Russia's defence ministry")
    for order in ((kyiv, moscow), (moscow, kyiv)):
        values, _ = derive(*order)
        assert (values["to_ukraine"], values["to_russia"]) == (303, 300)


def test_a_tie_no_side_claims_goes_to_the_larger_figure():
    values, _ = derive(report(to_ukraine=84), report(to_ukraine=90))
    assert values["to_ukraine"] == 90


def test_what_was_carried_out_outweighs_what_was_agreed():
    values, _ = derive(report(status="agreed", to_ukraine=1000), report(to_ukraine=390))
    assert values["to_ukraine"] == 390
    assert values["status"] == "completed"


def test_an_agreement_alone_gives_its_figures():
    values, _ = derive(report(status="agreed", to_ukraine=1000, to_russia=1000))
    assert (values["status"], values["to_ukraine"]) == ("agreed", 1000)


def test_the_most_advanced_status_wins():
    values, _ = derive(report(status="in_progress"), report(status="completed"))
    assert values["status"] == "completed"


def test_the_most_precise_date_wins_and_a_day_apart_is_no_dispute():
    values, conflicts = derive(
        report(date=dt.date(2025, 5, 1), date_precision="month"),
        report(date=DAY),
        report(date=DAY + dt.timedelta(days=1)),
    )
    assert (values["date"], values["date_precision"]) == (DAY, "day")
    assert "date" not in conflicts


def test_dates_days_apart_are_a_dispute():
    _, conflicts = derive(report(), report(date=DAY + dt.timedelta(days=3)))
    assert conflicts["date"] == {DAY, DAY + dt.timedelta(days=3)}


def test_an_undated_exchange_has_precision_unknown():
    values, _ = derive(report(date=None, date_precision="unknown"))
    assert (values["date"], values["date_precision"]) == (None, "unknown")


def test_the_ordinal_is_the_most_given_one():
    values, conflicts = derive(report(ordinal=64), report(ordinal=64), report(ordinal=65))
    assert values["ordinal"] == 64
    assert conflicts["ordinal"] == {64, 65}


def test_mediators_are_every_name_any_report_gives():
    values, _ = derive(report(mediator_names=["UAE"]), report(mediator_names=["Turkey"]))
    assert values["mediators"] == ["Turkey", "UAE"]


class StagesTests(TestCase):
    def test_a_multi_day_exchange_adds_up_its_stages_when_no_source_gives_the_whole(self):
        whole = make_exchange(status="in_progress", to_ukraine=None, to_russia=None)
        stages = [
            make_stage(whole, 1, date=DAY, status="in_progress", to_ukraine=390, to_russia=390),
            make_stage(
                whole,
                2,
                date=DAY + dt.timedelta(days=1),
                status="in_progress",
                to_ukraine=307,
                to_russia=307,
            ),
        ]
        values, _ = derive(stages=stages)
        assert (values["to_ukraine"], values["to_russia"]) == (697, 697)
        assert (values["date"], values["end_date"]) == (DAY, DAY + dt.timedelta(days=1))
        assert values["status"] == "in_progress"

    def test_a_completed_stage_completes_the_exchange(self):
        whole = make_exchange(status="in_progress")
        stage = make_stage(whole, 1, date=DAY, status="completed")
        values, _ = derive(stages=[stage])
        assert values["status"] == "completed"


class RefreshTests(TestCase):
    def refresh(self, exchange, *new_reports) -> bool:
        return refresh_exchange(
            exchange, new_report_ids={r.pk for r in new_reports}, run_label="test run"
        )

    def test_it_writes_the_derived_values_with_the_run_as_history_reason(self):
        exchange = make_exchange(to_ukraine=84)
        make_report(exchange, to_ukraine=90)
        self.refresh(exchange)
        exchange.refresh_from_db()
        self.assertEqual(exchange.to_ukraine, 90)
        self.assertEqual(exchange.history.first().history_change_reason, "test run")

    def test_it_never_writes_a_locked_field_and_flags_a_new_source_that_disagrees(self):
        exchange = make_exchange(to_ukraine=85, locked_fields=["to_ukraine"])
        new = make_report(exchange, to_ukraine=90)
        self.refresh(exchange, new)
        exchange.refresh_from_db()
        self.assertEqual(exchange.to_ukraine, 85)
        self.assertTrue(exchange.needs_review)
        self.assertIn("says 90, the editor set 85", exchange.review_reason)

    def test_it_flags_a_new_report_that_disputes_a_figure(self):
        exchange = make_exchange()
        make_report(exchange)
        new = make_report(exchange, to_ukraine=84)
        self.refresh(exchange, new)
        exchange.refresh_from_db()
        self.assertTrue(exchange.has_conflict)
        self.assertTrue(exchange.needs_review)
        self.assertIn("Sources disagree on the figure to Ukraine", exchange.review_reason)

    def test_it_takes_a_record_off_review_once_later_sources_settle_every_doubt(self):
        exchange = make_exchange(needs_review=True, review_reason="No date given.")
        make_report(exchange)
        self.refresh(exchange)
        exchange.refresh_from_db()
        self.assertEqual((exchange.needs_review, exchange.review_reason), (False, ""))

    def test_it_keeps_a_record_on_review_while_its_only_support_is_unsure(self):
        exchange = make_exchange(needs_review=True, review_reason="Unsure.")
        make_report(exchange, needs_review=True)
        self.refresh(exchange)
        exchange.refresh_from_db()
        self.assertTrue(exchange.needs_review)

    def test_it_removes_an_exchange_no_report_supports(self):
        exchange = make_exchange()
        self.assertFalse(self.refresh(exchange))
        self.assertFalse(Exchange.objects.filter(pk=exchange.pk).exists())

    def test_it_keeps_an_exchange_an_editor_set_or_verified_even_without_reports(self):
        for values in ({"locked_fields": ["to_ukraine"]}, {"verified": True}):
            exchange = make_exchange(**values)
            self.assertTrue(self.refresh(exchange))
            self.assertTrue(Exchange.objects.filter(pk=exchange.pk).exists())

    def test_a_vaguer_source_does_not_contradict_a_curated_record(self):
        exchange = make_exchange(
            curated_key="2025-05-23-swap", locked_fields=["date", "date_precision", "to_ukraine"]
        )
        new = make_report(
            exchange, date=dt.date(2025, 5, 1), date_precision="month", to_ukraine=None
        )
        self.refresh(exchange, new)
        exchange.refresh_from_db()
        self.assertFalse(exchange.needs_review)

    def test_a_source_giving_another_month_contradicts_a_curated_record(self):
        exchange = make_exchange(
            curated_key="2025-05-23-swap", locked_fields=["date", "date_precision"]
        )
        new = make_report(exchange, date=dt.date(2025, 4, 1), date_precision="month")
        self.refresh(exchange, new)
        exchange.refresh_from_db()
        self.assertTrue(exchange.needs_review)
