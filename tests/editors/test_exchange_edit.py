"""Correcting an exchange in admin locks what the editor changed."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from exchanges.models import Exchange, Mediator
from tests.base import EditorTestCase
from tests.editors.helpers import admin_form_data
from tests.factories import make_exchange, make_report


class ExchangeEditTests(EditorTestCase):
    def setUp(self):
        super().setUp()
        self.exchange = make_exchange(mediators=["UAE"])
        make_report(self.exchange)
        self.url = reverse("admin:exchanges_exchange_change", args=[self.exchange.pk])

    def post(self, **changes):
        data = admin_form_data(self.client.get(self.url))
        data.update(changes)
        response = self.client.post(self.url, data)
        self.assertEqual(
            response.status_code,
            302,
            getattr(response, "context", None) and response.context["adminform"].form.errors,
        )
        self.exchange.refresh_from_db()
        return response

    def test_it_locks_each_changed_field_and_stamps_corrected_at(self):
        self.post(to_ukraine="85", ordinal="65")
        self.assertEqual(self.exchange.to_ukraine, 85)
        self.assertEqual(self.exchange.ordinal, 65)
        self.assertEqual(self.exchange.locked_fields, ["ordinal", "to_ukraine"])
        self.assertIsNotNone(self.exchange.corrected_at)

    def test_it_leaves_fields_the_editor_did_not_touch_unlocked(self):
        self.post(notes="Checked against the ministry's statement.")
        self.assertEqual(self.exchange.locked_fields, [])
        self.assertIsNone(self.exchange.corrected_at)

    def test_it_locks_mediators_when_the_editor_changes_them(self):
        turkey = Mediator.objects.get(name="Turkey")
        self.post(mediators=[str(turkey.pk)])
        self.assertEqual([m.name for m in self.exchange.mediators.all()], ["Turkey"])
        self.assertEqual(self.exchange.locked_fields, ["mediators"])

    def test_it_locks_the_precision_with_the_date(self):
        self.post(date="2025-08-15")
        self.assertEqual(self.exchange.date, dt.date(2025, 8, 15))
        self.assertEqual(self.exchange.locked_fields, ["date", "date_precision"])

    def test_it_marks_an_exchange_verified(self):
        self.post(verified="on")
        self.assertTrue(self.exchange.verified)
        self.assertEqual(self.exchange.history.first().history_change_reason, "verified")

    def test_it_hands_a_field_back_to_the_pipeline_when_unticked(self):
        self.exchange.lock("to_ukraine", "ordinal")
        self.exchange.save()
        self.post(locked_fields=["ordinal"])
        self.assertEqual(self.exchange.locked_fields, ["ordinal"])

    def test_it_refuses_a_precision_without_a_date(self):
        data = admin_form_data(self.client.get(self.url))
        data.update(date="", date_precision="day")
        response = self.client.post(self.url, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("date_precision", response.context["adminform"].form.errors)

    def test_it_records_the_editor_and_the_changed_fields_in_history(self):
        self.post(to_russia="90", breakdown_military_to_russia="90")
        record = self.exchange.history.first()
        self.assertEqual(record.history_user, self.editor)
        self.assertEqual(record.history_change_reason, "Corrected by editor: breakdown, to_russia")
        self.assertEqual(
            Exchange.objects.get(pk=self.exchange.pk).breakdown["military"], {"to_russia": 90}
        )

    def test_it_edits_the_breakdown_as_fields_and_keeps_groups_it_does_not_know(self):
        self.exchange.breakdown = {"military": {"to_ukraine": 80}, "sailors": {"to_ukraine": 4}}
        self.exchange.save()
        response = self.client.get(self.url)
        self.assertContains(response, 'name="breakdown_military_to_ukraine"')
        self.assertNotContains(response, 'name="breakdown"')
        self.post(breakdown_military_to_ukraine="", breakdown_civilians_to_ukraine="80")
        self.assertEqual(
            Exchange.objects.get(pk=self.exchange.pk).breakdown,
            {"civilians": {"to_ukraine": 80}, "sailors": {"to_ukraine": 4}},
        )

    def test_it_clears_the_reason_when_the_editor_unticks_needs_review(self):
        self.exchange.needs_review = True
        self.exchange.review_reason = "Sources disagree on to_ukraine: 84, 90."
        self.exchange.save()
        data = admin_form_data(self.client.get(self.url))
        del data["needs_review"]
        response = self.client.post(self.url, data)
        self.assertEqual(response.status_code, 302)
        self.exchange.refresh_from_db()
        self.assertFalse(self.exchange.needs_review)
        self.assertEqual(self.exchange.review_reason, "")
