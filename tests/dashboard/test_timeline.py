import datetime as dt
import json

from django.test import TestCase

from tests.factories import make_known_dataset


class TimelineTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = make_known_dataset()

    def test_it_lists_dated_exchanges_newest_first(self):
        r = self.client.get("/")
        shown = [e.pk for e in r.context["page"].object_list]
        d = self.data
        expected = [d["agreed"], d["bodies"], d["may"], d["civilians"], d["jan"], d["september"]]
        assert shown == [e.pk for e in expected]

    def test_it_groups_by_year_and_month(self):
        r = self.client.get("/")
        years = [year for year, _ in r.context["months"]]
        assert years == [2025, 2024, 2022]
        months_2025 = [month for month, _ in r.context["months"][0][1]]
        assert months_2025 == [dt.date(2025, 7, 1), dt.date(2025, 6, 1), dt.date(2025, 5, 1)]
        self.assertContains(r, "<h3>May 2025</h3>", html=True)

    def test_it_shows_each_date_as_precisely_as_known(self):
        r = self.client.get("/")
        self.assertContains(r, "September 2022")
        self.assertContains(r, "week of 10 June 2024")
        self.assertContains(r, "23–25 May 2025")

    def test_it_shows_stages_under_their_exchange_not_as_rows(self):
        r = self.client.get("/")
        shown = {e.pk for e in r.context["page"].object_list}
        assert not shown & {s.pk for s in self.data["stages"]}
        self.assertContains(r, "Stage 2, 24 May 2025")

    def test_it_counts_and_links_the_undated_records(self):
        r = self.client.get("/")
        assert r.context["undated"] == 1
        self.assertContains(
            r,
            '<a href="/exchanges/?dated=no&amp;review=needs_review">'
            "1 undated record awaits review</a>",
        )

    def test_it_shows_figures_mediators_ordinal_and_sources(self):
        r = self.client.get("/")
        self.assertContains(r, "No. 49")
        self.assertContains(r, '<dd class="to-ukraine">6,057</dd>', html=True)
        jan = next(e for e in r.context["page"].object_list if e.pk == self.data["jan"].pk)
        assert jan.source_count == 2
        may = next(e for e in r.context["page"].object_list if e.pk == self.data["may"].pk)
        assert may.source_count == 1  # its stage's source
        self.assertContains(r, '<a href="/mediators/uae/">UAE</a>', html=True)

    def test_it_applies_the_shared_filters(self):
        r = self.client.get("/", {"kind": "body_repatriation"})
        assert [e.pk for e in r.context["page"].object_list] == [self.data["bodies"].pk]
        self.assertContains(r, 'href="/exchanges.csv?kind=body_repatriation"')

    def test_it_charts_carried_out_exchanges_only(self):
        r = self.client.get("/")
        chart = json.loads(r.context["chart"])  # the figure's JSON, as written in the page
        names = {t["name"] for t in chart["data"]}
        assert "Body repatriation: to Ukraine" in names
        to_ua = [t for t in chart["data"] if t["name"] == "Prisoner exchange: to Ukraine"]
        assert 1200 not in list(to_ua[0]["y"])  # the agreed exchange is not drawn
        self.assertContains(r, "vendor/plotly.min.js")

    def test_it_says_when_data_was_last_updated(self):
        r = self.client.get("/")
        self.assertContains(r, "Data last updated")
