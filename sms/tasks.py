from celery import shared_task

from . import services


@shared_task(name="sms.send")
def send_sms(message_id: int) -> str:
    return services.sms_send(message_id=message_id)


@shared_task(name="sms.dispatch")
def dispatch() -> dict:
    """Every minute: retries that are due (with back-off), and those never handed over."""
    return services.sms_dispatch()
