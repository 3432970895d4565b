"""An exchange's page shows every supporting report, read-only, disagreements marked."""

from __future__ import annotations

from django.urls import reverse

from tests.base import EditorTestCase
from tests.factories import make_exchange, make_report, make_source


class ReportInlineTests(EditorTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.exchange = make_exchange(to_ukraine=84, to_russia=84)
        make_report(
            cls.exchange,
            make_source(outlet="Ukrinform", url="https://ukrinform.net/1"),
            sentence="Ukraine brought home 84 defenders.",
        )
        make_report(
            cls.exchange,
            make_source(outlet="TASS", url="https://tass.com/2"),
            to_ukraine=90,
            sentence="Russia handed over 90 servicemen.",
        )

    def setUp(self):
        super().setUp()
        url = reverse("admin:exchanges_exchange_change", args=[self.exchange.pk])
        self.response = self.client.get(url)

    def test_it_shows_each_report_with_source_outlet_and_sentence(self):
        self.assertContains(self.response, "Ukrinform")
        self.assertContains(self.response, "TASS")
        self.assertContains(self.response, "Ukraine brought home 84 defenders.")
        self.assertContains(self.response, "Russia handed over 90 servicemen.")

    def test_it_marks_a_figure_that_differs_from_the_record(self):
        self.assertContains(self.response, "≠ 90", count=1)
        self.assertContains(self.response, 'title="The record says 84"')

    def test_it_offers_no_way_to_edit_or_delete_the_reports(self):
        formset = self.response.context["inline_admin_formsets"][1]
        self.assertFalse(formset.has_change_permission)
        self.assertFalse(formset.has_delete_permission)
        self.assertFalse(formset.has_add_permission)
        self.assertNotContains(self.response, 'name="reports-0-to_ukraine"')

    def test_it_links_each_report_to_splitting_it_off(self):
        report = self.exchange.reports.get(to_ukraine=90)
        split_url = reverse("admin:exchanges_report_split", args=[report.pk])
        self.assertContains(self.response, split_url)
