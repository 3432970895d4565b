"""Adding a source in admin: by URL or by pasting text or HTML; re-running ingest."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from unittest import mock

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from exchanges.models import Source
from tests.base import EditorTestCase
from tests.editors.helpers import stub_extract_events
from tests.factories import make_source

ADD = reverse("admin:exchanges_source_add")
LIST = reverse("admin:exchanges_source_changelist")
ARTICLE = (
    "On 14 August 2025 Ukraine and Russia exchanged 84 prisoners for 84 in a swap "
    "mediated by the United Arab Emirates."
)


def page(html: str):
    return SimpleNamespace(
        body=html.encode(), encoding="utf-8", content_type="text/html", url="https://x"
    )


class SourceAddTests(EditorTestCase):
    def setUp(self):
        super().setUp()
        patcher = mock.patch("ingest.pipeline.extract_events", stub_extract_events)
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_it_shows_the_add_form(self):
        response = self.client.get(ADD)
        self.assertContains(response, "Save and ingest")
        self.assertContains(response, 'name="content"')

    def test_it_stores_pasted_text_and_queues_the_ingest(self):
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            response = self.client.post(
                ADD, {"content": ARTICLE, "content_format": "text", "published": "2025-08-14"}
            )
        source = Source.objects.get()
        self.assertRedirects(response, reverse("admin:exchanges_source_change", args=[source.pk]))
        self.assertEqual(len(callbacks), 1)
        source.refresh_from_db()
        self.assertEqual(source.status, "done")
        self.assertEqual(source.published, dt.date(2025, 8, 14))
        self.assertEqual(source.reports.get().exchange.to_ukraine, 84)

    def test_it_creates_a_url_source_pending_until_the_task_runs(self):
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            self.client.post(ADD, {"url": "https://news.example/swap", "content_format": "auto"})
        source = Source.objects.get()
        self.assertEqual((source.url, source.status), ("https://news.example/swap", "pending"))
        self.assertEqual(len(callbacks), 1)

    def test_it_fetches_a_url_source_when_the_ingest_runs(self):
        html = f"<html><body><article><p>{ARTICLE}</p></article></body></html>"
        with (
            mock.patch("ingest.pipeline.fetch_url", return_value=page(html)) as fetch,
            self.captureOnCommitCallbacks(execute=True),
        ):
            self.client.post(ADD, {"url": "https://news.example/swap", "content_format": "auto"})
        fetch.assert_called_once_with("https://news.example/swap")
        source = Source.objects.get()
        self.assertEqual(source.status, "done", source.error)

    def test_it_says_when_the_article_is_already_stored(self):
        self.client.post(ADD, {"content": ARTICLE, "content_format": "text"})
        response = self.client.post(
            ADD, {"content": ARTICLE, "content_format": "text"}, follow=True
        )
        self.assertContains(response, "already stored as source")
        self.assertEqual(Source.objects.count(), 1)

    def test_it_needs_a_url_or_text(self):
        response = self.client.post(ADD, {"content": "  ", "content_format": "auto"})
        self.assertContains(response, "Give a URL or paste the article.")
        self.assertFalse(Source.objects.exists())

    def test_it_refuses_a_url_that_cannot_be_fetched(self):
        response = self.client.post(ADD, {"url": "ftp://files.example/a", "content_format": "auto"})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Source.objects.exists())

    def test_it_shows_status_and_error_in_the_list(self):
        make_source(title="Broken page", status="failed", error="The server answered 503.")
        response = self.client.get(LIST)
        self.assertContains(response, "Broken page")
        self.assertContains(response, "The server answered 503.")

    def test_it_reruns_ingest_and_refetches_a_url_whose_fetch_failed(self):
        source = make_source(url="https://news.example/late", status="failed", error="timeout")
        html = f"<html><body><article><p>{ARTICLE}</p></article></body></html>"
        with (
            mock.patch("ingest.pipeline.fetch_url", return_value=page(html)) as fetch,
            self.captureOnCommitCallbacks(execute=True),
        ):
            self.client.post(LIST, {"action": "reingest", ACTION_CHECKBOX_NAME: [source.pk]})
        fetch.assert_called_once()
        source.refresh_from_db()
        self.assertEqual((source.status, source.error), ("done", ""))
        self.assertEqual(source.reports.count(), 1)

    def test_it_reruns_ingest_on_stored_text_without_fetching(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                ADD, {"content": ARTICLE, "url": "https://news.example/p", "content_format": "text"}
            )
        source = Source.objects.get()
        with (
            mock.patch("ingest.pipeline.fetch_url") as fetch,
            self.captureOnCommitCallbacks(execute=True),
        ):
            self.client.post(LIST, {"action": "reingest", ACTION_CHECKBOX_NAME: [source.pk]})
        fetch.assert_not_called()
        source.refresh_from_db()
        self.assertEqual(source.status, "done")
        reasons = source.history.values_list("history_change_reason", flat=True)
        self.assertIn("Re-ingest requested by an editor", list(reasons))
