import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vetgroup.broker import publish_on_commit
from vetgroup.phones import mask_mobile, national_mobile

from .backends import PermanentError, TransientError, get_backend
from .models import SmsMessage

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
BACKOFF = [timedelta(seconds=30), timedelta(minutes=2), timedelta(minutes=10)]
STUCK_AFTER = timedelta(minutes=10)
SPENDING = [SmsMessage.Status.QUEUED, SmsMessage.Status.SENDING, SmsMessage.Status.SENT]


def _today_start():
    return timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)


def sent_today() -> int:
    """Messages counted against today's budget (queued, sending or sent since midnight)."""
    return SmsMessage.objects.filter(created_at__gte=_today_start(), status__in=SPENDING).count()


def budget_left() -> int:
    return max(settings.SMS_DAILY_LIMIT - sent_today(), 0)


def sms_queue(
    *, phone: str, text: str, purpose: str, params: dict | None = None, user_id=None
) -> SmsMessage:
    """Record the message, then hand it to the worker once the transaction commits.

    Past the portal's daily budget the message is recorded as blocked, not sent, and staff
    are told (once a day)."""
    message = SmsMessage(
        phone=national_mobile(phone),
        text=text,
        purpose=purpose,
        params=params or {},
        user_id=user_id,
    )
    if budget_left() <= 0:
        first_blocked = not SmsMessage.objects.filter(
            created_at__gte=_today_start(), status=SmsMessage.Status.BLOCKED
        ).exists()
        message.status = SmsMessage.Status.BLOCKED
        message.error = _("Daily SMS budget reached.")
        message.save()
        log.warning("SMS to %s not sent: daily budget reached", mask_mobile(message.phone))
        if first_blocked:
            _tell_staff_budget_reached()
        return message
    message.save()
    from .tasks import send_sms

    publish_on_commit(send_sms, message.pk)
    return message


def _tell_staff_budget_reached() -> None:
    from vetgroup.alerts import staff_alert

    with translation.override(settings.LANGUAGE_CODE):
        text = _(
            "The daily SMS budget (%(limit)s messages) is used up: no more text messages go "
            "out today, including verification codes. Raise SMS_DAILY_LIMIT if this is "
            "expected, or look for abuse in the text message log."
        ) % {"limit": settings.SMS_DAILY_LIMIT}
    staff_alert(text)


def sms_send(*, message_id: int) -> str:
    """Send one message at most once: it is claimed with a conditional UPDATE first, so a
    second worker (or a second run) finds nothing to do. Returns the new status or 'skipped'."""
    now = timezone.now()
    claimed = (
        SmsMessage.objects.filter(pk=message_id, status=SmsMessage.Status.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(status=SmsMessage.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return "skipped"
    message = SmsMessage.objects.get(pk=message_id)
    try:
        vendor_id = get_backend().send(
            phone=message.phone, text=message.text, purpose=message.purpose, params=message.params
        )
    except TransientError as exc:
        return _failed(message, str(exc), retry=message.attempts < MAX_ATTEMPTS)
    except PermanentError as exc:
        return _failed(message, str(exc), retry=False)
    except Exception as exc:  # noqa: BLE001 - an unexpected error is recorded, never resent blindly
        log.exception("SMS %s: unexpected error", message_id)
        return _failed(message, f"{type(exc).__name__}: {exc}", retry=False)
    SmsMessage.objects.filter(pk=message_id, status=SmsMessage.Status.SENDING).update(
        status=SmsMessage.Status.SENT,
        sent_at=timezone.now(),
        vendor_id=vendor_id or "",
        error="",
        next_attempt_at=None,
    )
    log.info("SMS %s (%s) sent to %s", message_id, message.purpose, message.phone_masked)
    return SmsMessage.Status.SENT


def _failed(message: SmsMessage, reason: str, *, retry: bool) -> str:
    if retry:
        status = SmsMessage.Status.QUEUED
        next_at = timezone.now() + BACKOFF[min(message.attempts, len(BACKOFF)) - 1]
    else:
        status, next_at = SmsMessage.Status.FAILED, None
    SmsMessage.objects.filter(pk=message.pk, status=SmsMessage.Status.SENDING).update(
        status=status, error=reason[:2000], next_attempt_at=next_at
    )
    log.warning(
        "SMS %s to %s failed (%s): %s", message.pk, message.phone_masked, status, reason[:200]
    )
    return status


def sms_dispatch() -> dict:
    """The periodic job: send retries that are due; report messages whose worker died while
    sending as failed (they may or may not have gone out, so never resend them blindly)."""
    now = timezone.now()
    stuck = SmsMessage.objects.filter(
        status=SmsMessage.Status.SENDING, claimed_at__lt=now - STUCK_AFTER
    ).update(
        status=SmsMessage.Status.FAILED,
        error=_("Interrupted while sending: the message may or may not have gone out."),
    )
    due = list(
        SmsMessage.objects.filter(status=SmsMessage.Status.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .values_list("pk", flat=True)
    )
    results = {"stuck": stuck}
    for message_id in due:
        outcome = sms_send(message_id=message_id)
        results[outcome] = results.get(outcome, 0) + 1
    return results
