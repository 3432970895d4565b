"""The kept mediator figures stay what counting the exchanges gives, after any edit."""

from __future__ import annotations

import datetime as dt

from django.test import TestCase

from exchanges import mediator_figures, services
from exchanges.mediator_figures import MediatorYear, mediator_years_rebuild
from exchanges.models import Exchange, Mediator
from tests.factories import make_exchange, make_report, make_source, make_stage


class MediatorFiguresTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.jan = make_exchange(date=dt.date(2024, 1, 3), to_ukraine=230, mediators=["UAE"])
        cls.may = make_exchange(
            date=dt.date(2025, 5, 23), to_ukraine=390, to_russia=390, mediators=["UAE", "Turkey"]
        )
        cls.june = make_exchange(date=dt.date(2025, 6, 1), to_ukraine=84, mediators=["Turkey"])
        for exchange in (cls.jan, cls.may, cls.june):
            make_report(exchange)

    def assert_kept(self):
        """The kept rows are the live count, and computing them all again changes nothing."""
        live_years = Exchange.objects.per_mediator_year()
        live = Mediator.objects.per_mediator()
        assert mediator_figures.per_mediator_year() == live_years
        assert mediator_figures.per_mediator() == live
        mediator_years_rebuild()
        assert mediator_figures.per_mediator_year() == live_years
        return live

    def test_they_start_as_counted(self):
        live = self.assert_kept()
        assert live == [("turkey", "Turkey", 2, 474, 490), ("uae", "UAE", 2, 620, 490)]

    def test_they_follow_edits_of_figures_date_status_and_review(self):
        self.jan.to_ukraine = 231
        self.jan.save()
        self.assert_kept()
        self.jan.date = dt.date(2023, 12, 30)  # another year
        self.jan.save()
        self.assert_kept()
        self.june.status = "agreed"  # not carried out: not counted
        self.june.save()
        self.assert_kept()
        self.may.needs_review = True  # off the public pages
        self.may.save()
        self.assert_kept()
        self.may.verified = True  # an editor vouched for it: back on
        self.may.save()
        self.assert_kept()
        self.jan.date, self.jan.date_precision = None, "unknown"
        self.jan.save()
        self.assert_kept()

    def test_they_follow_edits_of_records_loaded_partly_or_loaded_again(self):
        partly = Exchange.objects.only("id", "to_ukraine").get(pk=self.june.pk)
        partly.to_ukraine = 90
        partly.save()
        self.assert_kept()
        again = Exchange.objects.get(pk=self.june.pk)
        again.to_ukraine = 91
        again.save()
        again.to_ukraine = 90  # back to what it was loaded with, after a save
        again.save()
        self.assert_kept()

    def test_they_follow_the_mediators_of_an_exchange(self):
        turkey, uae = Mediator.objects.get(slug="turkey"), Mediator.objects.get(slug="uae")
        self.jan.mediators.add(turkey)
        self.assert_kept()
        self.jan.mediators.remove(uae)
        self.assert_kept()
        self.may.mediators.set([uae])
        self.assert_kept()
        self.may.mediators.clear()
        self.assert_kept()
        turkey.exchanges.add(self.may)  # from the mediator's side
        self.assert_kept()
        turkey.exchanges.clear()
        self.assert_kept()

    def test_they_follow_stages_deletions_and_a_deleted_mediator(self):
        make_stage(self.may, 1, date=dt.date(2025, 5, 23), to_ukraine=200, mediators=["UAE"])
        self.assert_kept()
        self.june.parent = self.may  # becomes a stage: counted through its parent only
        self.june.stage_number = 2
        self.june.save()
        self.assert_kept()
        self.jan.delete()
        self.assert_kept()
        self.may.delete()  # with its stages
        self.assert_kept()
        Mediator.objects.get(slug="turkey").delete()
        self.assert_kept()
        assert not MediatorYear.objects.filter(mediator__slug="turkey").exists()

    def test_they_follow_an_editor_s_merge_split_and_rejection(self):
        services.exchange_merge(keep=self.may, others=[self.june])
        self.assert_kept()
        report = make_report(self.may, source=make_source(), to_ukraine=10, to_russia=10)
        services.report_split(report=report)
        self.assert_kept()
        [jan_report] = self.jan.reports.all()
        services.report_reject(report=jan_report, why="not_an_exchange")
        self.assert_kept()
