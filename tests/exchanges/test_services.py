"""Merging and splitting as services: what moves, what is pinned and locked, what is refused."""

from __future__ import annotations

import datetime as dt

from django.test import TestCase

from exchanges.models import Exchange, MergeRecord, Report
from exchanges.services import EditError, exchange_merge, report_move, report_split
from tests.factories import make_exchange, make_report, make_stage

DAY = dt.date(2025, 5, 23)


class MergeTests(TestCase):
    def setUp(self):
        self.keep = make_exchange(to_ukraine=390, to_russia=390, notes="From the ministry.")
        self.kept_report = make_report(self.keep)
        self.other = make_exchange(date=DAY + dt.timedelta(days=1), notes="Check the date.")
        self.moved = make_report(self.other, to_ukraine=390, to_russia=390)

    def test_it_moves_the_reports_pins_them_and_removes_the_other_record(self):
        record = exchange_merge(keep=self.keep, others=[self.other])
        self.moved.refresh_from_db()
        self.assertEqual((self.moved.exchange_id, self.moved.pinned), (self.keep.pk, True))
        self.assertFalse(Exchange.objects.filter(pk=self.other.pk).exists())
        self.assertEqual(record, MergeRecord.objects.get())
        self.assertEqual(record.merged[0]["id"], self.other.pk)
        self.assertEqual(record.merged[0]["report_ids"], [self.moved.pk])

    def test_it_keeps_the_hand_written_notes_of_both(self):
        exchange_merge(keep=self.keep, others=[self.other])
        self.keep.refresh_from_db()
        self.assertEqual(
            self.keep.notes, f"From the ministry.\n\n[from #{self.other.pk}] Check the date."
        )

    def test_it_recomputes_the_kept_record_from_every_report(self):
        exchange_merge(keep=self.keep, others=[self.other])
        self.keep.refresh_from_db()
        self.assertEqual(self.keep.to_ukraine, 390)
        self.assertEqual(self.keep.date, DAY)

    def test_it_flags_a_value_an_editor_locked_on_the_merged_record(self):
        self.other.ordinal = 64
        self.other.lock("ordinal")
        self.other.save()
        exchange_merge(keep=self.keep, others=[self.other])
        self.keep.refresh_from_db()
        self.assertTrue(self.keep.needs_review)
        self.assertIn(
            f"Merged #{self.other.pk} had ordinal set by an editor to 64", (self.keep.review_reason)
        )

    def test_it_moves_the_stages_after_the_kept_records_own(self):
        make_stage(self.keep, 1, date=DAY)
        moved = make_stage(self.other, 1, date=DAY + dt.timedelta(days=1))
        exchange_merge(keep=self.keep, others=[self.other])
        moved.refresh_from_db()
        self.assertEqual((moved.parent_id, moved.stage_number), (self.keep.pk, 2))

    def test_it_refuses_to_merge_a_multi_day_exchange_into_its_own_stage(self):
        stage = make_stage(self.keep, 1, date=DAY)
        with self.assertRaises(EditError):
            exchange_merge(keep=stage, others=[self.keep])
        self.assertTrue(Exchange.objects.filter(pk=self.keep.pk).exists())

    def test_it_refuses_a_merge_of_one(self):
        with self.assertRaises(EditError):
            exchange_merge(keep=self.keep, others=[self.keep])


class SplitTests(TestCase):
    def setUp(self):
        self.exchange = make_exchange(to_ukraine=390, to_russia=390)
        self.right = make_report(self.exchange)
        self.wrong = make_report(self.exchange, to_ukraine=84, ordinal=64)

    def test_it_gives_the_report_its_own_record_made_from_its_values_and_pins_it(self):
        new = report_split(report=self.wrong)
        self.wrong.refresh_from_db()
        self.assertEqual((self.wrong.exchange_id, self.wrong.pinned), (new.pk, True))
        self.assertEqual((new.to_ukraine, new.ordinal, new.date), (84, 64, DAY))

    def test_it_locks_the_fields_that_tell_the_two_apart_on_both(self):
        new = report_split(report=self.wrong)
        self.exchange.refresh_from_db()
        self.assertEqual(new.locked_fields, ["ordinal", "to_ukraine"])
        self.assertEqual(self.exchange.locked_fields, ["ordinal", "to_ukraine"])
        self.assertEqual(self.exchange.to_ukraine, 390)

    def test_it_refuses_to_split_off_the_only_report(self):
        lone = make_exchange()
        only = make_report(lone)
        with self.assertRaises(EditError):
            report_split(report=only)

    def test_it_refuses_a_report_on_no_exchange(self):
        with self.assertRaises(EditError):
            report_split(report=make_report(None))


class MoveTests(TestCase):
    def test_it_pins_the_report_where_the_editor_put_it_and_recomputes_both(self):
        first = make_exchange(to_ukraine=390)
        make_report(first)
        moved = make_report(first, to_ukraine=84)
        second = make_exchange(date=DAY + dt.timedelta(days=30), to_ukraine=84)
        make_report(second)
        report_move(report=moved, to=second)
        moved.refresh_from_db()
        self.assertEqual((moved.exchange_id, moved.pinned), (second.pk, True))
        first.refresh_from_db()
        self.assertFalse(first.has_conflict)
        self.assertEqual(Report.objects.filter(exchange=second).count(), 2)
