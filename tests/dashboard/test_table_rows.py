"""The exchange table's rows, written in one go, are what django-tables2 wrote cell by cell."""

from __future__ import annotations

import re

from django.template.loader import render_to_string
from django.test import RequestFactory, TestCase

from exchanges.models import Exchange
from tests.factories import make_exchange, make_known_dataset


def tbody(html: str) -> str:
    return re.search(r"<tbody[^>]*>(.*)</tbody>", html, re.S).group(1)


class TableRowsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_known_dataset()
        make_exchange(date=None, to_ukraine=None, ordinal=None, needs_review=True, verified=True)

    def test_it_writes_the_rows_django_tables2_wrote(self):
        for params in [{}, {"sort": "-to_ukraine"}, {"review": "needs_review"}]:
            table = self.client.get("/exchanges/", params).context["table"]
            ctx = {"table": table, "request": RequestFactory().get("/exchanges/", params)}
            ours = render_to_string(table.template_name, ctx)
            theirs = render_to_string("django_tables2/table.html", ctx)
            assert len(table.paginated_rows) > 0
            self.assertHTMLEqual(tbody(ours), tbody(theirs))

    def test_it_says_when_no_row_matches(self):
        Exchange.objects.all().delete()
        self.assertContains(self.client.get("/exchanges/"), "No exchanges match these filters.")
