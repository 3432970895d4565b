"""Shared fixtures, and the rule for tests that need a real service.

Tests that need PostgreSQL, Redis or Chromium run when the service is
reachable and are skipped, with the reason, when it is not. With
REQUIRE_SERVICES=1 (set by .ci/run) such a skip is a failure instead.
"""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest
from django.conf import settings

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"
SEEDS_DIR = SHARED_DIR / "corpus" / "seeds"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def services_required() -> bool:
    return os.environ.get("REQUIRE_SERVICES", "") not in {"", "0", "false", "no"}


def need(condition: bool, reason: str) -> None:
    """Skip the calling test unless `condition`; fail instead under REQUIRE_SERVICES."""
    if condition:
        return
    if services_required():
        pytest.fail(f"{reason} (REQUIRE_SERVICES is set, so this is a failure, not a skip)")
    pytest.skip(reason)


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def using_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


@pytest.fixture
def need_postgres():
    """For the few tests of PostgreSQL-only behaviour; `make test` runs the suite on both."""
    if using_postgres():
        return
    if port_open("127.0.0.1", 5432):
        pytest.skip("PostgreSQL-only; runs in the PostgreSQL pass of `make test`")
    need(False, "needs PostgreSQL on 127.0.0.1:5432")


@pytest.fixture
def need_redis():
    need(port_open("127.0.0.1", 6379), "needs Redis on 127.0.0.1:6379")
    return REDIS_URL


@pytest.fixture
def need_chromium():
    need(Path(CHROMIUM).exists() or bool(shutil.which("chromium")), f"needs Chromium at {CHROMIUM}")
    return CHROMIUM


@pytest.fixture
def seeds_dir():
    need(SEEDS_DIR.is_dir(), f"needs the shared seed corpus at {SEEDS_DIR}")
    return SEEDS_DIR


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with nothing cached: pages cache what they render per data
    version, and a test class's data keeps one version across its tests."""
    from django.core.cache import cache

    cache.clear()
