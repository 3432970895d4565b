from django.test import TestCase

from tests.factories import make_known_dataset


class ExchangeDetailTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = make_known_dataset()

    def test_it_shows_every_field(self):
        r = self.client.get(self.data["jan"].get_absolute_url())
        for text in ["3 January 2024", "Prisoner exchange", "Completed", "230", "248", "No. 49"]:
            self.assertContains(r, text)
        self.assertContains(r, '<a href="/mediators/uae/">UAE</a>', html=True)

    def test_it_says_whether_an_editor_has_verified_it(self):
        r = self.client.get(self.data["jan"].get_absolute_url())
        self.assertContains(r, "<dt>Verified</dt><dd>not yet</dd>", html=True)
        self.data["jan"].verified = True
        self.data["jan"].save()
        r = self.client.get(self.data["jan"].get_absolute_url())
        self.assertContains(r, "<dt>Verified</dt><dd>yes, by an editor</dd>", html=True)

    def test_it_shows_each_source_with_the_sentence_behind_each_figure(self):
        r = self.client.get(self.data["jan"].get_absolute_url())
        self.assertContains(r, "Ukrinform")
        self.assertContains(r, "<q>230 Ukrainian defenders returned home.</q>", html=True)
        self.assertContains(r, "<strong>To Ukraine: 230</strong>", html=True)
        self.assertContains(r, "original article")

    def test_it_shows_where_sources_disagree(self):
        r = self.client.get(self.data["jan"].get_absolute_url())
        self.assertContains(r, "Where sources disagree")
        self.assertContains(
            r,
            '<td class="num">225</td><td class="num">248</td><td>Russian Ministry of Defence</td>',
            html=True,
        )

    def test_it_shows_no_disagreement_when_there_is_none(self):
        r = self.client.get(self.data["bodies"].get_absolute_url())
        self.assertNotContains(r, "Where sources disagree")

    def test_it_shows_stages_and_their_sources(self):
        r = self.client.get(self.data["may"].get_absolute_url())
        assert [s.pk for s in r.context["stages"]] == [s.pk for s in self.data["stages"]]
        self.assertContains(r, "23–25 May 2025")
        self.assertContains(r, "Reuters")

    def test_it_says_when_an_editor_corrected_it(self):
        r = self.client.get(self.data["may"].get_absolute_url())
        self.assertContains(r, "Corrected by an editor on")
        self.assertContains(r, "2 June 2025")
        r = self.client.get(self.data["jan"].get_absolute_url())
        self.assertNotContains(r, "Corrected by an editor")

    def test_it_links_a_stage_to_its_exchange(self):
        r = self.client.get(self.data["stages"][1].get_absolute_url())
        self.assertContains(r, f'href="{self.data["may"].get_absolute_url()}"')

    def test_it_is_404_for_an_unknown_exchange(self):
        assert self.client.get("/exchanges/999999/").status_code == 404
