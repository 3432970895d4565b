"""History: who changed what and when, and restoring an earlier version."""

from __future__ import annotations

from django.urls import reverse

from exchanges.models import Exchange, Mediator
from exchanges.recompute import refresh_exchange
from tests.base import EditorTestCase
from tests.editors.helpers import admin_form_data
from tests.factories import make_exchange, make_report


class HistoryTests(EditorTestCase):
    def setUp(self):
        super().setUp()
        self.exchange = make_exchange(to_ukraine=84)
        make_report(self.exchange, to_ukraine=84)
        self.change_url = reverse("admin:exchanges_exchange_change", args=[self.exchange.pk])

    def correct(self, **changes):
        data = admin_form_data(self.client.get(self.change_url))
        data.update(changes)
        self.assertEqual(self.client.post(self.change_url, data).status_code, 302)

    def test_it_shows_editor_and_pipeline_changes_with_who_and_why(self):
        self.exchange.ordinal = None
        refresh_exchange(self.exchange, new_report_ids=set(), run_label="ingest of source #7")
        self.correct(to_ukraine="85")
        response = self.client.get(
            reverse("admin:exchanges_exchange_history", args=[self.exchange.pk])
        )
        self.assertContains(response, "Corrected by editor: to_ukraine")
        self.assertContains(response, "editor")

    def test_it_records_a_pipeline_run_by_its_label(self):
        make_report(self.exchange, ordinal=65)
        refresh_exchange(self.exchange, new_report_ids=set(), run_label="ingest of source #7")
        record = self.exchange.history.first()
        self.assertEqual(record.history_change_reason, "ingest of source #7")
        self.assertIsNone(record.history_user)

    def test_it_restores_an_earlier_version_and_locks_the_restored_field(self):
        before = self.exchange.history.first()
        self.correct(to_ukraine="85")
        revert_url = reverse(
            "admin:exchanges_exchange_simple_history",
            args=[self.exchange.pk, before.history_id],
        )
        response = self.client.get(revert_url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Revert")
        data = admin_form_data(response)
        self.assertEqual(data["to_ukraine"], "84")
        self.assertEqual(self.client.post(revert_url, data).status_code, 302)
        restored = Exchange.objects.get(pk=self.exchange.pk)
        self.assertEqual(restored.to_ukraine, 84)
        # The editor chose 84 by restoring it: the pipeline must not change it again.
        self.assertIn("to_ukraine", restored.locked_fields)
        self.assertEqual(restored.history.first().history_user, self.editor)

    def test_it_keeps_history_for_sources_and_mediators(self):
        for name in ("source", "mediator", "feed"):
            url = reverse(f"admin:exchanges_{name}_changelist")
            self.assertEqual(self.client.get(url).status_code, 200)
        uae_history = reverse("admin:exchanges_mediator_history", args=[1])
        self.assertEqual(self.client.get(uae_history).status_code, 200)

    def test_restoring_a_version_restores_its_mediators_too(self):
        uae, usa = Mediator.objects.get(name="UAE"), Mediator.objects.get(name="USA")
        self.correct(mediators=[str(uae.pk)])
        with_uae = self.exchange.history.first()
        self.correct(mediators=[str(usa.pk)])
        revert_url = reverse(
            "admin:exchanges_exchange_simple_history",
            args=[self.exchange.pk, with_uae.history_id],
        )
        data = admin_form_data(self.client.get(revert_url))
        self.assertEqual(data["mediators"], [str(uae.pk)])
        self.assertEqual(self.client.post(revert_url, data).status_code, 302)
        restored = Exchange.objects.get(pk=self.exchange.pk)
        self.assertEqual([m.name for m in restored.mediators.all()], ["UAE"])
        self.assertIn("mediators", restored.locked_fields)
