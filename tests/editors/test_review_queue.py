"""The review queue: what the pipeline flagged, and resolving it."""

from __future__ import annotations

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from exchanges.models import Exchange
from tests.base import EditorTestCase
from tests.factories import make_exchange, make_report

QUEUE = reverse("admin:exchanges_reviewitem_changelist")


class ReviewQueueTests(EditorTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.undated = make_exchange(
            date=None, status="agreed", needs_review=True, review_reason="No date given."
        )
        cls.disputed = make_exchange(
            needs_review=True, has_conflict=True, review_reason="Sources disagree on to_ukraine."
        )
        cls.unsure = make_exchange(needs_review=True, review_reason="Unsure extraction.")
        make_report(cls.unsure, needs_review=True, review_reason="two numbers in one sentence")
        cls.fine = make_exchange()

    def shown(self, **params) -> set[int]:
        response = self.client.get(QUEUE, params)
        self.assertEqual(response.status_code, 200)
        return {e.pk for e in response.context["cl"].result_list}

    def test_it_lists_only_flagged_exchanges_with_their_reason(self):
        self.assertEqual(self.shown(), {self.undated.pk, self.disputed.pk, self.unsure.pk})
        response = self.client.get(QUEUE)
        self.assertContains(response, "Sources disagree on to_ukraine.")

    def test_it_filters_by_why_an_item_is_there(self):
        self.assertEqual(self.shown(why="undated"), {self.undated.pk})
        self.assertEqual(self.shown(why="conflict"), {self.disputed.pk})
        self.assertEqual(self.shown(why="unsure"), {self.unsure.pk})

    def test_it_takes_a_resolved_item_off_the_queue_and_records_it(self):
        self.client.post(
            QUEUE, {"action": "mark_reviewed", ACTION_CHECKBOX_NAME: [self.disputed.pk]}
        )
        self.assertEqual(self.shown(), {self.undated.pk, self.unsure.pk})
        disputed = Exchange.objects.get(pk=self.disputed.pk)
        self.assertEqual((disputed.needs_review, disputed.review_reason), (False, ""))
        record = disputed.history.first()
        self.assertEqual(record.history_user, self.editor)
        self.assertTrue(
            record.history_change_reason.startswith("Review resolved: Sources disagree")
        )

    def test_it_opens_an_item_on_its_review_screen_linked_to_the_full_form(self):
        url = reverse("admin:exchanges_reviewitem_change", args=[self.undated.pk])
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, reverse("admin:exchanges_exchange_change", args=[self.undated.pk])
        )

    def test_it_resolves_from_the_exchange_list_too(self):
        self.client.post(
            reverse("admin:exchanges_exchange_changelist"),
            {"action": "mark_reviewed", ACTION_CHECKBOX_NAME: [self.undated.pk]},
        )
        self.assertFalse(Exchange.objects.get(pk=self.undated.pk).needs_review)
