"""Roles: what the Editors group may do, and that nobody else writes anything."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from exchanges.models import Exchange, Source
from tests.base import EditorTestCase
from tests.factories import make_exchange, make_report, make_source


class PermissionTests(EditorTestCase):
    login_as = None

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.exchange = make_exchange()
        make_report(cls.exchange)
        cls.source = make_source()

    def test_the_editors_group_holds_exactly_the_editing_permissions(self):
        codenames = set(
            Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)
        )
        self.assertIn("change_exchange", codenames)
        self.assertIn("add_source", codenames)
        self.assertIn("view_historicalexchange", codenames)
        self.assertNotIn("delete_source", codenames)
        self.assertNotIn("delete_report", codenames)
        self.assertFalse({c for c in codenames if c.endswith(("_user", "_group", "_permission"))})

    def test_an_editor_cannot_reach_user_or_group_admin(self):
        self.client.force_login(self.editor)
        for name in ("auth_user_changelist", "auth_group_changelist", "auth_user_add"):
            self.assertEqual(self.client.get(reverse(f"admin:{name}")).status_code, 403)

    def test_an_editor_cannot_delete_a_source_or_an_exchange_backed_by_reports(self):
        self.client.force_login(self.editor)
        url = reverse("admin:exchanges_source_delete", args=[self.source.pk])
        self.assertEqual(self.client.post(url, {"post": "yes"}).status_code, 403)
        url = reverse("admin:exchanges_exchange_delete", args=[self.exchange.pk])
        self.assertEqual(self.client.post(url, {"post": "yes"}).status_code, 403)
        self.assertTrue(Source.objects.filter(pk=self.source.pk).exists())
        self.assertTrue(Exchange.objects.filter(pk=self.exchange.pk).exists())

    def test_anonymous_visitors_read_public_pages(self):
        for url in ("/", self.exchange.get_absolute_url(), self.source.get_absolute_url()):
            self.assertEqual(self.client.get(url).status_code, 200, url)

    def test_anonymous_visitors_cannot_post_changes(self):
        url = reverse("admin:exchanges_exchange_change", args=[self.exchange.pk])
        response = self.client.post(url, {"to_ukraine": "1"})
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("admin:login"), response["Location"])
        self.assertEqual(Exchange.objects.get(pk=self.exchange.pk).to_ukraine, 100)
        before = Source.objects.count()
        response = self.client.post(
            reverse("admin:exchanges_source_add"), {"content": "Ukraine and Russia exchanged 5."}
        )
        self.assertIn(reverse("admin:login"), response["Location"])
        self.assertEqual(Source.objects.count(), before)

    def test_an_editor_post_without_a_csrf_token_is_refused(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.editor)
        url = reverse("admin:exchanges_exchange_change", args=[self.exchange.pk])
        self.assertEqual(client.post(url, {"to_ukraine": "1"}).status_code, 403)
        self.assertEqual(Exchange.objects.get(pk=self.exchange.pk).to_ukraine, 100)

    def test_a_logged_in_user_outside_editors_cannot_edit(self):
        from django.contrib.auth.models import User

        staff = User.objects.create_user("staff", is_staff=True)
        self.client.force_login(staff)
        url = reverse("admin:exchanges_exchange_change", args=[self.exchange.pk])
        self.assertEqual(self.client.get(url).status_code, 403)
