"""Settings, deployment checks and the compose file."""

import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from tests.conftest import REPO_ROOT, need

PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-deploy-check-0123456789",
    "DEBUG": "false",
    "ALLOWED_HOSTS": "exchanges.example.org",
    "DATABASE_URL": "sqlite:////tmp/deploy-check.sqlite3",
}


def manage(*args, env: dict) -> subprocess.CompletedProcess:
    # Drop what the test run itself sets (pytest-env), so production defaults apply.
    ours = {
        "SECRET_KEY",
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "STATIC_MANIFEST",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    clean = {k: v for k, v in os.environ.items() if k not in ours}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_passes_the_deploy_check_with_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_it_refuses_to_start_in_production_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_starts_in_debug_without_a_secret_key():
    result = manage("check", env={"DEBUG": "true", "DATABASE_URL": "sqlite:////tmp/x.sqlite3"})
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", ["CACHE_URL", "DATABASE_URL", "CELERY_BROKER_URL"])
def test_an_empty_service_url_means_the_default(name):
    env = {"DEBUG": "true", "DATABASE_URL": "sqlite:////tmp/x.sqlite3", name: ""}
    result = manage("check", env=env)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())


def test_the_compose_file_is_valid_for_docker_compose():
    need(shutil.which("docker-compose") is not None, "needs Debian's docker-compose")
    result = subprocess.run(
        ["docker-compose", "-f", "docker-compose.yml", "config", "-q"],
        cwd=REPO_ROOT,
        env={**os.environ, "SECRET_KEY": "x"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_the_compose_file_runs_every_service_with_health_checks(compose):
    services = compose["services"]
    assert set(services) == {"web", "worker", "beat", "postgres", "redis"}
    for name in ("web", "worker", "postgres", "redis"):
        assert "healthcheck" in services[name], name
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert {"postgres-data", "redis-data"} <= set(compose["volumes"])


def test_the_commands_the_compose_file_runs_exist_in_the_project(compose):
    commands = " ".join(compose["services"][name]["command"] for name in ("web", "worker", "beat"))
    assert "gunicorn config.wsgi:application" in commands
    assert "celery -A config worker" in commands and "celery -A config beat" in commands
    assert (REPO_ROOT / "config" / "wsgi.py").is_file()
    from config.celery import app

    assert app.main == "pow_exchanges"
    assert "ingest.tasks.poll_feeds" in {e["task"] for e in app.conf.beat_schedule.values()}
    assert shutil.which("gunicorn", path=os.path.dirname(sys.executable))
    assert shutil.which("celery", path=os.path.dirname(sys.executable))
    assert (REPO_ROOT / "Dockerfile").is_file()


@pytest.mark.django_db
def test_the_health_check_answers(client):
    assert client.get("/healthz").content == b"ok"


def test_a_corpus_can_be_scored_with_no_configuration_at_all(tmp_path):
    (tmp_path / "a1.txt").write_text(
        "Ukraine and Russia swapped 84 prisoners for 84 on 14 August 2025.\n", encoding="utf-8"
    )
    (tmp_path / "cases.json").write_text(
        '[{"id": "a1", "url": null, "published": "2025-08-15", "language": "en", '
        '"expected": [{"key": "k", "date": "2025-08-14", "date_precision": "day", '
        '"kind": "pow_exchange", "status": "completed", "to_ukraine": 84, "to_russia": 84, '
        '"mediators": [], "ordinal": null}], "optional": [], "non_events": []}]',
        encoding="utf-8",
    )
    result = manage("evaluate_extraction", str(tmp_path), "--quiet", env={})
    assert result.returncode == 0, result.stderr
    assert re.search(
        r"^precision 1\.00 recall 1\.00 f1 1\.00 leaks 0 duplicates 0 wrong_merges 0$",
        result.stdout,
        re.MULTILINE,
    )
