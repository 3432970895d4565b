"""An editor's correction survives every re-ingest, through the real pipeline.

Each scenario runs twice: with the project's extractor (the point of the test)
and with a stand-in that reads only these test articles, so a change in the
extractor cannot hide a regression in locking, pinning or reconciliation.
"""

from __future__ import annotations

import datetime as dt
import unittest
from unittest import mock

from django.test import TestCase
from django.urls import reverse

from exchanges.models import Exchange, Report, Source
from exchanges.services import exchange_merge, report_split
from ingest.pipeline import ingest_source
from ingest.sources import source_create_from_content
from tests.editors.helpers import REAL_EXTRACTOR, admin_form_data, stub_extract_events
from tests.factories import make_editor

DAY = dt.date(2025, 8, 14)
FIRST = (
    "On 14 August 2025 Ukraine and Russia exchanged 84 prisoners for 84 in a swap "
    "mediated by the United Arab Emirates."
)
DISAGREEING = (
    "On 14 August 2025, in the 65th exchange, Ukraine and Russia swapped 90 prisoners for 84."
)
LATER = "On 20 August 2025 Ukraine and Russia exchanged 84 prisoners for 84."


class SurviveReingest:
    """The scenarios; subclasses choose the extractor."""

    def ingest(self, text: str, published: dt.date = DAY) -> Source:
        source, _ = source_create_from_content(content=text, is_html=False, published=published)
        result = ingest_source(source.pk)
        self.assertEqual(result.status, "done", result.error)
        return source

    def reingest_changed(self, source: Source) -> None:
        """Re-ingest as if the extractor now read the article slightly differently."""
        Report.objects.filter(source=source).update(confidence=0.42)
        ingest_source(source.pk)

    def reingest_everything(self) -> None:
        for pk in Source.objects.order_by("pk").values_list("pk", flat=True):
            ingest_source(pk)

    def correct(self, exchange: Exchange, **changes) -> None:
        url = reverse("admin:exchanges_exchange_change", args=[exchange.pk])
        data = admin_form_data(self.client.get(url))
        data.update(changes)
        self.assertEqual(self.client.post(url, data).status_code, 302)

    def setUp(self):
        self.editor = make_editor()
        self.client.force_login(self.editor)
        self.first = self.ingest(FIRST)
        self.exchange = self.first.reports.get().exchange
        self.assertEqual((self.exchange.to_ukraine, self.exchange.to_russia), (84, 84))
        self.correct(self.exchange, to_ukraine="85")
        self.exchange.refresh_from_db()
        self.assertEqual(self.exchange.locked_fields, ["to_ukraine"])

    def test_a_corrected_count_survives_reingesting_the_same_source(self):
        ingest_source(self.first.pk)
        self.reingest_changed(self.first)
        self.exchange.refresh_from_db()
        self.assertEqual(self.exchange.to_ukraine, 85)
        self.assertEqual(Exchange.objects.count(), 1)

    def test_a_new_disagreeing_source_adds_its_report_and_raises_review(self):
        second = self.ingest(DISAGREEING)
        self.exchange.refresh_from_db()
        self.assertEqual(second.reports.get().exchange, self.exchange)
        self.assertEqual(self.exchange.to_ukraine, 85)
        self.assertEqual(self.exchange.reports.count(), 2)
        self.assertTrue(self.exchange.needs_review)
        self.assertIn("the editor set 85", self.exchange.review_reason)
        # Fields the editor did not touch keep following the sources.
        self.assertEqual(self.exchange.ordinal, 65)
        self.assertEqual(self.exchange.to_russia, 84)

    def test_a_corrected_count_survives_reingesting_everything(self):
        self.ingest(DISAGREEING)
        self.reingest_everything()
        for source in Source.objects.all():
            self.reingest_changed(source)
        self.exchange.refresh_from_db()
        self.assertEqual(self.exchange.to_ukraine, 85)
        self.assertEqual(self.exchange.ordinal, 65)
        self.assertEqual(Exchange.objects.count(), 1)
        self.assertEqual(self.exchange.reports.count(), 2)

    def test_a_split_survives_reingest(self):
        second = self.ingest(DISAGREEING)
        report = second.reports.get()
        new = report_split(report=report, user=self.editor)
        ingest_source(second.pk)
        self.reingest_changed(second)
        self.reingest_everything()
        report.refresh_from_db()
        self.assertEqual(report.exchange, new)
        self.assertEqual(self.first.reports.get().exchange, self.exchange)
        self.assertEqual(Exchange.objects.count(), 2)
        self.exchange.refresh_from_db()
        self.assertEqual(self.exchange.to_ukraine, 85)

    def test_a_merge_survives_reingest(self):
        later = self.ingest(LATER, published=dt.date(2025, 8, 20))
        other = later.reports.get().exchange
        self.assertNotEqual(other, self.exchange)
        exchange_merge(keep=self.exchange, others=[other], user=self.editor)
        self.reingest_changed(later)
        self.reingest_everything()
        self.assertEqual(later.reports.get().exchange, self.exchange)
        self.assertEqual(Exchange.objects.count(), 1)
        self.exchange.refresh_from_db()
        self.assertEqual(self.exchange.to_ukraine, 85)


@unittest.skipUnless(REAL_EXTRACTOR, "ingest/extraction/events.py is not written yet")
class SurviveReingestWithTheRealExtractorTests(SurviveReingest, TestCase):
    pass


class SurviveReingestWithAStandInExtractorTests(SurviveReingest, TestCase):
    def setUp(self):
        patcher = mock.patch("ingest.pipeline.extract_events", stub_extract_events)
        patcher.start()
        self.addCleanup(patcher.stop)
        super().setUp()
