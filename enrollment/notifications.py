"""The applicant's notices: one Notification row per status change, recorded with the status
change and sent once through the outbox (e-mail, and a text for a decision)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from outbox.models import Channel
from outbox.services import message_queue

from .models import ApplicationEvent, Notification

SMS_STATUSES = {"returned", "approved", "rejected", "enrolled"}
# The waiting list's steps that the applicant must hear of at once (an offer has a deadline).
SMS_ACTIONS = {"waitlist", "offer", "offer_expired"}


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


def notification_create(*, event: ApplicationEvent) -> Notification | None:
    """The event's notice, inside the status change's transaction; its e-mail and text leave
    once it commits (keyed on the event, so they are never queued twice). Staff-only steps
    (a move on the waiting list) are not told to the applicant."""
    if event.action in ApplicationEvent.SILENT_ACTIONS:
        return None
    applicant = event.application.applicant
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _compose(event)
    notice = Notification(event=event, recipient=applicant, subject=subject, body=body)
    if applicant.email:
        notice.message = message_queue(
            channel=Channel.EMAIL,
            recipient=applicant.email,
            subject=subject,
            body=body,
            user=applicant,
            key=f"application-event:{event.pk}:email",
            purpose="enrollment",
        )
    notice.text = _queue_decision_sms(event)
    notice.save()
    return notice


def _queue_decision_sms(event: ApplicationEvent):
    """Decisions reach the applicant by SMS too: the verified number of the account, else the
    number on the application."""
    application = event.application
    phone = application.applicant.verified_mobile or application.phone
    if not (event.to_status in SMS_STATUSES or event.action in SMS_ACTIONS) or not phone:
        return None
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
    return message_queue(
        channel=Channel.SMS,
        recipient=phone,
        body=text,
        user=application.applicant,
        key=f"application-event:{event.pk}:sms",
        purpose="enrollment",
        params={"programme": application.intake.programme[:20], "status": status},
    )
