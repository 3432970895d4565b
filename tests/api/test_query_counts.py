"""Each API request runs the same few queries for a handful of rows and for 1,000."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import timezone

from exchanges.models import Exchange, Source
from tests.dashboard.test_query_counts import count_queries, fill
from tests.factories import make_exchange, make_report

TODAY = timezone.now().date().isoformat()

MAX_QUERIES = {
    # the data state (ETag), the rows with their counts, their mediators
    "/api/exchanges/": 3,
    "/api/exchanges/?page_size=10": 3,
    # + the mediator's slug looked up by the filter
    "/api/exchanges/?kind=pow_exchange&mediator=uae&q=x&sort=-to_ukraine": 4,
    "/api/exchanges/?review=needs_review&sort=stage_count&page_size=5": 3,
    f"/api/exchanges/?as_of={TODAY}": 3,
    f"/api/exchanges/?as_of={TODAY}&mediator=uae&sort=source_count": 4,
    "/exchanges.csv?as_of=2025-01-01": 1,
    "/api/mediators/": 4,
    "/api/sources/": 2,
    "/api/sources/?status=done&q=bulk": 2,
    # the data state and the checkpoints' state (the cache key); on a miss the running
    # totals, the headline, the official checks (checkpoints, ordinal) and the records
    # without figures; then the checkpoints listed
    "/api/totals/": 10,
    # the data state, the three ways a record changes (its own saves, its stages', new
    # reports), the records, their versions, those versions' mediators, their new sources
    "/feeds/exchanges.atom": 8,
    "/feeds/exchanges.atom?kind=pow_exchange&mediator=uae": 9,
}


def fill_with_history(n: int) -> None:
    """`fill(n)` with a first version of each new record in the history (bulk_create makes none)."""
    before = set(Exchange.objects.values_list("pk", flat=True))
    fill(n)
    Exchange.history.bulk_history_create(list(Exchange.objects.exclude(pk__in=before)))


def count_following(client, url: str) -> int:
    """Queries of the page after the first (a cursor in the query string)."""
    next_url = client.get(url).json()["next"]
    assert next_url, url
    return count_queries(client, next_url)


@pytest.mark.django_db
def test_it_runs_the_same_few_queries_for_few_and_1000_rows(client, settings):
    settings.API_RATE_LIMIT = "100000/minute"
    make_report(exchange=make_exchange(mediators=["UAE"]))
    make_exchange(needs_review=True)
    few = {url: count_queries(client, url) for url in MAX_QUERIES}
    fill_with_history(1000)
    many = {url: count_queries(client, url) for url in MAX_QUERIES}
    assert many == few
    for url, limit in MAX_QUERIES.items():
        assert many[url] <= limit, (url, many[url])


@pytest.mark.django_db
def test_a_deep_page_costs_what_the_first_does(client, settings):
    settings.API_RATE_LIMIT = "100000/minute"
    fill_with_history(1000)
    for url in ["/api/exchanges/?page_size=50", "/api/sources/?page_size=50"]:
        following = count_following(client, url)
        cache.clear()  # both pages counted as built, not as served from the cache
        assert following == count_queries(client, url)


@pytest.mark.django_db
def test_the_detail_runs_a_fixed_number_of_queries(client, settings, django_assert_num_queries):
    settings.API_RATE_LIMIT = "100000/minute"
    fill_with_history(1000)
    parent = Exchange.objects.filter(stages__isnull=False).first()
    for _ in range(30):
        make_report(exchange=parent)
    # the data state, the record, its mediators, its stages, its reports with sources
    with django_assert_num_queries(5):
        assert client.get(f"/api/exchanges/{parent.pk}/").status_code == 200
    assert Source.objects.count() > 1000


@pytest.mark.django_db
def test_a_poller_s_304_costs_one_query(client, settings, django_assert_num_queries):
    settings.API_RATE_LIMIT = "100000/minute"
    fill_with_history(1000)
    for url in ["/api/exchanges/?kind=pow_exchange", "/feeds/exchanges.atom", "/api/totals/"]:
        etag = client.get(url)["ETag"]
        with django_assert_num_queries(1):
            assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
