"""The applicant's notices: one Notification row per status change, e-mailed at most once."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from vetgroup.broker import publish

from .models import ApplicationEvent, Notification

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def _compose(event: ApplicationEvent) -> tuple[str, str]:
    application = event.application
    context = {
        "event": event,
        "application": application,
        "intake": application.intake,
        "waitlist_actions": ApplicationEvent.WAITLIST_LABELS,
        "url": settings.SITE_URL.rstrip("/")
        + reverse("applicant_application", args=[application.pk]),
    }
    subject = render_to_string("enrollment/email/status_subject.txt", context).strip()
    body = render_to_string("enrollment/email/status_body.txt", context)
    return subject, body


def notification_ensure(*, event: ApplicationEvent) -> Notification:
    """The event's notice, created once (the OneToOne key makes a second creation fail)."""
    existing = Notification.objects.filter(event=event).first()
    if existing is not None:
        return existing
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _compose(event)
    try:
        with transaction.atomic():
            notice = Notification.objects.create(
                event=event, recipient=event.application.applicant, subject=subject, body=body
            )
            # Inside the same transaction: a second creation rolls back and texts nobody.
            _queue_decision_sms(event, notice)
            return notice
    except IntegrityError:
        return Notification.objects.get(event=event)


SMS_STATUSES = {"returned", "approved", "rejected", "enrolled"}
# The waiting list's steps that the applicant must hear of at once (an offer has a deadline).
SMS_ACTIONS = {"waitlist", "offer", "offer_expired"}


def _queue_decision_sms(event: ApplicationEvent, notice: Notification) -> None:
    """Decisions reach the applicant by SMS too: the verified number of the account, else the
    number on the application."""
    from sms.services import sms_queue

    application = event.application
    phone = application.applicant.verified_mobile or application.phone
    if not (event.to_status in SMS_STATUSES or event.action in SMS_ACTIONS) or not phone:
        return
    with translation.override(settings.LANGUAGE_CODE):
        status = str(
            event.label
            if event.action in SMS_ACTIONS
            else application.Status(event.to_status).label
        )
        text = render_to_string(
            "enrollment/sms/status.txt",
            {
                "sign": settings.SMS_SIGN_NAME,
                "programme": application.intake.programme,
                "status": status,
                "url": settings.SITE_URL.rstrip("/")
                + reverse("applicant_application", args=[application.pk]),
            },
        ).strip()
    notice.sms = sms_queue(
        phone=phone,
        text=text,
        purpose="enrollment",
        params={
            "programme": application.intake.programme[:20],
            "status": str(status),
        },
        user_id=application.applicant_id,
    )
    notice.save(update_fields=["sms"])


def event_notify(*, event_id: int) -> str:
    event = (
        ApplicationEvent.objects.select_related("application__intake", "application__applicant")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return "gone"
    if event.action in ApplicationEvent.SILENT_ACTIONS:
        return "silent"
    notice = notification_ensure(event=event)
    # Claim the e-mail: only the run that moves it out of "pending" (or "failed", for a retry)
    # sends it.
    claimed = Notification.objects.filter(
        pk=notice.pk,
        delivery__in=[Notification.Delivery.PENDING, Notification.Delivery.FAILED],
        attempts__lt=MAX_ATTEMPTS,
    ).update(delivery=Notification.Delivery.SENDING, attempts=F("attempts") + 1)
    if not claimed:
        return "already claimed"
    recipient = event.application.applicant.email
    try:
        if recipient:
            send_mail(notice.subject, notice.body, None, [recipient])
    except Exception:
        log.exception("Enrollment notice %s could not be e-mailed", notice.pk)
        Notification.objects.filter(pk=notice.pk).update(delivery=Notification.Delivery.FAILED)
        return "failed"
    Notification.objects.filter(pk=notice.pk).update(
        delivery=Notification.Delivery.SENT, sent_at=timezone.now()
    )
    return "sent"


def notifications_retry_failed() -> int:
    """Queue again the e-mails that failed (a mail server outage); each is claimed as before."""
    from .tasks import notify_application_event

    event_ids = list(
        Notification.objects.filter(
            delivery=Notification.Delivery.FAILED, attempts__lt=MAX_ATTEMPTS
        ).values_list("event_id", flat=True)
    )
    for event_id in event_ids:
        publish(notify_application_event, event_id)
    return len(event_ids)


# Events newer than this may still have their message on the way; older than RECENT_DAYS are
# left alone (a restored backup or the demo's history must not mail anyone).
UNPUBLISHED_AFTER = timedelta(minutes=1)
RECENT_DAYS = 7


def notifications_send_unpublished(*, older_than: timedelta = UNPUBLISHED_AFTER) -> int:
    """Periodic: queue the recent status changes whose notice was never sent because the
    broker was down when they happened (no notification yet, or one still pending)."""
    from .tasks import notify_application_event

    now = timezone.now()
    event_ids = list(
        ApplicationEvent.objects.filter(
            created_at__lt=now - older_than, created_at__gte=now - timedelta(days=RECENT_DAYS)
        )
        .filter(
            Q(notification__isnull=True) | Q(notification__delivery=Notification.Delivery.PENDING)
        )
        .exclude(action__in=ApplicationEvent.SILENT_ACTIONS)
        .values_list("pk", flat=True)
    )
    for event_id in event_ids:
        publish(notify_application_event, event_id)
    return len(event_ids)
