"""Annual report actions: start a job, run it, re-run a failed one, hand back stuck ones."""

import logging
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.models import Act
from audit.services import audit_record
from core.broker import publish_on_commit

from .exporters import EXPORTERS
from .indicators import indicator_values
from .models import FIRST_YEAR, AnnualReportJob, ReportDraft, YearSnapshot, report_file_path
from .national import national_rows_to_freeze
from .records import collect_records
from .snapshots import snapshot_sections
from .summary import build_summary, main_work_parts_to_freeze

logger = logging.getLogger(__name__)

Job = AnnualReportJob
# A running job that has shown no sign of life for this long lost its worker.
HEARTBEAT_TIMEOUT = timedelta(minutes=5)
MAX_ATTEMPTS = 3


class ReportError(Exception):
    """A report action that cannot be done; the message is for the user."""


class JobLost(Exception):
    """This worker's claim on the job is gone (handed to another worker, or finished)."""


def latest_year() -> int:
    return timezone.localdate().year


def validate_year(year: int) -> None:
    if not FIRST_YEAR <= year <= latest_year():
        raise ReportError(
            _("Choose a year between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": latest_year()}
        )


def _send(job_id: int) -> None:
    from .tasks import generate_annual_report

    publish_on_commit(generate_annual_report, job_id)


def active_job(year: int) -> AnnualReportJob | None:
    return Job.objects.filter(year=year, status__in=Job.ACTIVE).first()


def annual_report_start(
    *, year: int, user: AbstractBaseUser | None, language: str = "zh-hans"
) -> tuple[AnnualReportJob, bool]:
    """Queue a report for the year, or return the year's job already queued or running.

    Returns (job, created). The partial unique index on active jobs makes two simultaneous
    requests end with one job: the loser's INSERT fails and it returns the winner's job.
    """
    validate_year(year)
    with transaction.atomic():
        existing = active_job(year)
        if existing:
            return existing, False
        try:
            with transaction.atomic():
                job = Job.objects.create(year=year, created_by=user, language=language)
        except IntegrityError:  # another request created it since active_job() looked
            return Job.objects.get(year=year, status__in=Job.ACTIVE), False
        _send(job.pk)
    return job, True


def annual_report_retry(*, job: AnnualReportJob) -> AnnualReportJob:
    """Queue a failed job again (or return the year's job that is already active)."""
    if job.status != Job.Status.FAILED:
        raise ReportError(_("Only a failed report can be run again."))
    with transaction.atomic():
        try:
            with transaction.atomic():
                requeued = Job.objects.filter(pk=job.pk, status=Job.Status.FAILED).update(
                    status=Job.Status.QUEUED, progress=0, error="", finished_at=None
                )
        except IntegrityError:
            return Job.objects.get(year=job.year, status__in=Job.ACTIVE)
        if requeued:
            _send(job.pk)
    job.refresh_from_db()
    return job


def annual_report_claim(*, job_id: int) -> int | None:
    """Take a queued job for this worker; returns the attempt number, or None if another
    worker has it already (or it is finished): running the task twice does the work once."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING,
        attempt=F("attempt") + 1,
        started_at=now,
        heartbeat_at=now,
        progress=0,
        error="",
    )
    if not claimed:
        return None
    return Job.objects.values_list("attempt", flat=True).get(pk=job_id)


def _mine(job_id: int, attempt: int):
    return Job.objects.filter(pk=job_id, status=Job.Status.RUNNING, attempt=attempt)


def _progress(job_id: int, attempt: int, progress: int) -> None:
    if not _mine(job_id, attempt).update(progress=progress, heartbeat_at=timezone.now()):
        raise JobLost


def _alert_failed(job: Job) -> None:
    from outbox.alerts import staff_alert

    with translation.override(settings.LANGUAGE_CODE):
        staff_alert(
            _(
                "The annual report %(year)s (job %(id)s) failed. "
                "Start it again from the reports page."
            )
            % {"year": job.year, "id": job.pk}
        )


def annual_report_run(*, job_id: int) -> str:
    """Claim the job and write its three files; a failure is recorded on the job."""
    attempt = annual_report_claim(job_id=job_id)
    if attempt is None:
        return "not claimed"
    job = Job.objects.get(pk=job_id)
    try:
        with translation.override(job.language):
            names = _generate(job, attempt)
    except JobLost:
        return "lost"
    except Exception as exc:
        logger.exception("Annual report job %s failed", job_id)
        failed = _mine(job_id, attempt).update(
            status=Job.Status.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now(),
        )
        if failed:
            _alert_failed(job)
        return "failed"
    finished = _mine(job_id, attempt).update(
        status=Job.Status.DONE, progress=100, finished_at=timezone.now(), **names
    )
    if not finished:
        return "lost"
    _remove_leftovers(job, keep=names.values())
    return "done"


def _remove_leftovers(job: AnnualReportJob, *, keep) -> None:
    """Delete what an earlier attempt (a worker killed half-way) wrote in the job's folder."""
    storage = job._meta.get_field("xlsx").storage
    folder = report_file_path(job, "")
    kept = {name.rsplit("/", 1)[-1] for name in keep}
    try:
        _folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        if name not in kept:
            storage.delete(folder + name)


