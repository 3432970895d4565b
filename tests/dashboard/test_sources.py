from django.test import TestCase

from exchanges.models import Source
from tests.factories import make_exchange, make_report, make_source


class SourceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.failed = make_source(
            status=Source.Status.FAILED, error="Fetch failed: 404", title="Gone article"
        )
        cls.done = make_source(title="Swap of 150 for 150", outlet="Kyiv Independent")
        cls.exchange = make_exchange(to_ukraine=150, to_russia=150)
        make_report(exchange=cls.exchange, source=cls.done, attributed_to="Zelensky")

    def test_it_lists_what_was_ingested_with_status_and_error(self):
        r = self.client.get("/sources/")
        self.assertContains(r, "Gone article")
        self.assertContains(r, "Fetch failed: 404")
        self.assertContains(r, "Failed: <strong>1</strong>", html=True)

    def test_it_filters_by_status(self):
        r = self.client.get("/sources/", {"status": "failed"})
        assert [row.record.pk for row in r.context["table"].page.object_list] == [self.failed.pk]

    def test_it_shows_what_was_extracted_linked_to_the_exchange(self):
        r = self.client.get(self.done.get_absolute_url())
        self.assertContains(r, "150 to Ukraine, 150 to Russia")
        self.assertContains(r, "according to Zelensky")
        self.assertContains(r, f'href="{self.exchange.get_absolute_url()}"')

    def test_it_shows_a_failed_sources_error(self):
        r = self.client.get(self.failed.get_absolute_url())
        self.assertContains(r, "Fetch failed: 404")
        self.assertContains(r, "Nothing was extracted")
