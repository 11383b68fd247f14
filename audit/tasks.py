from celery import shared_task

from .services import audit_purge


@shared_task(name="audit.purge_expired")
def purge_expired() -> int:
    return audit_purge()
