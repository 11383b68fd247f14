from celery import shared_task

from .services import annual_report_requeue_stuck, annual_report_run


@shared_task(name="reports.generate_annual_report")
def generate_annual_report(job_id: int) -> str:
    """Write a queued job's files; safe to run twice (the job is claimed first)."""
    return annual_report_run(job_id=job_id)


@shared_task(name="reports.requeue_stuck_annual_reports")
def requeue_stuck_annual_reports() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): hand back jobs whose worker died."""
    return len(annual_report_requeue_stuck())
