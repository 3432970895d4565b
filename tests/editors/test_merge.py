"""Merging exchanges that are really one: nothing lost, the merge recorded."""

from __future__ import annotations

import datetime as dt

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from exchanges.models import Exchange, MergeRecord
from exchanges.services import EditError, exchange_merge
from tests.base import EditorTestCase
from tests.factories import make_exchange, make_report

URL = reverse("admin:exchanges_exchange_changelist")


class MergeTests(EditorTestCase):
    def setUp(self):
        super().setUp()
        self.keep = make_exchange(
            date=dt.date(2025, 8, 14), to_ukraine=84, to_russia=84, notes="From the ministry."
        )
        self.keep.lock("to_ukraine")
        self.keep.save()
        self.a = make_report(self.keep)
        self.dup = make_exchange(date=dt.date(2025, 8, 15), to_ukraine=84, ordinal=65)
        self.b = make_report(self.dup, ordinal=65)
        self.stage_parent = make_exchange(date=dt.date(2025, 8, 13), status="in_progress")
        self.stage = make_exchange(
            date=dt.date(2025, 8, 14), parent=self.stage_parent, stage_number=1
        )
        make_report(self.stage)

    def post_merge(self, *exchanges, keep=None, **extra):
        data = {"action": "merge_exchanges", ACTION_CHECKBOX_NAME: [e.pk for e in exchanges]}
        if keep is not None:
            data.update(post="yes", keep=keep.pk, **extra)
        return self.client.post(URL, data)

    def test_it_asks_which_record_to_keep_first(self):
        response = self.post_merge(self.keep, self.dup)
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "admin/exchanges/exchange/merge_confirmation.html")
        # The locked record is the default choice.
        self.assertEqual(response.context["default_keep"], self.keep.pk)
        self.assertTrue(Exchange.objects.filter(pk=self.dup.pk).exists())

    def test_it_moves_reports_and_stages_to_the_kept_record(self):
        response = self.post_merge(
            self.keep, self.dup, self.stage_parent, keep=self.keep, note="Same swap."
        )
        self.assertRedirects(
            response, reverse("admin:exchanges_exchange_change", args=[self.keep.pk])
        )
        self.assertFalse(Exchange.objects.filter(pk__in=[self.dup.pk, self.stage_parent.pk]))
        self.assertEqual(
            sorted(self.keep.reports.values_list("pk", flat=True)), sorted([self.a.pk, self.b.pk])
        )
        self.stage.refresh_from_db()
        self.assertEqual(self.stage.parent_id, self.keep.pk)
        self.b.refresh_from_db()
        self.assertTrue(self.b.pinned)

    def test_it_records_what_was_merged(self):
        self.post_merge(self.keep, self.dup, keep=self.keep, note="Same swap.")
        record = MergeRecord.objects.get()
        self.assertEqual(record.kept, self.keep)
        self.assertEqual(record.merged_by, self.editor)
        self.assertEqual(record.note, "Same swap.")
        [merged] = record.merged
        self.assertEqual(merged["id"], self.dup.pk)
        self.assertEqual(merged["values"]["ordinal"], 65)
        self.assertEqual(merged["report_ids"], [self.b.pk])
        deleted = Exchange.history.filter(id=self.dup.pk, history_type="-").get()
        self.assertEqual(deleted.history_change_reason, f"Merged into #{self.keep.pk}")
        self.assertEqual(deleted.history_user, self.editor)

    def test_it_recomputes_unlocked_fields_and_keeps_locked_ones(self):
        self.keep.to_ukraine = 85  # the editor's figure
        self.keep.save()
        self.post_merge(self.keep, self.dup, keep=self.keep)
        self.keep.refresh_from_db()
        self.assertEqual(self.keep.to_ukraine, 85)
        self.assertEqual(self.keep.ordinal, 65)  # came with the merged report
        self.assertEqual(self.keep.date, dt.date(2025, 8, 14))
        # The moved report says 84 where the editor set 85: flagged, not overwritten.
        self.assertTrue(self.keep.needs_review)
        self.assertIn("the editor set 85", self.keep.review_reason)

    def test_it_flags_a_value_an_editor_locked_on_a_merged_record(self):
        self.dup.lock("to_russia")
        self.dup.to_russia = 80
        self.dup.save()
        exchange_merge(keep=self.keep, others=[self.dup], user=self.editor)
        self.keep.refresh_from_db()
        self.assertTrue(self.keep.needs_review)
        expected = f"Merged #{self.dup.pk} had to_russia set by an editor to 80"
        self.assertIn(expected, self.keep.review_reason)

    def test_it_refuses_to_merge_a_stage_into_itself_through_its_parent(self):
        with self.assertRaises(EditError):
            exchange_merge(keep=self.stage, others=[self.stage_parent], user=self.editor)
        self.assertTrue(Exchange.objects.filter(pk=self.stage_parent.pk).exists())

    def test_it_needs_two_records(self):
        response = self.post_merge(self.keep)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Exchange.objects.filter(pk=self.keep.pk).exists())
