"""Alerts for the secretariat: an e-mail to every active staff user, and a message to the
WeCom (企业微信) group robot when WECOM_WEBHOOK_URL is set.

Used for what staff must act on: the SMS budget used up, a data call closed, a report failed."""

import json
import logging
import urllib.request

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from .broker import publish_on_commit

log = logging.getLogger(__name__)


def staff_alert(text: str) -> None:
    """Send the alert once the current transaction commits (by the worker)."""
    from .tasks import send_staff_alert

    publish_on_commit(send_staff_alert, text)


def staff_alert_send(text: str) -> None:
    emails = list(
        get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if emails:
        send_mail(
            f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{text[:40]}",
            text,
            None,
            emails,
            fail_silently=True,
        )
    if settings.WECOM_WEBHOOK_URL:
        from .tasks import post_wecom

        post_wecom.delay(text)


def wecom_post(text: str) -> None:
    """Post a text message to the WeCom group robot's webhook; raises on an error answer."""
    body = json.dumps({"msgtype": "text", "text": {"content": text}}, ensure_ascii=False)
    request = urllib.request.Request(
        settings.WECOM_WEBHOOK_URL,
        data=body.encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our setting
        answer = json.loads(response.read().decode("utf-8") or "{}")
    if answer.get("errcode", 0) != 0:
        raise RuntimeError(f"WeCom robot answered {answer.get('errcode')}: {answer.get('errmsg')}")
