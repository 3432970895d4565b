from django.test import TestCase

from tests.factories import make_known_dataset


class ExchangeListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = make_known_dataset()

    def shown(self, **params):
        r = self.client.get("/exchanges/", params)
        assert r.status_code == 200
        return [row.record.pk for row in r.context["table"].page.object_list]

    def pks(self, *names):
        return [self.data[name].pk for name in names]

    def test_it_lists_top_level_exchanges_newest_first(self):
        assert self.shown() == self.pks("agreed", "bodies", "may", "civilians", "jan", "september")

    def test_it_leaves_out_what_awaits_review_until_an_editor_accepts_it(self):
        undated = self.data["undated"]
        assert undated.pk not in self.shown()
        undated.needs_review = False  # what "mark reviewed" does
        undated.save()
        assert self.shown()[-1] == undated.pk  # undated last

    def test_it_sorts_by_a_column(self):
        assert self.shown(sort="-to_ukraine")[:2] == self.pks("bodies", "agreed")
        assert self.shown(sort="date") == self.pks(
            "september", "jan", "civilians", "may", "bodies", "agreed"
        )

    def test_it_filters_by_kind(self):
        assert self.shown(kind="civilian_return") == self.pks("civilians")

    def test_it_filters_by_status(self):
        assert self.shown(status="agreed") == self.pks("agreed")

    def test_it_filters_by_mediator_once_per_exchange(self):
        assert self.shown(mediator="uae") == self.pks("may", "jan")
        assert self.shown(mediator="saudi-arabia") == self.pks("september")

    def test_it_filters_by_date_range(self):
        assert self.shown(date_from="2024-01-01", date_to="2024-12-31") == self.pks(
            "civilians", "jan"
        )

    def test_it_filters_verified_and_needs_review(self):
        assert self.shown(review="verified") == self.pks("civilians")
        assert self.shown(review="needs_review") == self.pks("undated")

    def test_it_lists_the_undated_records_for_review(self):
        assert self.shown(dated="no", review="needs_review") == self.pks("undated")

    def test_it_searches_sources_mediators_and_ordinals(self):
        assert self.shown(q="ukrinform") == self.pks("jan")
        assert self.shown(q="reuters") == self.pks("may")  # a stage's source
        assert self.shown(q="vatican") == self.pks("civilians")
        assert self.shown(q="49") == self.pks("jan")

    def test_it_combines_filters(self):
        assert self.shown(kind="pow_exchange", mediator="uae", date_from="2025-01-01") == self.pks(
            "may"
        )

    def test_it_ignores_an_invalid_value_and_says_so(self):
        r = self.client.get("/exchanges/", {"date_from": "not-a-date"})
        assert r.status_code == 200
        self.assertContains(r, "Enter a valid date.")

    def test_it_shows_counts_and_the_csv_link_with_the_filters(self):
        r = self.client.get("/exchanges/", {"kind": "pow_exchange", "sort": "ordinal"})
        self.assertContains(r, 'href="/exchanges.csv?kind=pow_exchange&amp;sort=ordinal"')
        self.assertContains(r, "<code>source_urls</code>", html=True)
        table = r.context["table"]
        may = next(
            row.record for row in table.page.object_list if row.record.pk == self.data["may"].pk
        )
        assert may.stage_count == 3
