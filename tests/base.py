"""The base test case for the editors' admin: named users, the editor logged in."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import TestCase

from tests.factories import EDITOR_PASSWORD, make_editor


class EditorTestCase(TestCase):
    """`editor` (staff, in the Editors group) is logged in for every test;
    `reader` is a signed-up user with no staff rights, for what editors alone may do.

    Subclasses that add data call `super().setUpTestData()` and `super().setUp()`;
    `login_as = None` leaves the client anonymous (tests of who may do what).
    """

    login_as: str | None = "editor"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.editor = make_editor("editor")
        cls.reader = User.objects.create_user("reader", password=EDITOR_PASSWORD)

    def setUp(self):
        super().setUp()
        if self.login_as:
            self.client.force_login(getattr(self, self.login_as))
