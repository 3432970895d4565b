"""The CSV from one aggregated query is, byte for byte, what the per-row subqueries gave.

The reference is the way the CSV was written before: the `for_export()`
annotations (a subquery per row and column, still what the API and snapshots
use) through `csv_export.rows`.
"""

from __future__ import annotations

import datetime as dt

from django.test import TestCase
from django.utils import timezone

from exchanges import csv_export
from exchanges.filters import ExchangeFilter
from exchanges.models import Exchange, Mediator
from exchanges.tables import ExchangeTable
from tests.factories import (
    make_exchange,
    make_known_dataset,
    make_report,
    make_source,
    make_stage,
)

SITE = "http://testserver/"


def before(queryset, sort: str | None) -> str:
    """The CSV as it was written before the aggregated query."""
    values = ExchangeTable.ordered(queryset.for_export(), sort).values_list(*csv_export.FIELDS)
    return "".join(csv_export._chunks(csv_export.rows(values, site_url=SITE), 500))


def now(queryset, sort: str | None) -> str:
    return "".join(csv_export.stream(queryset, site_url=SITE, sort=sort))


class CsvUnchangedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_known_dataset()
        Mediator.objects.create(name="=cmd|calc", slug="cmd")
        Mediator.objects.create(name="Holy See, the", slug="holy-see")
        odd = make_exchange(
            date=dt.date(2024, 3, 1),
            to_ukraine=None,
            notes='Обмін полоненими, "95 на 95"\nдругий рядок; semi',
            mediators=["=cmd|calc", "Holy See, the", "UAE"],
            verified=True,
            corrected_at=timezone.make_aware(dt.datetime(2024, 3, 2, 8, 15, 59, 999999)),
        )
        stage = make_stage(odd, 1, date=dt.date(2024, 3, 1), to_ukraine=5)
        shared = make_source(url="https://example.org/a,b?x=1")
        make_report(exchange=stage, source=shared)
        make_report(exchange=odd, source=shared, position=5)
        make_report(exchange=odd, source=make_source(url="https://example.org/z"))
        make_report(exchange=odd, source=make_source(url=None, title="Pasted text"))
        for notes in ['=HYPERLINK("http://evil")', "+1", "-2", "@SUM(A1)", "\tx", "\rx", ""]:
            make_exchange(date=dt.date(2023, 5, 5), notes=notes, ordinal=7)
        make_exchange(date=None, needs_review=True, notes="undated")

    def test_it_writes_the_same_csv_in_every_order(self):
        records = Exchange.objects.top_level()
        for sort in [None, *ExchangeTable.SORTABLE, *(f"-{s}" for s in ExchangeTable.SORTABLE)]:
            assert now(records, sort) == before(records, sort), sort

    def test_it_writes_the_same_csv_for_filtered_rows(self):
        for params in [
            {},
            {"kind": "pow_exchange", "sort": "-to_ukraine"},
            {"mediator": "uae", "date_from": "2024-01-01"},
            {"review": "needs_review"},
            {"dated": "no", "review": "needs_review"},
            {"q": "evil"},
            {"q": "example.org", "sort": "source_count"},
        ]:
            rows = ExchangeFilter(params, queryset=Exchange.objects.top_level()).qs
            assert now(rows, params.get("sort")) == before(rows, params.get("sort")), params

    def test_it_still_has_the_odd_cells_it_had(self):
        text = now(Exchange.objects.top_level(), None)
        assert "'=cmd|calc; Holy See, the; UAE" in text
        assert "2024-03-02T08:15:59+00:00" in text
        assert "https://example.org/a,b?x=1 https://example.org/z" in text
        assert text.endswith("\r\n")
