from celery import shared_task

from . import alerts


@shared_task(name="vetgroup.send_staff_alert")
def send_staff_alert(text: str) -> None:
    alerts.staff_alert_send(text)


@shared_task(
    name="vetgroup.post_wecom",
    autoretry_for=(OSError, RuntimeError),
    retry_backoff=30,
    max_retries=4,
)
def post_wecom(text: str) -> None:
    alerts.wecom_post(text)
