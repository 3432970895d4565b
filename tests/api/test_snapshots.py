"""?as_of=YYYY-MM-DD: the records as they stood at the end of that day, from their history."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.test import TestCase
from django.utils import timezone

from exchanges.models import Exchange, Mediator
from exchanges.snapshots import end_of_day, snapshot
from tests.factories import make_exchange, make_report, make_source

PAST = dt.date(2025, 6, 1)


def backdate(exchange: Exchange, day: dt.date) -> None:
    """Its versions so far were saved on `day` (noon UTC), as if made then."""
    when = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
    Exchange.history.filter(id=exchange.pk).update(history_date=when)


def read_csv(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(body, newline="")))


class SnapshotTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.edited = make_exchange(date=dt.date(2025, 5, 20), to_russia=84, mediators=["UAE"])
        make_report(exchange=cls.edited, source=make_source(url="https://example.org/early"))
        cls.removed = make_exchange(date=dt.date(2025, 5, 10), kind="body_repatriation")
        cls.kept = make_exchange(date=dt.date(2025, 4, 1))
        for exchange in (cls.edited, cls.removed, cls.kept):
            backdate(exchange, PAST)
        # Today: a correction, a new mediator, a deletion, a new record and a new source.
        cls.edited.to_russia = 90
        cls.edited._change_reason = "Corrected by editor: to_russia"
        cls.edited.save()
        cls.edited.mediators.add(Mediator.objects.get_or_create(name="Turkey", slug="turkey")[0])
        cls.removed_id = cls.removed.pk
        cls.removed.delete()
        cls.new = make_exchange(date=dt.date(2025, 3, 1))
        make_report(exchange=cls.edited, source=make_source(url="https://example.org/late"))

    def api(self, params) -> dict[int, dict]:
        response = self.client.get("/api/exchanges/", params)
        assert response.status_code == 200, response.content
        return {row["id"]: row for row in response.json()["results"]}

    def test_the_snapshot_differs_from_today_after_an_edit(self):
        today = self.api({})
        then = self.api({"as_of": PAST.isoformat()})
        assert today[self.edited.pk]["to_russia"] == 90
        assert then[self.edited.pk]["to_russia"] == 84
        assert [m["slug"] for m in today[self.edited.pk]["mediators"]] == ["turkey", "uae"]
        assert [m["slug"] for m in then[self.edited.pk]["mediators"]] == ["uae"]
        assert set(today) == {self.edited.pk, self.kept.pk, self.new.pk}
        assert set(then) == {self.edited.pk, self.kept.pk, self.removed_id}

    def test_the_snapshot_counts_only_the_sources_received_by_then(self):
        assert self.api({})[self.edited.pk]["source_count"] == 2
        then = self.api({"as_of": PAST.isoformat()})[self.edited.pk]
        # The reports were made today in this test, so none had arrived by then.
        assert then["source_count"] == 0 and then["source_urls"] == []
        assert self.api({"as_of": timezone.now().date().isoformat()})[self.edited.pk][
            "source_urls"
        ] == ["https://example.org/early", "https://example.org/late"]

    def test_the_filters_apply_to_the_past_values(self):
        then = {"as_of": PAST.isoformat()}
        assert set(self.api({**then, "kind": "body_repatriation"})) == {self.removed_id}
        assert set(self.api({**then, "mediator": "turkey"})) == set()
        assert set(self.api({"mediator": "turkey"})) == {self.edited.pk}
        assert list(self.api({**then, "sort": "date"})) == [
            self.kept.pk,
            self.removed_id,
            self.edited.pk,
        ]

    def test_a_day_before_anything_is_empty_and_today_is_today(self):
        assert self.api({"as_of": "2020-01-01"}) == {}
        assert set(self.api({"as_of": timezone.now().date().isoformat()})) == set(self.api({}))

    def test_the_csv_carries_the_snapshot_and_its_date_in_the_file_name(self):
        response = self.client.get("/exchanges.csv", {"as_of": PAST.isoformat()})
        assert response["Content-Disposition"] == (
            'attachment; filename="exchanges-as-of-2025-06-01.csv"'
        )
        rows = {int(r["id"]): r for r in read_csv(response)}
        assert rows[self.edited.pk]["to_russia"] == "84"
        assert rows[self.edited.pk]["mediators"] == "UAE"
        assert set(rows) == {self.edited.pk, self.kept.pk, self.removed_id}
        today = {int(r["id"]): r for r in read_csv(self.client.get("/exchanges.csv"))}
        assert today[self.edited.pk]["to_russia"] == "90"

    def test_a_bad_date_is_refused_with_a_reason(self):
        response = self.client.get("/exchanges.csv", {"as_of": "yesterday"})
        assert response.status_code == 400
        assert b"YYYY-MM-DD" in response.content

    def test_a_day_ends_at_midnight_utc(self):
        assert end_of_day(PAST) == dt.datetime(2025, 6, 2, tzinfo=dt.UTC)
        assert snapshot(PAST).filter(id=self.new.pk).count() == 0
