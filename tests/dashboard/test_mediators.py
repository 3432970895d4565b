from django.test import TestCase

from tests.factories import make_known_dataset


class MediatorListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = make_known_dataset()

    def test_it_counts_exchanges_and_people_per_mediator(self):
        r = self.client.get("/mediators/")
        rows = {name: (n, ua, ru) for _slug, name, n, ua, ru in r.context["rows"]}
        # The multi-day exchange counts once, through its own figures.
        assert rows["UAE"] == (2, 1230, 1248)
        assert rows["Turkey"] == (1, 215, 55)
        assert rows["Saudi Arabia"] == (1, 215, 55)
        assert rows["Vatican"] == (1, 10, 0)
        assert "Qatar" not in rows

    def test_it_counts_per_mediator_per_year(self):
        r = self.client.get("/mediators/")
        assert ("uae", "UAE", 2024, 1, 478) in r.context["year_rows"]
        assert ("uae", "UAE", 2025, 1, 2000) in r.context["year_rows"]

    def test_it_links_each_mediator_and_shows_the_numbers(self):
        r = self.client.get("/mediators/")
        self.assertContains(r, '<a href="/mediators/uae/">UAE</a>', html=True)
        self.assertContains(r, 'id="mediator-table"')
        self.assertContains(r, 'id="mediator-year-chart-data"')


class MediatorDetailTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = make_known_dataset()

    def test_it_lists_the_mediators_exchanges(self):
        r = self.client.get("/mediators/uae/")
        shown = [row.record.pk for row in r.context["table"].page.object_list]
        assert shown == [self.data["may"].pk, self.data["jan"].pk]
        assert r.context["years"] == [(2024, 1, 478), (2025, 1, 2000)]

    def test_it_keeps_the_other_filters_and_puts_the_mediator_in_the_csv_link(self):
        r = self.client.get("/mediators/uae/", {"date_from": "2025-01-01"})
        shown = [row.record.pk for row in r.context["table"].page.object_list]
        assert shown == [self.data["may"].pk]
        self.assertContains(r, "/exchanges.csv?date_from=2025-01-01&amp;mediator=uae")
        assert "mediator" not in r.context["filter"].form.fields

    def test_it_is_404_for_an_unknown_mediator(self):
        assert self.client.get("/mediators/nobody/").status_code == 404
