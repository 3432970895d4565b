"""One review item, one screen: the sentence, the values side by side, one action each."""

from __future__ import annotations

from django.urls import reverse

from exchanges.models import Exchange, Report
from tests.base import EditorTestCase
from tests.factories import make_exchange, make_report, make_source

QUEUE = reverse("admin:exchanges_reviewitem_changelist")


def item_url(exchange: Exchange) -> str:
    return reverse("admin:exchanges_reviewitem_change", args=[exchange.pk])


class ReviewItemTests(EditorTestCase):
    def setUp(self):
        super().setUp()
        self.unsure = make_exchange(
            to_ukraine=1000, to_russia=1000, needs_review=True, review_reason="Unsure extraction."
        )
        self.unsure_report = make_report(
            self.unsure,
            sentence="Ukraine and Russia swapped 1,000 prisoners each, the 64th exchange.",
            ordinal=64,
            needs_review=True,
            review_reason="two numbers in one sentence",
        )

    def decide(self, exchange, action, report=None, **data):
        payload = {"action": action, **data}
        if report is not None:
            payload["report"] = report.pk
        return self.client.post(item_url(exchange), payload)

    def test_it_shows_the_sentence_with_the_figures_highlighted_beside_the_record(self):
        response = self.client.get(item_url(self.unsure))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "swapped <mark>1,000</mark> prisoners")
        self.assertContains(response, "the <mark>64</mark>th exchange")
        self.assertContains(response, '<th>ordinal</th><td class="differs">≠ 64</td><td>—</td>')
        self.assertContains(response, "two numbers in one sentence")
        self.assertContains(response, 'name="fix-breakdown_military_to_ukraine"')

    def test_it_accepts_an_item_publishes_it_and_records_who_decided(self):
        response = self.decide(self.unsure, "accept")
        self.assertRedirects(response, QUEUE)
        exchange = Exchange.objects.get(pk=self.unsure.pk)
        self.assertFalse(exchange.needs_review)
        self.assertTrue(Exchange.objects.public().filter(pk=exchange.pk).exists())
        record = exchange.history.first()
        self.assertEqual(record.history_user, self.editor)
        self.assertEqual(record.history_change_reason, "Review resolved: Unsure extraction.")

    def test_it_opens_the_next_item_after_a_decision(self):
        later = make_exchange(needs_review=True, review_reason="No date given.")
        self.assertRedirects(self.decide(self.unsure, "accept"), item_url(later))

    def test_it_corrects_in_place_locks_what_changed_and_publishes(self):
        response = self.decide(
            self.unsure,
            "correct",
            **{
                "fix-date": "2025-05-23",
                "fix-date_precision": "day",
                "fix-kind": "pow_exchange",
                "fix-status": "completed",
                "fix-to_ukraine": "1000",
                "fix-to_russia": "1000",
                "fix-ordinal": "64",
                "fix-breakdown_military_to_ukraine": "990",
                "fix-breakdown_civilians_to_ukraine": "10",
            },
        )
        self.assertRedirects(response, QUEUE)
        exchange = Exchange.objects.get(pk=self.unsure.pk)
        self.assertEqual(exchange.ordinal, 64)
        self.assertEqual(
            exchange.breakdown,
            {"military": {"to_ukraine": 990}, "civilians": {"to_ukraine": 10}},
        )
        self.assertEqual(exchange.locked_fields, ["breakdown", "ordinal"])
        self.assertFalse(exchange.needs_review)
        self.assertTrue(exchange.is_public)
        record = exchange.history.first()
        self.assertEqual(record.history_user, self.editor)
        self.assertEqual(record.history_change_reason, "Corrected in review: breakdown, ordinal")

    def test_it_shows_a_correction_it_cannot_take_with_the_error(self):
        response = self.decide(
            self.unsure,
            "correct",
            **{
                "fix-date": "",
                "fix-date_precision": "day",
                "fix-kind": "pow_exchange",
                "fix-status": "completed",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "An undated exchange has precision")
        self.assertTrue(Exchange.objects.get(pk=self.unsure.pk).needs_review)

    def test_it_takes_one_reports_figures_in_one_click(self):
        disputed = make_exchange(to_ukraine=84, needs_review=True, has_conflict=True)
        make_report(disputed)
        other = make_report(disputed, to_ukraine=90, attributed_to="Coordination HQ")
        self.decide(disputed, "take", other)
        disputed.refresh_from_db()
        self.assertEqual(disputed.to_ukraine, 90)
        self.assertEqual(disputed.locked_fields, ["to_ukraine"])
        self.assertFalse(disputed.needs_review)

    def test_it_rejects_a_reading_and_the_record_loses_its_figures(self):
        disputed = make_exchange(
            to_ukraine=90,
            needs_review=True,
            has_conflict=True,
            review_reason="Sources disagree on the figure to Ukraine: 84, 90.",
        )
        make_report(disputed, to_ukraine=84)
        make_report(disputed, to_ukraine=84)
        wrong = make_report(disputed, to_ukraine=90)
        self.decide(disputed, "wrong", wrong)
        disputed.refresh_from_db()
        wrong.refresh_from_db()
        self.assertEqual((wrong.exchange, wrong.rejected), (None, "wrong"))
        self.assertEqual(disputed.to_ukraine, 84)
        self.assertFalse(disputed.has_conflict)
        self.assertFalse(disputed.needs_review)
        record = disputed.history.first()
        self.assertEqual(record.history_user, self.editor)
        self.assertIn(f"Report #{wrong.pk}", record.history_change_reason)

    def test_it_removes_an_exchange_left_with_no_support_when_not_an_exchange(self):
        self.decide(self.unsure, "not_an_exchange", self.unsure_report)
        self.assertFalse(Exchange.objects.filter(pk=self.unsure.pk).exists())
        report = Report.objects.get(pk=self.unsure_report.pk)
        self.assertEqual(report.rejected, "not_an_exchange")
        deleted = Exchange.history.filter(id=self.unsure.pk).first()
        self.assertEqual(deleted.history_type, "-")
        self.assertEqual(deleted.history_user, self.editor)

    def test_it_keeps_a_rejected_reading_off_every_exchange_when_its_source_is_ingested_again(
        self,
    ):
        from ingest.extraction import ExtractedEvent
        from ingest.reconcile import reconcile_source

        source = make_source()
        make_report(self.unsure, source=source, to_ukraine=1000, to_russia=1000, position=0)
        rejected = source.reports.get()
        self.decide(self.unsure, "not_an_exchange", rejected)
        event = ExtractedEvent(
            kind="pow_exchange",
            status="completed",
            date=self.unsure.date,
            date_precision="day",
            to_ukraine=1000,
            to_russia=1000,
        )
        result = reconcile_source(source, [event])
        rejected.refresh_from_db()
        self.assertIsNone(rejected.exchange)
        self.assertEqual(result.created, [])

    def test_it_opens_review_from_the_queue(self):
        response = self.client.get(QUEUE)
        self.assertContains(response, item_url(self.unsure))
        self.assertContains(response, "Review one by one")
