"""Editors find records fast: filters, search, date hierarchy, ordering."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from tests.base import EditorTestCase
from tests.factories import make_exchange, make_report, make_source

URL = reverse("admin:exchanges_exchange_changelist")


class ExchangeListTests(EditorTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.old = make_exchange(date=dt.date(2024, 1, 3), to_ukraine=230, to_russia=248)
        cls.new = make_exchange(date=dt.date(2025, 8, 14), mediators=["UAE"], verified=True)
        cls.undated = make_exchange(
            date=None, status="agreed", needs_review=True, has_conflict=True
        )
        cls.bodies = make_exchange(date=dt.date(2025, 6, 1), kind="body_repatriation")
        make_report(
            cls.old,
            make_source(outlet="Kyiv Independent", url="https://kyivindependent.com/a"),
            sentence="Ukraine brought home 230 defenders in the 49th exchange.",
        )

    def shown(self, **params) -> list[int]:
        response = self.client.get(URL, params)
        self.assertEqual(response.status_code, 200)
        return [e.pk for e in response.context["cl"].result_list]

    def test_it_lists_newest_first_with_undated_last(self):
        self.assertEqual(self.shown(), [self.new.pk, self.bodies.pk, self.old.pk, self.undated.pk])

    def test_it_filters_by_kind_status_and_year(self):
        self.assertEqual(self.shown(kind__exact="body_repatriation"), [self.bodies.pk])
        self.assertEqual(self.shown(status__exact="agreed"), [self.undated.pk])
        self.assertEqual(self.shown(year="2024"), [self.old.pk])
        self.assertEqual(self.shown(year="none"), [self.undated.pk])

    def test_it_filters_by_mediator_review_verified_and_conflict(self):
        uae = self.new.mediators.get()
        self.assertEqual(self.shown(mediators__id__exact=uae.pk), [self.new.pk])
        self.assertEqual(self.shown(needs_review__exact="1"), [self.undated.pk])
        self.assertEqual(self.shown(verified__exact="1"), [self.new.pk])
        self.assertEqual(self.shown(has_conflict__exact="1"), [self.undated.pk])

    def test_it_searches_outlet_url_and_evidence_sentence(self):
        self.assertEqual(self.shown(q="Kyiv Independent"), [self.old.pk])
        self.assertEqual(self.shown(q="kyivindependent.com"), [self.old.pk])
        self.assertEqual(self.shown(q="49th exchange"), [self.old.pk])

    def test_it_drills_down_by_date(self):
        self.assertEqual(self.shown(date__year="2025", date__month="8"), [self.new.pk])
