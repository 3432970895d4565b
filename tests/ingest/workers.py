"""Real processes for tests: Celery workers on the local Redis, and plain Python
processes, both working on the test database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from config.celery import app as celery_app
from tests.conftest import REDIS_URL, REPO_ROOT

# The worker may fetch from a test's own server on 127.0.0.1: the one
# test-only allowance in ingest.fetch, set inside the worker before it starts.
# `{prelude}`: more test-only code, run before the worker starts (and its pool forks).
WORKER_ALLOWING_LOOPBACK = (
    "import ipaddress, sys, django; django.setup(); import ingest.fetch as fetch; "
    "fetch.ALLOWED_TEST_NETWORKS = [ipaddress.ip_network('127.0.0.0/8')]\n{prelude}\n"
    "from celery.__main__ import main; sys.argv[0] = 'celery'; sys.exit(main())"
)


def database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{db.get('USER') or 'postgres'}@{host}:{port}/{db['NAME']}"


def process_env(**extra: str) -> dict[str, str]:
    """The environment of a child process working on the test database."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url(),
        "CONN_MAX_AGE": "0",
        **extra,
    }


def start_worker(
    queue: str,
    log_path: Path,
    *options: str,
    env: dict[str, str] | None = None,
    prelude: str = "",
) -> subprocess.Popen:
    """A Celery worker consuming `queue` (its own tasks go there too), output in `log_path`."""
    worker_env = process_env(
        CELERY_BROKER_URL=REDIS_URL,
        CELERY_TASK_ALWAYS_EAGER="false",
        CELERY_TASK_DEFAULT_QUEUE=queue,
        **(env or {}),
    )
    code = WORKER_ALLOWING_LOOPBACK.format(prelude=prelude)
    with log_path.open("a") as log:
        return subprocess.Popen(
            [sys.executable, "-c", code, "-A", "config", "worker",
             "-Q", queue, "--without-gossip", "--without-mingle", "--without-heartbeat",
             "--loglevel=warning", *(options or ("--pool=solo",))],
            cwd=REPO_ROOT,
            env=worker_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its pool children can be signalled with it
        )  # fmt: skip


def stop_worker(worker: subprocess.Popen) -> None:
    if worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()


def send(task, *args, queue: str) -> None:
    # An explicit connection: the app's own pool may already point elsewhere.
    with celery_app.connection_for_write(REDIS_URL) as connection:
        task.apply_async(args=list(args), queue=queue, connection=connection)


def wait_for(
    condition: Callable[[], bool], worker_log: Path, timeout: float = 60, interval: float = 0.2
) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(
                "the worker did not get there; its output:\n" + worker_log.read_text()[-5000:]
            )
        time.sleep(interval)


def run_python(code: str, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    """A plain Python process with Django set up on the test database, running `code`."""
    return subprocess.Popen(
        [sys.executable, "-c", "import django; django.setup()\n" + code, *args],
        cwd=REPO_ROOT,
        env=process_env(**(env or {})),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
