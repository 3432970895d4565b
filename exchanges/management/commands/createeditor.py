"""python manage.py createeditor USERNAME [--email E] [--password P | env EDITOR_PASSWORD | prompt]

Creates a staff user in the "Editors" group (see migration 0004). Run again for
an existing user, it makes sure they are staff and an editor, and sets the
password only when one is given. The password is checked by the site's
password validators.
"""

from __future__ import annotations

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

EDITORS = "Editors"
PASSWORD_ENV = "EDITOR_PASSWORD"  # noqa: S105 - the name of a variable, not a password


class Command(BaseCommand):
    help = "Create a staff user who can edit the records (member of the Editors group)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password",
            help=f"The password; prefer ${PASSWORD_ENV} or the prompt (shell history keeps this).",
        )
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Never prompt; without a password the user cannot log in until one is set.",
        )

    def handle(self, username, email="", password=None, interactive=True, **options):
        try:
            group = Group.objects.get(name=EDITORS)
        except Group.DoesNotExist:
            raise CommandError(f'No "{EDITORS}" group: run `manage.py migrate` first.') from None
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        password = password or os.environ.get(PASSWORD_ENV) or None
        if password is None and user is None and interactive:
            password = self._prompt()
        candidate = user or User(username=username, email=email)
        if password is not None:
            try:
                validate_password(password, candidate)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from None

        with transaction.atomic():
            created = user is None
            user = candidate
            user.is_staff = True
            if email:
                user.email = email
            if password is not None:
                user.set_password(password)
            elif created:
                user.set_unusable_password()
            user.save()
            user.groups.add(group)
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} editor {username!r} (staff, in {EDITORS}).")

    def _prompt(self) -> str:
        for _ in range(3):
            first = getpass.getpass("Password: ")
            if first and first == getpass.getpass("Password (again): "):
                return first
            self.stderr.write("The passwords were empty or did not match.")
        raise CommandError("No password given.")
