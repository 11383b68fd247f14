"""A real worker process on the configured broker (embedded filesystem or Redis)."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from kombu import Queue

from vetgroup.celery import app

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.worker
def test_a_real_worker_process_runs_a_task_sent_through_the_broker(tmp_path, monkeypatch):
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    queue = f"test-{uuid.uuid4().hex[:10]}"
    log = tmp_path / "worker.log"
    with log.open("w") as out:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "vetgroup",
                "worker",
                "-Q",
                queue,
                "--pool=solo",
                "--without-heartbeat",
                "--without-mingle",
                "--without-gossip",
                "--loglevel=INFO",
            ],
            cwd=ROOT,
            env={**os.environ, "VETGROUP_TESTING": "1"},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        result = app.send_task("vetgroup.ping", args=["hello"], queue=Queue(queue))
        assert result.get(timeout=90, disable_sync_subtasks=False) == "hello", log.read_text()
    finally:
        worker.terminate()
        worker.wait(timeout=30)
