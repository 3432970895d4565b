import csv
import io

import pytest
from django.db import connection
from django.test import TestCase

from exchanges.csv_export import HEADER, neutralise, stream
from exchanges.models import Exchange, Mediator
from tests.factories import make_exchange, make_known_dataset, make_report, make_source


def read_csv(response) -> list[dict]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(body, newline="")))


class CsvTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = make_known_dataset()

    def test_it_has_the_documented_columns(self):
        r = self.client.get("/exchanges.csv")
        assert r["Content-Disposition"] == 'attachment; filename="exchanges.csv"'
        body = b"".join(r.streaming_content).decode()
        assert body.splitlines()[0].split(",") == HEADER

    def test_it_has_one_row_per_top_level_exchange(self):
        rows = read_csv(self.client.get("/exchanges.csv"))
        assert len(rows) == 6  # the seventh awaits review (test_it_leaves_out_...)
        assert {s.pk for s in self.data["stages"]}.isdisjoint({int(r["id"]) for r in rows})

    def test_it_has_exactly_the_rows_the_table_shows_for_the_same_filters(self):
        for params in [
            {"kind": "pow_exchange"},
            {"mediator": "uae", "date_from": "2025-01-01"},
            {"dated": "no"},
            {"review": "verified"},
            {"q": "ukrinform"},
            {"sort": "-to_ukraine"},
        ]:
            table = self.client.get("/exchanges/", params).context["table"]
            expected = [str(row.record.pk) for row in table.paginated_rows]
            rows = read_csv(self.client.get("/exchanges.csv", params))
            assert [r["id"] for r in rows] == expected, params

    def test_it_writes_iso_dates_joined_mediators_and_source_urls(self):
        rows = {int(r["id"]): r for r in read_csv(self.client.get("/exchanges.csv"))}
        sept = rows[self.data["september"].pk]
        assert sept["date"] == "2022-09-01"
        assert sept["date_precision"] == "month"
        assert sept["mediators"] == "Saudi Arabia; Turkey"
        may = rows[self.data["may"].pk]
        assert (may["date"], may["end_date"], may["stages"]) == ("2025-05-23", "2025-05-25", "3")
        assert may["corrected_at"] == "2025-06-02T09:30:00+00:00"
        jan = rows[self.data["jan"].pk]
        assert jan["source_count"] == "2"
        assert len(jan["source_urls"].split(" ")) == 2
        assert all(u.startswith("https://news.example.org/") for u in jan["source_urls"].split())
        assert jan["url"] == f"http://testserver/exchanges/{jan['id']}/"
        queue = read_csv(self.client.get("/exchanges.csv", {"review": "needs_review"}))
        undated = {int(r["id"]): r for r in queue}[self.data["undated"].pk]
        assert (undated["date"], undated["needs_review"]) == ("", "true")

    def test_it_leaves_out_records_awaiting_review_unless_asked_for(self):
        ids = {int(r["id"]) for r in read_csv(self.client.get("/exchanges.csv"))}
        assert self.data["undated"].pk not in ids
        queue = read_csv(self.client.get("/exchanges.csv", {"review": "needs_review"}))
        assert [int(r["id"]) for r in queue] == [self.data["undated"].pk]

    def test_it_gives_the_source_urls_of_the_stages_once_each(self):
        stage = self.data["stages"][1]
        source = make_source(url="https://example.org/a,b?x=1")
        make_report(exchange=stage, source=source)
        make_report(exchange=self.data["may"], source=source, position=5)
        rows = {int(r["id"]): r for r in read_csv(self.client.get("/exchanges.csv"))}
        urls = rows[self.data["may"].pk]["source_urls"].split(" ")
        assert urls.count("https://example.org/a,b?x=1") == 1
        assert len(urls) == 2


class CsvEscapingTests(TestCase):
    def test_it_round_trips_commas_quotes_newlines_and_cyrillic(self):
        notes = 'Обмін полоненими, "95 на 95"\nдругий рядок; semi'
        exchange = make_exchange(notes=notes)
        rows = read_csv(self.client.get("/exchanges.csv"))
        assert rows[0]["id"] == str(exchange.pk)
        assert rows[0]["notes"] == notes

    def test_it_neutralises_formula_cells(self):
        formulas = ['=HYPERLINK("http://evil")', "+1+1", "-2", "@SUM(A1)", "\tx", "\rx"]
        for text in formulas:
            make_exchange(notes=text)
        Mediator.objects.create(name="=cmd|calc", slug="cmd")
        make_exchange(mediators=["=cmd|calc"])
        rows = read_csv(self.client.get("/exchanges.csv"))
        notes = {r["notes"] for r in rows}
        assert {"'" + t for t in formulas} <= notes
        assert "'=cmd|calc" in {r["mediators"] for r in rows}

    def test_it_leaves_ordinary_cells_alone(self):
        assert neutralise("UAE; Turkey") == "UAE; Turkey"
        assert neutralise("-") == "'-"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_streams_from_a_cursor_inside_a_transaction_not_one_held_past_it(need_postgres):
    # A cursor WITH HOLD is computed whole before its first row comes back.
    for _ in range(3):
        make_exchange()
    chunks = stream(Exchange.objects.top_level(), site_url="http://testserver/", lines_per_chunk=1)
    next(chunks)  # the header
    next(chunks)  # the first row: the cursor is open now
    with connection.cursor() as cursor:
        cursor.execute("SELECT is_holdable FROM pg_cursors")
        assert [row[0] for row in cursor.fetchall()] == [False]
    assert len(list(chunks)) == 2
    assert not connection.in_atomic_block
