"""Failed admin logins are limited per username and address, and per address
(django-axes, counted in the database so every web process sees one count)."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from tests.factories import EDITOR_PASSWORD, make_editor
from tests.ingest.workers import run_python

LOGIN = reverse("admin:login")
LOCKED = "Too many failed login attempts"


def post_login(client, username, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


class LoginLimitTests(TestCase):
    def setUp(self):
        # Here, not in setUpTestData: the password must be hashed with the test hasher.
        self.editor = make_editor()

    def login(self, password, address="10.0.0.1", username="editor"):
        return post_login(self.client, username, password, address)

    def test_it_refuses_even_the_right_password_after_five_failures(self):
        for _ in range(4):
            self.assertNotContains(self.login("wrong"), LOCKED)
        self.assertContains(self.login("wrong"), LOCKED, status_code=429)
        response = self.login(EDITOR_PASSWORD)
        self.assertContains(response, LOCKED, status_code=429)
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

    def test_it_blocks_an_address_spraying_many_usernames(self):
        for n in range(20):
            self.login("wrong", username=f"user{n % 10}", address="10.0.0.9")
        # No username failed five times, but the address is locked for every one of them.
        response = self.login(EDITOR_PASSWORD, address="10.0.0.9")
        self.assertContains(response, LOCKED, status_code=429)
        self.assertEqual(self.login(EDITOR_PASSWORD, address="10.0.0.10").status_code, 302)

    def test_a_few_failures_from_a_shared_address_leave_others_there_alone(self):
        for n in range(3):
            for _ in range(4):
                self.login("wrong", username=f"colleague{n}")
        self.assertEqual(self.login(EDITOR_PASSWORD).status_code, 302)

    def test_an_administrator_unlocks_an_editor_with_axes_reset_username(self):
        for _ in range(5):
            self.login("wrong")
        self.assertEqual(self.login(EDITOR_PASSWORD).status_code, 429)
        call_command("axes_reset_username", "editor", verbosity=0)
        self.assertEqual(self.login(EDITOR_PASSWORD).status_code, 302)

    def test_the_lock_ends_when_the_cool_off_has_passed(self):
        for _ in range(5):
            self.login("wrong")
        # What 15 minutes do: the failures fall out of the window.
        AccessAttempt.objects.update(attempt_time="2000-01-01T00:00:00Z")
        self.assertEqual(self.login(EDITOR_PASSWORD).status_code, 302)


# Each process makes its failed logins through the whole Django stack.
FAIL_LOGINS = """
import sys
from django.test import Client
from django.urls import reverse
username, count = sys.argv[1], int(sys.argv[2])
client = Client()
for _ in range(count):
    response = client.post(
        reverse("admin:login"), {"username": username, "password": "wrong"},
        REMOTE_ADDR="10.0.0.1",
    )
    assert response.status_code in (200, 429), response.status_code
"""


@pytest.mark.django_db(transaction=True)
def test_separate_processes_share_one_count(client):
    make_editor()
    processes = [
        run_python(FAIL_LOGINS, "editor", "2", env={"ALLOWED_HOSTS": "testserver"})
        for _ in range(3)
    ]
    for process in processes:
        output, _ = process.communicate(timeout=60)
        assert process.returncode == 0, output
    # Six failures over three processes: the pair's limit of five holds across them.
    response = post_login(client, "editor", EDITOR_PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
