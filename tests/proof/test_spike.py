"""The spike of issues 8 and 19: 1,000 applicants at once against gunicorn + PostgreSQL +
Redis + a real Celery worker, driven by locust (headless, loopback only, bounded in users and time).

Afterwards, in the database: no 5xx, every accepted submission stored exactly once, every
submission's notice sent exactly once, the Celery queue drained. The figures go to
test-artifacts/spike.md (benchmarks/run.py copies them into benchmarks/RESULTS.md).

The servers are separate processes, so they must see what this test writes: the test commits
(transaction=True) and points them at the test database pytest created.
"""

import csv
import json
import os
import socket
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

import environ
import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Count
from rest_framework.authtoken.models import Token

from accounts.models import User
from enrollment.demo import demo_resident_id
from enrollment.models import Application, ApplicationEvent, Notification
from tests.enrollment.factories import IntakeFactory
from vetgroup.celery import app

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
APPLICANTS = 1000
SPAWN_RATE = 200  # users started per second: all 1,000 within 5 s
RUN_TIME = "240s"  # locust stops by then whatever happens

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def server_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def spike_env(tmp_path, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the spike needs PostgreSQL (DATABASE_URL): servers must share the database")
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        pytest.skip("the spike needs Redis as the Celery broker (CELERY_BROKER_URL=redis://...)")
    url = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    app.control.purge()
    with app.connection_for_write() as conn:
        # Messages a worker killed by an earlier test left unacknowledged: not this test's.
        conn.default_channel.client.delete("unacked", "unacked_index")
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    password = f":{url['PASSWORD']}" if url.get("PASSWORD") else ""
    name = connection.settings_dict["NAME"]
    return {
        **os.environ,
        "VETGROUP_TESTING": "1",  # loopback HTTP: no TLS redirect, test-friendly hosts
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DATABASE_URL": f"postgres://{url['USER']}{password}@{url['HOST']}:"
        f"{url['PORT'] or 5432}/{name}",
        "EMAIL_URL": f"filemail:///{mail_dir}",  # four slashes: an absolute path
        "VETGROUP_DATA_DIR": str(tmp_path / "data"),
    }, mail_dir


def start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    with log.open("w") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def accounts(count: int) -> list[dict]:
    """Ready-made applicants (see the locustfile for why not sign-up), each with a token."""
    users = User.objects.bulk_create(
        User(username=f"spike{n}", email=f"spike{n}@example.com", password="!")
        for n in range(count)
    )
    tokens = Token.objects.bulk_create(Token(key=Token.generate_key(), user=u) for u in users)
    id_numbers = [demo_resident_id("441900", date(1990, 1, 1), n) for n in range(count)]
    return [{"token": t.key, "id_number": i} for t, i in zip(tokens, id_numbers, strict=True)]


def mails_to(folder: Path) -> list[str]:
    recipients = []
    for path in folder.glob("*.log"):
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("To: "):
                recipients.append(line[4:].strip())
    return recipients


def queue_is_drained() -> bool:
    with app.connection_for_write() as conn:
        client = conn.default_channel.client
        return client.llen("celery") == 0 and client.hlen("unacked") == 0


def locust_figures(prefix: Path) -> dict:
    with open(f"{prefix}_stats.csv") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    total = rows["Aggregated"]
    return {
        "failures": int(total["Failure Count"]),
        "median_ms": float(total["Median Response Time"]),
        "p95_ms": float(total["95%"]),
        "max_ms": float(total["Max Response Time"]),
    }


def test_1000_applicants_at_once_each_stored_and_notified_exactly_once(spike_env, tmp_path):
    env, mail_dir = spike_env
    intake = IntakeFactory(document_kinds=[], quota=None)
    env |= {
        "SPIKE_ACCOUNTS": json.dumps(accounts(APPLICANTS)),
        "SPIKE_INTAKE": str(intake.pk),
        "SPIKE_STATUSES": str(tmp_path / "statuses.json"),
    }
    port = free_port()
    python = sys.executable
    gunicorn = start(
        [python, "-m", "gunicorn", "vetgroup.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--worker-class", "gthread", "--threads", "8", "--backlog", "2048"],
        env, tmp_path / "gunicorn.log",
    )  # fmt: skip
    worker = start(
        [python, "-m", "celery", "-A", "vetgroup", "worker", "--pool=solo",
         "--without-heartbeat", "--without-mingle", "--without-gossip", "--loglevel=INFO"],
        env, tmp_path / "worker.log",
    )  # fmt: skip
    began = time.monotonic()
    try:
        wait_for(lambda: server_answers(port), 60, "gunicorn")
        subprocess.run(
            [python, "-m", "locust", "-f", str(Path(__file__).with_name("locustfile.py")),
             "--headless", "--users", str(APPLICANTS), "--spawn-rate", str(SPAWN_RATE),
             "--run-time", RUN_TIME, "--host", f"http://127.0.0.1:{port}",
             "--csv", str(tmp_path / "spike"), "--only-summary", "--loglevel", "WARNING",
             "--exit-code-on-error", "0"],
            cwd=ROOT, env=env, check=True, timeout=300,
        )  # fmt: skip
        submitted = Application.objects.filter(intake=intake, status=Application.Status.SUBMITTED)
        wait_for(
            lambda: (
                Notification.objects.filter(
                    event__application__intake=intake, message__status="sent"
                ).count()
                >= submitted.count()
            ),
            180,
            "the worker to send every notice",
        )
        wait_for(queue_is_drained, 30, "the Celery queue to drain")
    finally:
        stop(gunicorn)
        stop(worker)
    seconds = time.monotonic() - began

    statuses = json.loads((tmp_path / "statuses.json").read_text())
    figures = locust_figures(tmp_path / "spike")
    assert not [s for s in statuses if s.startswith("5") or s == "0"], statuses
    assert figures["failures"] == 0, statuses
    # Every applicant's submission stored exactly once, with one audit row of its submission.
    stored = Application.objects.filter(intake=intake)
    assert stored.count() == APPLICANTS
    assert submitted.count() == APPLICANTS
    assert not stored.values("applicant").annotate(n=Count("id")).filter(n__gt=1).exists()
    events = ApplicationEvent.objects.filter(application__intake=intake, action="submit")
    assert events.count() == APPLICANTS
    # Every notice created once and e-mailed once.
    notices = Notification.objects.filter(event__application__intake=intake)
    assert notices.count() == APPLICANTS
    sent_once = notices.filter(message__status="sent", message__attempts=1)
    assert sent_once.count() == APPLICANTS
    recipients = mails_to(mail_dir)
    assert sorted(recipients) == sorted(f"spike{n}@example.com" for n in range(APPLICANTS))
    assert queue_is_drained()
    write_figures(figures, statuses, stored.count(), len(recipients), seconds)


def write_figures(figures: dict, statuses: dict, stored: int, mails: int, seconds: float) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    text = "\n".join(
        [
            f"Run {datetime.now().astimezone():%Y-%m-%d %H:%M %Z} by `tests/proof/test_spike.py`: "
            f"{APPLICANTS} ready-made applicants released at once (locust, spawn rate "
            f"{SPAWN_RATE}/s, each: create + submit through the API), gunicorn 2 gthread "
            "workers × 8 threads, one Celery worker (solo pool), PostgreSQL, Redis, all on "
            "this machine.",
            "",
            "| figure | value |",
            "|---|---|",
            f"| requests | {sum(statuses.values())} |",
            f"| failures | {figures['failures']} |",
            f"| HTTP statuses | {', '.join(f'{k}: {v}' for k, v in sorted(statuses.items()))} |",
            f"| median / 95th percentile / max | {figures['median_ms']:.0f} / "
            f"{figures['p95_ms']:.0f} / {figures['max_ms']:.0f} ms |",
            f"| submissions stored (each exactly once) | {stored} |",
            f"| notifications e-mailed (each exactly once) | {mails} |",
            "| Celery queue at the end | empty |",
            f"| whole test, servers included | {seconds:.0f} s |",
        ]
    )
    (ARTIFACTS / "spike.md").write_text(text + "\n")
