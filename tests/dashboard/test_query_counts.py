"""Each page runs a fixed number of queries, however many rows there are."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exchanges.mediator_figures import mediator_years_rebuild
from exchanges.models import Exchange, Mediator, Report, Source
from exchanges.versions import data_changed
from tests.factories import make_exchange, make_report

MAX_QUERIES = {
    "/": 8,
    "/?kind=pow_exchange&mediator=uae&q=x&page=2": 9,
    "/totals/": 8,
    "/mediators/": 3,
    "/mediators/uae/": 7,
    "/exchanges/": 6,
    "/exchanges/?mediator=uae&review=needs_review&sort=-to_ukraine": 7,
    "/exchanges.csv": 1,
    "/exchanges.csv?mediator=uae&date_from=2020-01-01": 2,
    "/sources/": 5,
}


def fill(n: int) -> None:
    """n top-level exchanges, a third with two stages; each with two mediators and two reports."""
    mediators = list(Mediator.objects.all()[:3])
    start = dt.date(2022, 3, 1)
    parents = Exchange.objects.bulk_create(
        Exchange(
            date=start + dt.timedelta(days=i * 3),
            date_precision="day",
            to_ukraine=i,
            to_russia=i,
            needs_review=i % 7 == 0,
            verified=i % 5 == 0,
        )
        for i in range(n)
    )
    stages = Exchange.objects.bulk_create(
        Exchange(parent=p, stage_number=k, date=p.date, date_precision="day", to_ukraine=1)
        for p in parents[::3]
        for k in (1, 2)
    )
    through = Exchange.mediators.through
    through.objects.bulk_create(
        through(exchange=p, mediator=m)
        for i, p in enumerate(parents)
        for m in mediators[i % 2 :][:2]
    )
    sources = Source.objects.bulk_create(
        Source(url=f"https://bulk.example.org/{i}", outlet="Bulk", status="done") for i in range(n)
    )
    Report.objects.bulk_create(
        Report(source=s, exchange=e, position=k, kind="pow_exchange", status="completed")
        for i, s in enumerate(sources)
        for k, e in enumerate([parents[i], (stages + parents)[i % len(stages + parents)]])
    )
    # bulk_create sends no signals: a bulk load says itself that the data changed.
    mediator_years_rebuild()
    data_changed()


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200, url
        if response.streaming:
            b"".join(response.streaming_content)
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_it_runs_the_same_few_queries_for_few_and_many_rows(client):
    make_report(exchange=make_exchange(mediators=["UAE"]))
    few = {url: count_queries(client, url) for url in MAX_QUERIES}
    fill(250)
    many = {url: count_queries(client, url) for url in MAX_QUERIES}
    assert many == few
    for url, limit in MAX_QUERIES.items():
        assert many[url] <= limit, (url, many[url])


@pytest.mark.django_db
@pytest.mark.parametrize("url", list(MAX_QUERIES))
def test_it_keeps_each_page_within_its_query_budget(client, django_assert_max_num_queries, url):
    fill(120)
    with django_assert_max_num_queries(MAX_QUERIES[url]):
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)


@pytest.mark.django_db
def test_it_keeps_the_detail_pages_within_their_query_budget(client, django_assert_max_num_queries):
    fill(60)
    parent = Exchange.objects.filter(stages__isnull=False).first()
    source = Source.objects.first()
    with django_assert_max_num_queries(5):
        assert client.get(parent.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(source.get_absolute_url()).status_code == 200