def _generate(job: AnnualReportJob, attempt: int) -> dict[str, str]:
    summary = build_summary(job.year)
    _progress(job.pk, attempt, 20)
    progress_after = {"xlsx": 40, "docx": 55, "pdf": 85, "zip": 95}
    names = {}
    for fmt, render in EXPORTERS.items():
        filename, _mimetype, content = render(summary)
        field = job._meta.get_field(fmt)
        names[fmt] = field.storage.save(report_file_path(job, filename), ContentFile(content))
        _progress(job.pk, attempt, progress_after[fmt])
    return names


def annual_report_requeue_stuck(*, timeout: timedelta = HEARTBEAT_TIMEOUT) -> list[int]:
    """Hand back jobs whose worker died: running with no heartbeat within the timeout go back
    to the queue (failed after MAX_ATTEMPTS); queued jobs whose message may be lost are sent
    again. Claims are conditional, so a job is never run by two workers at once."""
    now = timezone.now()
    cutoff = now - timeout
    requeued = []
    stuck = Job.objects.filter(status=Job.Status.RUNNING, heartbeat_at__lt=cutoff)
    for job in stuck.only("pk", "attempt", "language"):
        if job.attempt >= MAX_ATTEMPTS:
            with translation.override(job.language):
                error = _("The worker stopped %(count)s times while writing this report.") % {
                    "count": job.attempt
                }
            if _mine(job.pk, job.attempt).update(
                status=Job.Status.FAILED, error=error, finished_at=now
            ):
                _alert_failed(job)
            continue
        with transaction.atomic():
            if _mine(job.pk, job.attempt).update(status=Job.Status.QUEUED, heartbeat_at=None):
                requeued.append(job.pk)
                _send(job.pk)
    forgotten = Job.objects.filter(status=Job.Status.QUEUED, created_at__lt=cutoff)
    for pk in forgotten.exclude(pk__in=requeued).values_list("pk", flat=True):
        requeued.append(pk)
        with transaction.atomic():
            _send(pk)
    return requeued


def report_draft_save(
    *,
    year: int,
    user: AbstractBaseUser,
    fields: dict[str, str],
    seen_version: str | None = None,
) -> ReportDraft:
    """Save the year's texts. `seen_version` is the draft's version when the editor opened it:
    if someone saved in between, refuse rather than overwrite their work."""
    validate_year(year)
    with transaction.atomic():
        draft, created = ReportDraft.objects.select_for_update().get_or_create(year=year)
        if not created and seen_version is not None and seen_version != draft.version:
            raise ReportError(
                _(
                    "%(user)s saved these texts while you were editing them; your text was not "
                    "saved and is shown below. Copy what you need, then reload the page."
                )
                % {"user": draft.updated_by or "—"}
            )
        for name, value in fields.items():
            setattr(draft, name, value)
        draft.updated_by = user
        draft.save()
    return draft


# How often year_freeze() tries again when a simultaneous freeze took its version number.
FREEZE_ATTEMPTS = 10


def year_freeze(*, year: int, by: AbstractBaseUser | None, reason: str) -> YearSnapshot:
    """Freeze the year: store the next version of its snapshot, with every indicator and every
    registered section as the records stand now. May run inside the caller's transaction (a
    data call closing); the version number is claimed by the unique (year, version) index, so
    two freezes at once end as versions n and n + 1, never two versions n."""
    validate_year(year)
    reason = (reason or "").strip()
    if not reason:
        raise ReportError(_("Say why the year is frozen (or corrected): the reason is required."))
    indicators = {code: _jsonable(v) for code, v in indicator_values([year])[year].items()}
    sections = {section.name: section.collect(year) for section in snapshot_sections()}
    # What the year's files show, kept with the figures so the files can be made again.
    records = {
        "records": collect_records(year),
        "national": national_rows_to_freeze(year),
        "main_work": main_work_parts_to_freeze(year),
    }
    for _attempt in range(FREEZE_ATTEMPTS):
        try:
            with transaction.atomic():
                snapshot = YearSnapshot.objects.create(
                    year=year,
                    version=_next_version(year),
                    indicators=indicators,
                    sections=sections,
                    records=records,
                    reason=reason,
                    created_by=by,
                    created_by_name=by.get_username() if by else "",
                )
                if snapshot.version > 1:  # a correction of a year frozen before
                    audit_record(act=Act.YEAR_CORRECTION, user=by, obj=snapshot, detail=reason)
                return snapshot
        except IntegrityError:  # another freeze took this version number since we looked
            continue
    raise ReportError(
        _("Others froze %(year)s at the same moment; please try again.") % {"year": year}
    )


def _next_version(year: int) -> int:
    latest = YearSnapshot.objects.filter(year=year).order_by("-version").first()
    return latest.version + 1 if latest else 1


def _jsonable(value):
    return str(value) if isinstance(value, Decimal) else value
