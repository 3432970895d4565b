"""Splitting a wrongly merged report off into its own exchange."""

from __future__ import annotations

import datetime as dt

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from exchanges.models import Exchange
from exchanges.services import EditError, report_split
from tests.base import EditorTestCase
from tests.factories import make_exchange, make_report


class SplitTests(EditorTestCase):
    def setUp(self):
        super().setUp()
        self.exchange = make_exchange(to_ukraine=84, to_russia=84)
        self.right = make_report(self.exchange)
        self.also_right = make_report(self.exchange)
        self.wrong = make_report(
            self.exchange,
            date=dt.date(2025, 8, 15),
            to_ukraine=146,
            to_russia=146,
            mediator_names=["UAE"],
        )
        self.url = reverse("admin:exchanges_report_split", args=[self.wrong.pk])

    def test_it_asks_before_splitting(self):
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Split into its own exchange")
        self.assertEqual(Exchange.objects.count(), 1)

    def test_it_creates_an_exchange_from_the_reports_values_and_moves_it_there(self):
        response = self.client.post(self.url)
        new = Exchange.objects.exclude(pk=self.exchange.pk).get()
        self.assertRedirects(response, reverse("admin:exchanges_exchange_change", args=[new.pk]))
        self.assertEqual(
            (new.date, new.to_ukraine, new.to_russia), (dt.date(2025, 8, 15), 146, 146)
        )
        self.assertEqual([m.name for m in new.mediators.all()], ["UAE"])
        self.wrong.refresh_from_db()
        self.assertEqual(self.wrong.exchange, new)
        self.assertTrue(self.wrong.pinned)
        self.assertEqual(list(self.exchange.reports.order_by("pk")), [self.right, self.also_right])

    def test_it_locks_the_fields_that_tell_the_two_apart_on_both(self):
        new = report_split(report=self.wrong, user=self.editor)
        self.exchange.refresh_from_db()
        expected = ["date", "date_precision", "to_russia", "to_ukraine"]
        self.assertEqual(new.locked_fields, expected)
        self.assertEqual(self.exchange.locked_fields, expected)
        self.assertEqual((self.exchange.to_ukraine, self.exchange.date), (84, dt.date(2025, 5, 23)))
        self.assertIsNotNone(new.corrected_at)

    def test_it_records_the_split_in_both_histories(self):
        new = report_split(report=self.wrong, user=self.editor)
        first = new.history.last()
        self.assertIn(f"Split from #{self.exchange.pk}", first.history_change_reason)
        self.assertEqual(first.history_user, self.editor)
        self.assertIn(
            f"split off into #{new.pk}", self.exchange.history.first().history_change_reason
        )

    def test_it_refuses_to_split_the_only_report(self):
        lone = make_exchange(date=dt.date(2024, 1, 3))
        report = make_report(lone)
        with self.assertRaises(EditError):
            report_split(report=report, user=self.editor)

    def test_it_splits_from_the_report_list_action_too(self):
        url = reverse("admin:exchanges_report_changelist")
        self.client.post(url, {"action": "split_reports", ACTION_CHECKBOX_NAME: [self.wrong.pk]})
        self.wrong.refresh_from_db()
        self.assertNotEqual(self.wrong.exchange_id, self.exchange.pk)
