"""Real Celery worker processes for the fault tests: start one, wait for what it does, kill it.

They need a database a second process can open (PostgreSQL: the SQLite test database lives in
memory) and a broker that survives the worker (Redis); otherwise the tests are skipped.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import environ
import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def worker_env(*, broker_url: str | None = None, **extra: str) -> dict:
    """The environment of a worker on this test's database; skips without PostgreSQL + Redis."""
    if connection.vendor != "postgresql":
        pytest.skip("a worker process cannot open the in-memory SQLite test database")
    broker_url = broker_url or settings.CELERY_BROKER_URL
    if not broker_url.startswith("redis://"):
        pytest.skip("the fault tests need Redis as the broker (set CELERY_BROKER_URL)")
    url = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    name = connection.settings_dict["NAME"]
    return {
        **os.environ,
        "VETGROUP_TESTING": "1",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_BROKER_URL": broker_url,
        "DATABASE_URL": f"postgres://{url['USER']}@{url['HOST']}:{url['PORT'] or 5432}/{name}",
        **extra,
    }


def start_worker(env: dict, log: Path, *, app: str = "vetgroup") -> subprocess.Popen:
    with log.open("a") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", app, "worker", "--pool=solo",
             "--without-heartbeat", "--without-mingle", "--without-gossip", "--loglevel=INFO"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip


def stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=30)


def wait_for(condition, seconds: float, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out; worker log:\n" + log.read_text()[-3000:])
