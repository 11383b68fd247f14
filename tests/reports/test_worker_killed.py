"""A real worker killed (SIGKILL) in the middle of a report job: the next worker finishes it."""

import signal
import time
from datetime import timedelta

import pytest

from reports.models import AnnualReportJob
from reports.services import annual_report_requeue_stuck, annual_report_start
from tests.worker_process import start_worker, stop, wait_for, worker_env
from vetgroup.celery import app

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

SLOW_APP = "tests.reports.slow_worker"


@pytest.fixture
def env(media_root, monkeypatch):
    environment = worker_env(MEDIA_ROOT=str(media_root), REPORT_STEP_PAUSE="1.5")
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    app.control.purge()
    return environment


def job_state(pk: int) -> AnnualReportJob:
    return AnnualReportJob.objects.get(pk=pk)


def test_a_report_whose_worker_was_killed_mid_job_is_finished_by_the_restarted_worker(
    env, staff, tmp_path, media_root
):
    log = tmp_path / "worker.log"
    job, created = annual_report_start(year=2021, user=staff)  # sent to Redis on commit
    assert created
    first = start_worker(env, log, app=SLOW_APP)
    try:
        wait_for(lambda: job_state(job.pk).progress >= 20, 120, log)
        first.send_signal(signal.SIGKILL)  # no warm shutdown: the job is left half-done
        first.wait(timeout=30)
    finally:
        stop(first)
    killed = job_state(job.pk)
    assert killed.status == AnnualReportJob.Status.RUNNING
    assert killed.progress < 100

    second = start_worker(env, log, app=SLOW_APP)
    try:
        time.sleep(1.5)  # let the dead worker's heartbeat grow older than the test's timeout
        # What beat does every minute, with a heartbeat timeout short enough for a test.
        assert annual_report_requeue_stuck(timeout=timedelta(seconds=1)) == [job.pk]
        wait_for(lambda: job_state(job.pk).status not in AnnualReportJob.ACTIVE, 180, log)
    finally:
        stop(second)

    finished = job_state(job.pk)
    assert finished.status == AnnualReportJob.Status.DONE, finished.error
    assert finished.attempt == 2
    for fmt in ("xlsx", "docx", "pdf", "zip"):
        field = getattr(finished, fmt)
        assert field and field.storage.exists(field.name), fmt
    assert AnnualReportJob.objects.filter(year=2021).count() == 1
    # The killed attempt's half-written files are gone; the four kept are the finished ones.
    folder = (media_root / finished.xlsx.name).parent
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        (media_root / getattr(finished, fmt).name).name for fmt in ("xlsx", "docx", "pdf", "zip")
    )
