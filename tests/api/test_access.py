"""Anonymous read only, a rate per client, and 304 for a poller whose copy is current."""

from __future__ import annotations

import re

import pytest
from django.test import TestCase, override_settings

from exchanges.models import Exchange, Mediator, Source
from tests.factories import make_known_dataset

ENDPOINTS = [
    "/api/exchanges/",
    "/api/exchanges/{pk}/",
    "/api/mediators/",
    "/api/sources/",
    "/api/totals/",
    "/api/schema/",
]


class ReadOnlyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = make_known_dataset()

    def test_it_refuses_every_write_method_and_changes_nothing(self):
        before = (Exchange.objects.count(), Source.objects.count(), Mediator.objects.count())
        jan = self.data["jan"]
        for template in ENDPOINTS:
            url = template.format(pk=jan.pk)
            for method in ("post", "put", "patch", "delete"):
                response = getattr(self.client, method)(
                    url, {"to_russia": 1}, content_type="application/json"
                )
                assert response.status_code in (403, 405), (method, url, response.status_code)
        jan.refresh_from_db()
        assert jan.to_russia == 248
        after = (Exchange.objects.count(), Source.objects.count(), Mediator.objects.count())
        assert after == before

    def test_it_refuses_writes_from_a_logged_in_editor_too(self):
        from django.contrib.auth.models import User

        boss = User.objects.create_superuser("boss", "boss@example.org", "x" * 12)
        self.client.force_login(boss)
        response = self.client.delete(f"/api/exchanges/{self.data['jan'].pk}/")
        assert response.status_code in (403, 405)
        assert Exchange.objects.filter(pk=self.data["jan"].pk).exists()

    def test_it_answers_options_and_head(self):
        assert self.client.options("/api/exchanges/").status_code == 200
        assert self.client.head("/api/exchanges/").status_code == 200


class RateLimitTests(TestCase):
    @override_settings(API_RATE_LIMIT="3/minute")
    def test_it_limits_requests_per_client_address(self):
        for _ in range(3):
            assert self.client.get("/api/totals/", REMOTE_ADDR="192.0.2.1").status_code == 200
        refused = self.client.get("/api/totals/", REMOTE_ADDR="192.0.2.1")
        assert refused.status_code == 429
        assert int(refused["Retry-After"]) > 0
        # Another client still has its own budget.
        assert self.client.get("/api/totals/", REMOTE_ADDR="192.0.2.2").status_code == 200


class ConditionalGetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = make_known_dataset()

    def test_it_answers_304_until_the_data_changes(self):
        for url in ["/api/exchanges/?kind=pow_exchange", "/api/totals/", "/api/mediators/"]:
            first = self.client.get(url)
            assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
            again = self.client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
            assert again.status_code == 304, url
            since = self.client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
            assert since.status_code == 304, url

        url = "/api/exchanges/?kind=pow_exchange"
        etag = self.client.get(url)["ETag"]
        jan = self.data["jan"]
        jan.to_russia = 250
        jan.save()
        changed = self.client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert changed.status_code == 200
        assert changed["ETag"] != etag

    def test_a_new_source_changes_the_etag(self):
        url = "/api/sources/"
        etag = self.client.get(url)["ETag"]
        Source.objects.create(url="https://example.org/new", title="New")
        assert self.client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200

    def test_a_deletion_changes_the_etag(self):
        url = "/api/exchanges/"
        etag = self.client.get(url)["ETag"]
        Exchange.objects.filter(pk=self.data["bodies"].pk).get().delete()
        assert self.client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200

    def test_each_query_string_has_its_own_etag(self):
        a = self.client.get("/api/exchanges/?kind=pow_exchange")["ETag"]
        b = self.client.get("/api/exchanges/?kind=body_repatriation")["ETag"]
        assert a != b


@pytest.mark.django_db
def test_the_docs_page_and_schema_are_served_from_our_own_static_files(client):
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    addresses = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert addresses and all(a.startswith("/static/") for a in addresses), addresses
    schema = client.get("/api/schema/", {"format": "json"})
    assert schema.status_code == 200
    assert schema.json()["openapi"].startswith("3.")
