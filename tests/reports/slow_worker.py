"""The Celery app of a worker that a test kills half-way through a report.

Each progress step of a report pauses (REPORT_STEP_PAUSE seconds) so there is time to kill the
worker mid-job. Only this test module slows anything down; production code never sleeps.
"""

import os
import time

from celery.signals import task_prerun

from vetgroup.celery import app

__all__ = ["app"]


@task_prerun.connect
def _slow_down_report_steps(**kwargs) -> None:
    from reports import services

    if getattr(services._progress, "slowed", False):
        return

    pause = float(os.environ.get("REPORT_STEP_PAUSE", "1"))
    progress = services._progress

    def slow_progress(job_id: int, attempt: int, value: int) -> None:
        progress(job_id, attempt, value)
        time.sleep(pause)

    slow_progress.slowed = True
    services._progress = slow_progress
