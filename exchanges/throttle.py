"""Throttling of failed admin logins: 5 failures per username and address in 15 minutes.

Failures are counted from Django's `user_login_failed` signal into the cache;
the admin login form refuses, before checking the password, while the count is
at the limit, so guessing stops paying off. A successful login clears the count.
The count lives in the default cache: with several web processes that cache
must be shared (CACHE_URL=redis://…), or each process counts on its own.
"""

from __future__ import annotations

import hashlib

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.dispatch import receiver

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60
BLOCKED_MESSAGE = (
    "Too many failed login attempts for this username from your address. "
    "Wait 15 minutes and try again."
)


def _key(username: str, request) -> str:
    address = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    digest = hashlib.sha256(f"{username.strip().lower()}|{address}".encode()).hexdigest()
    return f"login-failures:{digest}"


def failures(username: str, request) -> int:
    return cache.get(_key(username, request), 0)


def login_blocked(username: str, request) -> bool:
    return failures(username, request) >= MAX_FAILURES


@receiver(user_login_failed, dispatch_uid="exchanges.throttle.count_failure")
def count_failure(sender, credentials, request=None, **kwargs):
    username = credentials.get("username") or ""
    if request is None or not username:
        return
    key = _key(username, request)
    # The window starts at the first failure; add() does nothing if it is running.
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)


@receiver(user_logged_in, dispatch_uid="exchanges.throttle.clear_failures")
def clear_failures(sender, request, user, **kwargs):
    if request is not None:
        cache.delete(_key(user.get_username(), request))


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    error_messages = {**AdminAuthenticationForm.error_messages, "throttled": BLOCKED_MESSAGE}

    def clean(self):
        username = self.cleaned_data.get("username")
        if username and login_blocked(username, self.request):
            raise ValidationError(self.error_messages["throttled"], code="throttled")
        return super().clean()
