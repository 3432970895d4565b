import datetime as dt
import json

import pytest
from django.test import TestCase

from exchanges.models import Exchange
from tests.factories import make_exchange, make_known_dataset, make_stage


class TotalsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = make_known_dataset()

    def test_it_shows_the_headline_figures(self):
        r = self.client.get("/totals/")
        self.assertContains(
            r,
            '<strong class="figure" id="people-to-ukraine">1,455</strong> people returned to '
            "Ukraine in 4 exchanges since September 2022",
        )
        self.assertContains(r, '<strong class="figure" id="people-to-russia">1,303</strong>')
        self.assertContains(r, '<strong class="figure" id="bodies-to-ukraine">6,057</strong>')
        self.assertContains(r, '<strong class="figure" id="bodies-to-russia">78</strong>')

    def test_it_counts_a_multi_day_exchange_once(self):
        rows = Exchange.objects.cumulative_totals()
        by_date = {row[0]: row[1:] for row in rows}
        # The parent (1,000 each way) is counted through its three stages only.
        assert by_date[dt.date(2025, 5, 23)][0] == 230 + 10 + 215 + 390
        assert by_date[dt.date(2025, 5, 25)][0] == 230 + 10 + 215 + 1000

    def test_it_leaves_out_agreed_and_undated_exchanges(self):
        last = Exchange.objects.cumulative_totals()[-1]
        assert last == (dt.date(2025, 6, 16), 1455, 1303, 6057, 78)

    def test_it_gives_one_running_total_per_date(self):
        make_exchange(date=dt.date(2024, 1, 3), to_ukraine=5, to_russia=5)
        rows = Exchange.objects.cumulative_totals()
        assert [r[0] for r in rows] == sorted({r[0] for r in rows})
        assert dict((r[0], r[1]) for r in rows)[dt.date(2024, 1, 3)] == 215 + 230 + 5

    def test_it_leaves_out_an_agreed_stage(self):
        parent = make_exchange(date=dt.date(2026, 1, 10), status="in_progress")
        make_stage(parent, 1, date=dt.date(2026, 1, 10), to_ukraine=50, to_russia=50)
        make_stage(
            parent, 2, date=dt.date(2026, 1, 12), status="agreed", to_ukraine=60, to_russia=60
        )
        assert Exchange.objects.cumulative_totals()[-1][1] == 1455 + 50

    def test_it_puts_every_running_total_in_a_table(self):
        r = self.client.get("/totals/")
        self.assertContains(
            r,
            "<tr><td>2025-06-16</td><td class='num'>1455</td><td class='num'>1303</td>"
            "<td class='num'>6057</td><td class='num'>78</td></tr>",
            html=True,
        )
        assert len(json.loads(r.context["chart"])["data"]) == 4


class EmptyTotalsTests(TestCase):
    def test_it_says_there_is_nothing_yet(self):
        r = self.client.get("/totals/")
        self.assertContains(r, "No exchanges carried out are recorded yet.")


@pytest.mark.django_db
def test_the_totals_page_shows_new_figures_as_soon_as_the_data_changes(client):
    make_known_dataset()

    def people_to_ukraine():
        html = client.get("/totals/").content.decode()
        return html.split('id="people-to-ukraine">', 1)[1].split("<", 1)[0]

    assert people_to_ukraine() == "1,455"
    added = make_exchange(date=dt.date(2025, 7, 1), to_ukraine=45, to_russia=45)
    assert people_to_ukraine() == "1,500"
    added.to_ukraine = 50
    added.save()
    assert people_to_ukraine() == "1,505"
    added.delete()
    assert people_to_ukraine() == "1,455"
