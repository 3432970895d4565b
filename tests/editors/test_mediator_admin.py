"""Managing mediators, with aliases edited as text rather than JSON."""

from __future__ import annotations

from django.urls import reverse

from exchanges.models import Mediator
from tests.base import EditorTestCase
from tests.editors.helpers import admin_form_data


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
