from django.test import TestCase

from exchanges.api.serializers import ExchangeRowSerializer
from exchanges.csv_export import HEADER


class AboutDataTests(TestCase):
    def test_it_documents_every_csv_column_and_api_field(self):
        response = self.client.get("/about/data/")
        assert response.status_code == 200
        html = response.content.decode()
        for name in [*HEADER, *ExchangeRowSerializer().fields]:
            assert f"<code>{name}</code>" in html, name
        for words in ["awaiting review", "once, through its stages", "agreed", "How to cite"]:
            assert words in html, words

    def test_it_is_linked_from_the_footer_of_every_page(self):
        for url in ["/", "/totals/", "/exchanges/"]:
            html = self.client.get(url).content.decode()
            assert 'href="/about/data/"' in html, url
            assert 'href="/api/docs/"' in html, url

    def test_its_citation_is_a_snapshot_of_today(self):
        html = self.client.get("/about/data/").content.decode()
        assert "/exchanges.csv?as_of=" in html
