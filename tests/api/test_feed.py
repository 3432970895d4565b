"""/feeds/exchanges.atom read back with feedparser: a correction, a new record, a new source."""

from __future__ import annotations

import datetime as dt
import re

import feedparser
from django.contrib.auth.models import User
from django.test import TestCase

from exchanges import services
from exchanges.changes import describe_source, describe_version, who
from exchanges.models import Exchange
from tests.factories import make_exchange, make_report, make_source


def read(client, params=None):
    response = client.get("/feeds/exchanges.atom", params or {})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = User.objects.create_user("alice", is_staff=True)
        cls.old = make_exchange(date=dt.date(2024, 1, 3), to_ukraine=230, to_russia=248)
        cls.corrected = make_exchange(date=dt.date(2025, 8, 14), to_ukraine=84, to_russia=84)
        cls.bodies = make_exchange(kind="body_repatriation", date=dt.date(2025, 6, 16))
        cls.waiting = make_exchange(date=None, needs_review=True)
        # An editor corrects one figure, as admin does.
        cls.corrected.to_russia = 90
        services.exchange_lock(cls.corrected, ["to_russia"])
        cls.corrected._change_reason = "Corrected by editor: to_russia"
        cls.corrected._history_user = cls.editor
        cls.corrected.save()
        # A new source on the body repatriation, then a new record from an ingest.
        make_report(exchange=cls.bodies, source=make_source(outlet="Reuters", title="Bodies home"))
        cls.new = Exchange(date=dt.date(2025, 10, 2), date_precision="day", to_ukraine=185)
        cls.new._change_reason = "created by ingest"
        cls.new.save()

    def entries(self, params=None) -> dict[int, dict]:
        return {
            int(e.id.rstrip("/").rsplit("/", 1)[1]): e for e in read(self.client, params).entries
        }

    def test_it_has_one_entry_per_changed_record_newest_first(self):
        feed = read(self.client)
        ids = [e.id for e in feed.entries]
        assert ids[:3] == [
            f"http://testserver/exchanges/{self.new.pk}/",
            f"http://testserver/exchanges/{self.bodies.pk}/",
            f"http://testserver/exchanges/{self.corrected.pk}/",
        ]
        assert len(ids) == len(set(ids)) == 4  # the one awaiting review is left out
        assert [e.updated_parsed for e in feed.entries] == sorted(
            (e.updated_parsed for e in feed.entries), reverse=True
        )

    def test_it_says_what_an_editor_corrected(self):
        entry = self.entries()[self.corrected.pk]
        assert "to Russia: 84 → 90, corrected by an editor" in entry.title
        assert "to Russia: 84 → 90, corrected by an editor" in entry.summary
        assert entry.link == f"http://testserver/exchanges/{self.corrected.pk}/"

    def test_it_says_a_record_is_new_and_a_source_is_new(self):
        entries = self.entries()
        assert "new record, from a news report" in entries[self.new.pk].title
        assert "new source: Reuters — Bodies home" in entries[self.bodies.pk].title

    def test_it_takes_the_table_filters(self):
        assert set(self.entries({"kind": "body_repatriation"})) == {self.bodies.pk}
        assert set(self.entries({"review": "needs_review"})) == {self.waiting.pk}
        feed = read(self.client, {"kind": "body_repatriation"})
        links = {link.rel: link.href for link in feed.feed.links}
        assert links["self"] == "http://testserver/feeds/exchanges.atom?kind=body_repatriation"
        assert links["alternate"] == "http://testserver/exchanges/?kind=body_repatriation"

    def test_it_answers_304_to_a_poller_until_something_changes(self):
        first = self.client.get("/feeds/exchanges.atom")
        again = self.client.get("/feeds/exchanges.atom", HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304
        make_report(exchange=self.old)
        assert (
            self.client.get("/feeds/exchanges.atom", HTTP_IF_NONE_MATCH=first["ETag"]).status_code
            == 200
        )

    def test_pages_link_the_feed_of_their_filter(self):
        for url, feed in [
            ("/", "/feeds/exchanges.atom"),
            (
                "/exchanges/?kind=body_repatriation&sort=date",
                "/feeds/exchanges.atom?kind=body_repatriation",
            ),
            ("/?mediator=uae", "/feeds/exchanges.atom?mediator=uae"),
            ("/totals/", "/feeds/exchanges.atom"),
        ]:
            html = self.client.get(url).content.decode()
            links = re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*>', html)
            assert len(links) == 1, url
            assert f'href="{feed.replace("&", "&amp;")}"' in links[0], (url, links)

    def test_a_mediator_page_links_the_feed_of_its_mediator(self):
        make_exchange(mediators=["UAE"])
        html = self.client.get("/mediators/uae/").content.decode()
        assert 'href="/feeds/exchanges.atom?mediator=uae"' in html


def test_describe_version_lists_the_changed_figures_and_who():
    before = {
        "history_id": 1,
        "id": 7,
        "parent_id": None,
        "stage_number": None,
        "history_type": "+",
        "history_change_reason": None,
        "history_user_id": None,
        "notes": "",
        "date": dt.date(2025, 8, 14),
        "date_precision": "day",
        "end_date": None,
        "kind": "pow_exchange",
        "status": "agreed",
        "to_ukraine": 84,
        "to_russia": 84,
        "ordinal": None,
        "verified": False,
        "needs_review": True,
        "has_conflict": False,
    }
    after = {
        **before,
        "history_id": 2,
        "history_type": "~",
        "status": "completed",
        "to_russia": 90,
        "needs_review": False,
        "history_change_reason": "ingest of source #12",
    }
    text = describe_version(before, after, {1: "UAE", 2: "Turkey; UAE"})
    assert text == (
        "status: Agreed → Completed; to Russia: 84 → 90; mediators: UAE → Turkey; UAE; "
        "review resolved, from a news report"
    )
    assert describe_version(None, before, {}) == "new record"
    assert describe_version(before, {**before, "history_id": 3}, {}) is None
    stage = {**after, "parent_id": 7, "stage_number": 2, "history_user_id": 5}
    assert describe_version(None, {**stage, "history_type": "+"}, {}) == (
        "stage 2 added, corrected by an editor"
    )


def test_who_tells_editors_from_ingests():
    assert who("Corrected by editor: to_russia", None) == "corrected by an editor"
    assert who("Merged #3 into this record", None) == "corrected by an editor"
    assert who("ingest of source #4", None) == "from a news report"
    assert who(None, 3) == "corrected by an editor"
    assert who(None, None) == ""
    assert describe_source("", "", "https://example.org/a") == "new source: https://example.org/a"
