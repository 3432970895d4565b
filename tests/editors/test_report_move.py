"""Moving a report to another exchange by hand pins it there."""

from __future__ import annotations

import datetime as dt

from django.test import TestCase
from django.urls import reverse

from tests.factories import make_editor, make_exchange, make_report


class ReportMoveTests(TestCase):
    def test_it_pins_a_report_an_editor_moves_and_recomputes_both_records(self):
        editor = make_editor()
        self.client.force_login(editor)
        first = make_exchange(to_ukraine=84)
        make_report(first)
        report = make_report(first, to_ukraine=90, ordinal=65)
        second = make_exchange(date=dt.date(2025, 8, 20), to_ukraine=90)
        make_report(second)
        url = reverse("admin:exchanges_report_change", args=[report.pk])
        response = self.client.post(url, {"exchange": second.pk})
        self.assertEqual(response.status_code, 302)
        report.refresh_from_db()
        self.assertEqual(report.exchange, second)
        self.assertTrue(report.pinned)
        second.refresh_from_db()
        first.refresh_from_db()
        self.assertEqual(second.ordinal, 65)
        self.assertIsNone(first.ordinal)
