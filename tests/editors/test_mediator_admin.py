"""Managing mediators, with aliases edited as text rather than JSON.

The aliases in the database are the ones ingest recognises a mediator by: an
alias an editor adds names the mediator in the next article, and one removed
no longer does.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from exchanges.models import Mediator, Report
from ingest.pipeline import ingest_source, known_mediators
from ingest.sources import source_create_from_content
from tests.base import EditorTestCase
from tests.editors.helpers import admin_form_data


def mediators_named_in(text: str) -> list[str]:
    """The mediators ingest finds in an article of one exchange."""
    source, _ = source_create_from_content(content=text, published=dt.date(2025, 8, 15))
    ingest_source(source.pk)
    return Report.objects.get(source=source).mediator_names


class MediatorAdminTests(EditorTestCase):
    def test_it_adds_a_mediator_with_aliases_one_per_line_or_comma_separated(self):
        response = self.client.post(
            reverse("admin:exchanges_mediator_add"),
            {
                "name": "Norway",
                "slug": "norway",
                "kind": "state",
                "aliases": "Norwegian, Oslo\nНорвегія\n\nOslo",
            },
        )
        self.assertEqual(response.status_code, 302)
        norway = Mediator.objects.get(name="Norway")
        self.assertEqual(norway.aliases, ["Norwegian", "Oslo", "Норвегія"])

    def test_it_shows_aliases_as_lines_and_keeps_them_when_unchanged(self):
        uae = Mediator.objects.get(name="UAE")
        url = reverse("admin:exchanges_mediator_change", args=[uae.pk])
        response = self.client.get(url)
        self.assertContains(response, "United Arab Emirates\nEmirates")
        data = admin_form_data(response)
        aliases = response.context["adminform"].form.fields["aliases"]
        self.assertFalse(aliases.has_changed(uae.aliases, data["aliases"]))
        data["kind"] = "other"
        self.client.post(url, data)
        uae.refresh_from_db()
        self.assertEqual(uae.kind, "other")
        self.assertEqual(uae.aliases[:2], ["United Arab Emirates", "Emirates"])
        self.assertEqual(uae.history.first().history_user, self.editor)

    def test_it_finds_a_mediator_by_alias_for_autocomplete(self):
        response = self.client.get(
            reverse("admin:autocomplete"),
            {
                "term": "Emirates",
                "app_label": "exchanges",
                "model_name": "exchange",
                "field_name": "mediators",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual([r["text"] for r in response.json()["results"]], ["UAE"])


class MediatorAliasTests(EditorTestCase):
    def change_aliases(self, mediator: Mediator, aliases: str) -> None:
        url = reverse("admin:exchanges_mediator_change", args=[mediator.pk])
        data = admin_form_data(self.client.get(url))
        data["aliases"] = aliases
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        mediator.refresh_from_db()

    def test_the_migrations_store_every_alias_the_extractor_knew(self):
        uae = Mediator.objects.get(name="UAE")
        self.assertIn("Emirates", uae.aliases)
        self.assertIn("bin Zayed", uae.aliases)  # not in the first migration's list
        self.assertIn("Witkoff", Mediator.objects.get(name="USA").aliases)

    def test_ingest_reads_the_aliases_from_the_database_alone(self):
        uae = Mediator.objects.get(name="UAE")
        self.change_aliases(uae, "United Arab Emirates")
        (found,) = [m for m in known_mediators() if m.name == "UAE"]
        self.assertEqual(found.aliases, ("United Arab Emirates",))

    def test_an_alias_removed_in_admin_no_longer_names_the_mediator(self):
        article = (
            "On 14 August 2025 Ukraine and Russia exchanged 84 prisoners for 84, "
            "with the mediation of the Emirates."
        )
        self.assertEqual(mediators_named_in(article), ["UAE"])
        uae = Mediator.objects.get(name="UAE")
        self.change_aliases(uae, "\n".join(a for a in uae.aliases if a != "Emirates"))
        self.assertNotIn("Emirates", uae.aliases)
        self.assertEqual(mediators_named_in(article.replace("84", "85")), [])

    def test_an_alias_added_in_admin_names_the_mediator_in_the_next_article(self):
        article = (
            "On 14 August 2025 Ukraine and Russia exchanged 84 prisoners for 84, "
            "with the mediation of Oslo."
        )
        norway = Mediator.objects.create(name="Norway", slug="norway")
        self.assertEqual(mediators_named_in(article), [])
        self.change_aliases(norway, "Oslo")
        self.assertEqual(norway.aliases, ["Oslo"])
        self.assertEqual(mediators_named_in(article.replace("84", "85")), ["Norway"])
