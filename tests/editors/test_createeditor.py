"""`manage.py createeditor` makes a staff user in the Editors group."""

from __future__ import annotations

import os
from io import StringIO
from unittest import mock

from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import TestCase


class CreateEditorTests(TestCase):
    def run_command(self, *args, **kwargs) -> str:
        out = StringIO()
        call_command("createeditor", *args, stdout=out, **kwargs)
        return out.getvalue()

    def test_it_creates_a_staff_user_in_editors(self):
        output = self.run_command(
            "olena", "--email", "o@example.org", "--password", "Kv8-river-lamp"
        )
        user = User.objects.get(username="olena")
        self.assertTrue(user.is_staff)
        self.assertFalse(user.is_superuser)
        self.assertEqual(user.email, "o@example.org")
        self.assertTrue(user.check_password("Kv8-river-lamp"))
        self.assertEqual([g.name for g in user.groups.all()], ["Editors"])
        self.assertIn("Created editor 'olena'", output)

    def test_it_takes_the_password_from_the_environment(self):
        with mock.patch.dict(os.environ, {"EDITOR_PASSWORD": "Kv8-river-lamp"}):
            self.run_command("olena", "--no-input")
        self.assertTrue(User.objects.get(username="olena").check_password("Kv8-river-lamp"))

    def test_it_prompts_for_the_password_twice(self):
        with mock.patch("getpass.getpass", side_effect=["Kv8-river-lamp", "Kv8-river-lamp"]):
            self.run_command("olena")
        self.assertTrue(User.objects.get(username="olena").check_password("Kv8-river-lamp"))

    def test_it_refuses_a_weak_password(self):
        with self.assertRaises(CommandError):
            self.run_command("olena", "--password", "123")
        self.assertFalse(User.objects.filter(username="olena").exists())

    def test_it_makes_an_existing_user_an_editor_without_touching_the_password(self):
        User.objects.create_user("olena", password="Kv8-river-lamp")
        self.run_command("olena", "--no-input")
        user = User.objects.get(username="olena")
        self.assertTrue(user.is_staff)
        self.assertTrue(user.groups.filter(name="Editors").exists())
        self.assertTrue(user.check_password("Kv8-river-lamp"))
