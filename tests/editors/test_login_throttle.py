"""Repeated failed admin logins are refused for a while."""

from __future__ import annotations

from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse

from exchanges.throttle import BLOCKED_MESSAGE
from tests.factories import EDITOR_PASSWORD, make_editor

LOGIN = reverse("admin:login")


class LoginThrottleTests(TestCase):
    def setUp(self):
        # Here, not in setUpTestData: the password must be hashed with the test hasher.
        self.editor = make_editor()
        cache.clear()
        self.addCleanup(cache.clear)

    def login(self, password, client=None, address="10.0.0.1"):
        client = client or self.client
        return client.post(LOGIN, {"username": "editor", "password": password}, REMOTE_ADDR=address)

    def test_it_refuses_even_the_right_password_after_five_failures(self):
        for _ in range(5):
            response = self.login("wrong")
            self.assertNotContains(response, BLOCKED_MESSAGE)
        response = self.login(EDITOR_PASSWORD)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Too many failed login attempts")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_it_lets_the_right_password_in_before_the_limit_and_clears_the_count(self):
        for _ in range(4):
            self.login("wrong")
        self.assertEqual(self.login(EDITOR_PASSWORD).status_code, 302)
        self.client.logout()
        for _ in range(4):
            self.login("wrong")
        self.assertEqual(self.login(EDITOR_PASSWORD).status_code, 302)

    def test_it_counts_per_address(self):
        for _ in range(5):
            self.login("wrong", address="10.0.0.1")
        self.assertEqual(self.login(EDITOR_PASSWORD, address="10.0.0.2").status_code, 302)

    def test_it_lets_the_user_in_again_once_the_window_has_passed(self):
        for _ in range(5):
            self.login("wrong")
        cache.clear()  # what the 15-minute expiry does
        self.assertEqual(self.login(EDITOR_PASSWORD).status_code, 302)
