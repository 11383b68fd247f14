from celery import shared_task
from django.conf import settings
from django.utils import translation

from . import services


@shared_task(name="outbox.send")
def send(message_ids: list[int]) -> dict:
    """Send a chunk of messages; each is claimed first, so a second run sends nothing."""
    return services.messages_send(ids=message_ids)


@shared_task(name="outbox.sweep")
def sweep() -> dict:
    """Every minute: retries that are due, messages never handed over, interrupted sends."""
    with translation.override(settings.LANGUAGE_CODE):
        return services.messages_sweep()
