"""`dev.py start` runs the web server and the worker under honcho; one Ctrl-C stops both cleanly."""

import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_dev_worker_has_no_pool_children_to_log_a_sigterm_on_ctrl_c():
    # Ctrl-C signals honcho's whole process group: prefork pool children got SIGTERM directly and
    # the worker logged "Process 'ForkPoolWorker-2' exited with 'signal 15 (SIGTERM)'" as an error.
    lines = dict(line.split(": ", 1) for line in (ROOT / "Procfile.dev").read_text().splitlines())
    worker = shlex.split(lines["worker"])
    assert any(arg in ("--pool=threads", "--pool=solo") for arg in worker)
