"""The data version moves with every write the pages show, and a write shows on the next request."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse

from exchanges.models import Checkpoint, Exchange, Mediator
from exchanges.versions import data_changed, version_key
from ingest.pipeline import ingest_source
from ingest.sources import source_create_from_content
from tests.base import EditorTestCase
from tests.editors.helpers import admin_form_data
from tests.factories import make_exchange, make_report, make_source

STORY = (
    "<html><body><article><p>On 14 August 2025 Ukraine and Russia exchanged 84 prisoners"
    " for 84, with the mediation of the United Arab Emirates.</p></article></body></html>"
)


class VersionTests(TestCase):
    def assert_moves(self, write) -> None:
        before = version_key()
        write()
        assert version_key() != before, write

    def test_it_moves_on_every_write_the_pages_show(self):
        exchange = make_exchange(mediators=["UAE"])
        report = make_report(exchange)
        turkey = Mediator.objects.get(slug="turkey")
        self.assert_moves(lambda: make_exchange())
        self.assert_moves(lambda: Exchange.objects.get(pk=exchange.pk).save())
        self.assert_moves(lambda: report.save())
        self.assert_moves(lambda: make_source())
        self.assert_moves(lambda: turkey.save())
        self.assert_moves(
            lambda: Checkpoint.objects.create(
                date=dt.date(2025, 1, 1), measure="exchanges", value=60
            )
        )
        self.assert_moves(lambda: exchange.mediators.add(turkey))
        self.assert_moves(lambda: exchange.mediators.remove(turkey))
        self.assert_moves(lambda: turkey.exchanges.add(exchange))
        self.assert_moves(lambda: exchange.mediators.clear())
        self.assert_moves(lambda: report.delete())
        self.assert_moves(lambda: exchange.delete())

    def test_it_stays_while_nothing_is_written(self):
        make_exchange()
        before = version_key()
        self.client.get("/")
        self.client.get("/mediators/")
        assert version_key() == before

    def test_a_bulk_write_says_so_itself(self):
        before = version_key()
        Exchange.objects.bulk_create([Exchange(date=dt.date(2025, 1, 1), date_precision="day")])
        assert version_key() == before  # bulk_create sends no signal...
        data_changed()  # ...so a bulk load calls this, as bench/pages.py does
        assert version_key() != before


class NextRequestTests(TestCase):
    def test_a_new_exchange_shows_on_every_cached_page(self):
        cache.clear()
        make_exchange(date=dt.date(2024, 1, 3), to_ukraine=230, mediators=["UAE"])
        for url in ("/", "/totals/", "/mediators/", "/exchanges/", "/sources/"):
            self.client.get(url)  # cached now
        make_exchange(date=dt.date(2025, 2, 5), to_ukraine=150, mediators=["UAE"])
        make_exchange(date=None, needs_review=True)
        make_source(status="failed")
        timeline = self.client.get("/")
        self.assertContains(timeline, "1 undated record awaits")
        assert "2025-02-05" in timeline.context["chart"]
        assert timeline.context["page"].paginator.count == 2
        self.assertContains(self.client.get("/totals/"), "380")
        mediators = self.client.get("/mediators/").context["rows"]
        assert mediators == [("uae", "UAE", 2, 380, 200)]
        assert self.client.get("/exchanges/").context["table"].paginator.count == 2
        statuses = dict(self.client.get("/sources/").context["status_counts"])
        assert statuses["Failed"] == 1

    def test_a_deletion_shows_on_the_next_request(self):
        gone = make_exchange(date=dt.date(2024, 1, 3), mediators=["UAE"])
        make_exchange(date=dt.date(2025, 2, 5), mediators=["UAE"])
        assert self.client.get("/mediators/").context["rows"][0][2] == 2
        gone.delete()
        assert self.client.get("/mediators/").context["rows"][0][2] == 1
        assert self.client.get("/").context["page"].paginator.count == 1

    def test_an_edit_shows_on_the_record_s_own_pages(self):
        exchange = make_exchange(date=dt.date(2024, 1, 3), to_ukraine=230)
        report = make_report(exchange)
        urls = [
            exchange.get_absolute_url(),
            report.source.get_absolute_url(),
            f"/api/exchanges/{exchange.pk}/",
            "/api/exchanges/",
            "/api/totals/",
            "/feeds/exchanges.atom",
        ]

        def shows_new_figure(url: str) -> bool:
            text = self.client.get(url).content.decode()
            return "4321" in text or "4,321" in text

        assert not any(shows_new_figure(url) for url in urls)
        exchange.to_ukraine = 4321
        exchange.save()
        assert [url for url in urls if not shows_new_figure(url)] == []


class EditorSaveTests(EditorTestCase):
    def test_an_editor_s_correction_in_admin_shows_on_the_next_request(self):
        exchange = make_exchange(date=dt.date(2025, 8, 14), to_ukraine=84, mediators=["UAE"])
        make_report(exchange)
        assert self.client.get("/mediators/").context["rows"] == [("uae", "UAE", 1, 84, 100)]
        before = version_key()
        url = reverse("admin:exchanges_exchange_change", args=[exchange.pk])
        data = admin_form_data(self.client.get(url))
        data["to_ukraine"] = "85"
        assert self.client.post(url, data).status_code == 302
        assert version_key() != before
        assert self.client.get("/mediators/").context["rows"] == [("uae", "UAE", 1, 85, 100)]
        self.assertContains(self.client.get("/totals/"), "85")


class IngestTests(TestCase):
    def test_an_ingested_article_shows_on_the_next_request(self):
        assert self.client.get("/").context["page"].paginator.count == 0
        before = version_key()
        source, _ = source_create_from_content(content=STORY, published=dt.date(2025, 8, 15))
        ingest_source(source.pk)
        assert version_key() != before
        timeline = self.client.get("/")
        assert timeline.context["page"].paginator.count == 1
        self.assertContains(timeline, "14 August 2025")
        assert self.client.get("/mediators/").context["rows"] == [("uae", "UAE", 1, 84, 84)]
