"""Alerts for the secretariat, through the outbox like every other message: an e-mail to each
active staff user and, when WECOM_WEBHOOK_URL is set, a text to the WeCom (企业微信) group
robot. Used for what staff must act on: the SMS budget used up, a data call closed, a report
failed."""

from django.conf import settings
from django.contrib.auth import get_user_model

from .models import Channel
from .services import message_queue

ROBOT = "wecom-robot"


def staff_alert(text: str) -> None:
    """Queue the alert; it leaves once the current transaction commits."""
    emails = (
        get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    subject = f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{text[:40]}"
    for email in emails:
        message_queue(
            channel=Channel.EMAIL, recipient=email, subject=subject, body=text, purpose="alert"
        )
    if settings.WECOM_WEBHOOK_URL:
        message_queue(channel=Channel.WECOM, recipient=ROBOT, body=text, purpose="alert")
