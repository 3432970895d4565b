"""Public pages only read: they answer GET and HEAD, and refuse every other method."""

from __future__ import annotations

import pytest
from django.urls import reverse

from exchanges.models import Mediator
from tests.factories import make_exchange, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls():
    exchange = make_exchange(mediators=["UAE"])
    source = make_source()
    mediator = Mediator.objects.get(name="UAE")
    return [
        reverse("timeline"),
        reverse("totals"),
        reverse("exchange_list"),
        reverse("exchanges_csv"),
        reverse("exchange_detail", args=[exchange.pk]),
        reverse("mediator_list"),
        reverse("mediator_detail", args=[mediator.slug]),
        reverse("source_list"),
        reverse("source_detail", args=[source.pk]),
        reverse("healthz"),
    ]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_public_pages_refuse_methods_that_write(client, urls, method):
    for url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 405, url
        assert set(response["Allow"].split(", ")) == {"GET", "HEAD"}


def test_public_pages_answer_get_and_head(client, urls):
    for url in urls:
        assert client.get(url).status_code == 200, url
        assert client.head(url).status_code == 200, url
