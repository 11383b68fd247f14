from celery import shared_task
from django.conf import settings
from django.utils import translation

from . import reminders, services


@shared_task(name="notices.send_notice")
def send_notice(notice_id: int) -> dict:
    """Send the notice's due messages; each chunk is claimed first, so a second run sends
    nothing."""
    return services.notice_send_pending(notice_id=notice_id)


@shared_task(name="notices.dispatch")
def dispatch() -> dict:
    """Every minute: scheduled notices that are due; notices whose messages have all gone."""
    with translation.override(settings.LANGUAGE_CODE):
        return services.notices_dispatch()


@shared_task(name="notices.send_reminders")
def send_reminders() -> dict:
    """Daily: the automatic reminders that are switched on, each recorded so it goes out once."""
    with translation.override(settings.LANGUAGE_CODE):
        return reminders.reminders_run()
