"""The annual report job: one active job per year, claimed once, recorded when it fails,
handed back when its worker dies; its files are kept per version."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from partnerships.models import Project
from reports.models import AnnualReportJob, ReportDraft, report_file_path
from reports.services import (
    MAX_ATTEMPTS,
    ReportError,
    annual_report_claim,
    annual_report_requeue_stuck,
    annual_report_retry,
    annual_report_run,
    annual_report_start,
)
from reports.tasks import generate_annual_report
from tests.factories import MemberFactory

from .factories import ProjectFactory

pytestmark = pytest.mark.django_db
Job = AnnualReportJob
S = Job.Status


def read(field) -> bytes:
    with field.open("rb") as file:
        return file.read()


@pytest.fixture
def data_2021(db):
    for _ in range(3):
        MemberFactory(joined_on=date(2019, 1, 1))
    ProjectFactory(
        title="端品模具研发及工程中心",
        kind=Project.Kind.TRAINING_CENTRE,
        signed_on=date(2021, 3, 10),
        investment_cny=Decimal("30000000"),
    )
    ProjectFactory(title="端品模具设计191班", signed_on=date(2021, 3, 10), students=25)
    ReportDraft.objects.create(
        year=2021,
        problems="集团是不具单位法人资格的松散组织。",
        next_year_plan="继续做好示范性职教集团的创建和运行工作，现有成员 {members_total} 家。",
    )


def test_starting_twice_returns_the_same_active_job(staff):
    first, created = annual_report_start(year=2021, user=staff)
    second, created_again = annual_report_start(year=2021, user=staff)
    assert created and not created_again
    assert first.pk == second.pk
    assert Job.objects.count() == 1


def test_the_database_refuses_a_second_active_job_for_a_year(staff):
    Job.objects.create(year=2021, status=S.RUNNING)
    with pytest.raises(IntegrityError):
        Job.objects.create(year=2021, status=S.QUEUED)


def test_finished_jobs_do_not_block_a_new_version(staff):
    Job.objects.create(year=2021, status=S.DONE)
    Job.objects.create(year=2021, status=S.FAILED)
    job, created = annual_report_start(year=2021, user=staff)
    assert created and job.status == S.QUEUED


@pytest.mark.parametrize("year", [1999, timezone.localdate().year + 1])
def test_a_year_out_of_range_is_refused(staff, year):
    with pytest.raises(ReportError):
        annual_report_start(year=year, user=staff)
    assert not Job.objects.exists()


def test_the_task_is_sent_after_commit_and_writes_the_three_files(
    staff, data_2021, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job, _ = annual_report_start(year=2021, user=staff)
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert (job.status, job.progress, job.attempt, job.error) == (S.DONE, 100, 1, "")
    assert job.finished_at and job.started_at
    assert set(job.files()) == {"xlsx", "docx", "pdf", "zip"}

    sheet = load_workbook(io.BytesIO(read(job.xlsx)))["indicators"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("code", "name", "value")
    values = {row[0]: row[2] for row in rows[1:]}
    assert values["members_total"] == 3
    assert values["projects_training_centre"] == 1
    assert Decimal(str(values["investment_cny"])) == Decimal("30000000")

    text = "\n".join(p.text for p in Document(io.BytesIO(read(job.docx))).paragraphs)
    assert "端品模具研发及工程中心" in text
    assert "3000 万元" in text
    assert "松散组织" in text
    assert "现有成员 3 家" in text  # the {members_total} placeholder filled in
    assert read(job.pdf).startswith(b"%PDF")


def test_running_the_task_twice_does_the_work_once(staff, data_2021):
    job = Job.objects.create(year=2021, created_by=staff)
    assert generate_annual_report(job.pk) == "done"
    assert generate_annual_report(job.pk) == "not claimed"
    job.refresh_from_db()
    assert job.attempt == 1


def test_only_one_of_two_workers_claims_a_job():
    job = Job.objects.create(year=2021)
    assert annual_report_claim(job_id=job.pk) == 1
    assert annual_report_claim(job_id=job.pk) is None


def test_each_version_keeps_its_own_files(staff, data_2021):
    first = Job.objects.create(year=2021, created_by=staff)
    annual_report_run(job_id=first.pk)
    second = Job.objects.create(year=2021, created_by=staff)
    annual_report_run(job_id=second.pk)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.xlsx.name != second.xlsx.name
    assert first.xlsx.storage.exists(first.xlsx.name)
    assert second.xlsx.storage.exists(second.xlsx.name)


def test_a_failure_is_recorded_and_the_job_can_be_run_again(
    staff, data_2021, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(summary):
        raise RuntimeError("font cache unreadable")

    monkeypatch.setattr("reports.exporters.render_pdf", broken)
    job = Job.objects.create(year=2021, created_by=staff)
    assert annual_report_run(job_id=job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == S.FAILED
    assert "font cache unreadable" in job.error
    assert job.finished_at

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        annual_report_retry(job=job)
    job.refresh_from_db()
    assert (job.status, job.error, job.attempt) == (S.DONE, "", 2)


def test_only_a_failed_job_can_be_retried():
    job = Job.objects.create(year=2021, status=S.DONE)
    with pytest.raises(ReportError):
        annual_report_retry(job=job)


def test_retrying_while_another_job_of_the_year_is_active_returns_that_job():
    failed = Job.objects.create(year=2021, status=S.FAILED)
    active = Job.objects.create(year=2021, status=S.RUNNING)
    assert annual_report_retry(job=failed).pk == active.pk
    failed.refresh_from_db()
    assert failed.status == S.FAILED


def test_a_job_whose_worker_died_is_handed_back_and_finished(
    staff, data_2021, django_capture_on_commit_callbacks
):
    job = Job.objects.create(year=2021, created_by=staff)
    annual_report_claim(job_id=job.pk)  # a worker took it ... and died
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert annual_report_requeue_stuck() == [job.pk]
    job.refresh_from_db()
    assert (job.status, job.attempt) == (S.DONE, 2)


def test_the_files_a_dead_attempt_left_behind_are_removed(staff, data_2021, media_root):
    job = Job.objects.create(year=2021, created_by=staff)
    folder = media_root / report_file_path(job, "")
    folder.mkdir(parents=True)
    (folder / "annual-report-2021.xlsx").write_bytes(b"half written")  # the dead worker's
    annual_report_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == S.DONE
    kept = sorted(
        getattr(job, fmt).name.rsplit("/", 1)[-1] for fmt in ("xlsx", "docx", "pdf", "zip")
    )
    assert sorted(p.name for p in folder.iterdir()) == kept
    assert read(job.xlsx) != b"half written"


def test_a_job_that_is_alive_is_left_alone():
    job = Job.objects.create(year=2021)
    annual_report_claim(job_id=job.pk)
    assert annual_report_requeue_stuck() == []
    job.refresh_from_db()
    assert job.status == S.RUNNING


def test_the_dead_workers_late_results_are_ignored(staff, data_2021):
    job = Job.objects.create(year=2021)
    annual_report_claim(job_id=job.pk)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    annual_report_requeue_stuck()
    annual_report_claim(job_id=job.pk)  # attempt 2 is the owner now
    from reports.services import _mine

    assert _mine(job.pk, 1).update(status=S.DONE) == 0


def test_a_job_that_keeps_killing_its_worker_fails_with_a_reason():
    job = Job.objects.create(year=2021, status=S.RUNNING, attempt=MAX_ATTEMPTS)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    assert annual_report_requeue_stuck() == []
    job.refresh_from_db()
    assert job.status == S.FAILED
    assert str(MAX_ATTEMPTS) in job.error


def test_the_periodic_task_is_scheduled(settings):
    entries = settings.CELERY_BEAT_SCHEDULE.values()
    assert any(e["task"] == "reports.requeue_stuck_annual_reports" for e in entries)


def test_a_start_that_loses_the_race_returns_the_winners_job(staff, monkeypatch):
    # Another request inserted its job after this one looked: the unique index decides.
    winner = Job.objects.create(year=2021)
    monkeypatch.setattr("reports.services.active_job", lambda year: None)
    job, created = annual_report_start(year=2021, user=staff)
    assert (job.pk, created) == (winner.pk, False)
    assert Job.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_simultaneous_starts_make_one_job(staff):
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    barrier = threading.Barrier(6)
    results = []

    def start():
        try:
            barrier.wait()
            results.append(annual_report_start(year=2021, user=None)[0].pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=start) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 6
    assert len(set(results)) == 1
    assert Job.objects.count() == 1
