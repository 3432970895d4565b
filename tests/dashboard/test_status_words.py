"""What the pages say about a record's state comes from the model, not a spelled-out value."""

import datetime as dt

from django.test import TestCase

from exchanges.models import Exchange, Source
from tests.factories import make_exchange, make_source, make_stage


class StatusWordsTests(TestCase):
    def test_a_source_with_no_exchange_in_it_says_so_and_a_failed_one_does_not(self):
        irrelevant = make_source(status=Source.Status.IRRELEVANT)
        failed = make_source(status=Source.Status.FAILED, error="Fetch failed: 404")
        self.assertContains(
            self.client.get(irrelevant.get_absolute_url()), "no exchange was found in it"
        )
        self.assertNotContains(
            self.client.get(failed.get_absolute_url()), "no exchange was found in it"
        )

    def test_the_timeline_names_the_state_of_a_stage_only_when_it_is_not_completed(self):
        whole = make_exchange(
            date=dt.date(2025, 5, 23), status=Exchange.Status.IN_PROGRESS, to_ukraine=697
        )
        make_stage(whole, 1, date=dt.date(2025, 5, 23), to_ukraine=390, to_russia=390)
        make_stage(
            whole,
            2,
            date=dt.date(2025, 5, 24),
            status=Exchange.Status.IN_PROGRESS,
            to_ukraine=307,
            to_russia=307,
        )
        page = self.client.get("/").content.decode()
        assert "390 to Ukraine, 390 to Russia (" not in page
        assert "307 to Ukraine, 307 to Russia (in progress)" in page
