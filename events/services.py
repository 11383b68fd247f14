"""Writes for events: registering (places and the waiting list), cancelling, checking in,
the documents after the meeting, and the calendar feed's token.

Places are counted under a row lock on the event (SELECT ... FOR UPDATE): two registrations
for the same event wait for each other, those of other events do not.
"""

import re
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from core.pdfs import absolute_url
from core.uploads import check_upload, validate_document

from .models import CalendarFeed, Event, Registration
from .permissions import can_register_self, delegate_member_ids

MAX_DOCUMENT_MB = 20
CODE = re.compile(r"([0-9A-F]{16})/?$", re.IGNORECASE)


def event_save(*, event: Event, by=None) -> Event:
    if event.pk is None:
        event.created_by = by
    event.full_clean()
    event.save()
    return event


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def register(
    *, event: Event, by, name: str = "", member=None, phone: str = "", position: str = ""
) -> Registration:
    """Register `by` themselves (no member) or a delegate of `member` that `by` represents.
    A place if one is free, else the waiting list; never over the capacity."""
    if member is None and not can_register_self(by, event):
        raise PermissionDenied
    if member is not None and member.pk not in delegate_member_ids(by, event):
        raise PermissionDenied
    name = (name or "").strip() or (by.get_full_name() or str(by))
    with transaction.atomic():
        event = _locked(event)
        if not event.registration_open:
            raise ValidationError(_("Registration for this event is closed."))
        taken = event.registrations.confirmed().count()
        full = event.capacity is not None and taken >= event.capacity
        try:
            with transaction.atomic():
                return Registration.objects.create(
                    event=event,
                    user=by if member is None else None,
                    member=member,
                    name=name[:100],
                    phone=phone,
                    position=position,
                    status=Registration.Status.WAITING if full else Registration.Status.CONFIRMED,
                    registered_by=by,
                )
        except IntegrityError as exc:
            raise ValidationError(_("%(name)s is registered already.") % {"name": name}) from exc


def cancel(*, registration: Registration) -> Registration | None:
    """Cancel a registration; a place it frees goes to the first on the waiting list, who is
    told. Returns the registration promoted, if any."""
    with transaction.atomic():
        event = _locked(registration.event)
        registration.refresh_from_db()
        if registration.status == Registration.Status.CANCELLED:
            return None
        was_confirmed = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.save(update_fields=["status"])
        promoted = _promote(event) if was_confirmed else None
        if promoted is not None:
            tell_promoted(promoted)
    return promoted


def _promote(event: Event) -> Registration | None:
    if event.capacity is not None and event.registrations.confirmed().count() >= event.capacity:
        return None
    first = event.registrations.waiting().first()
    if first is None:
        return None
    first.status = Registration.Status.CONFIRMED
    first.promoted_at = timezone.now()
    first.save(update_fields=["status", "promoted_at"])
    return first


def capacity_raised(*, event: Event) -> list[Registration]:
    """After the capacity grew: promote the waiting list in order into the new places."""
    promoted = []
    with transaction.atomic():
        locked = _locked(event)
        while (found := _promote(locked)) is not None:
            promoted.append(found)
            tell_promoted(found)
    return promoted


def tell_promoted(registration: Registration) -> None:
    """Tell whoever registered that a place is now theirs (e-mail, and a text to those who take
    texts), once per registration; the outbox sends it after the transaction commits."""
    from outbox.services import tell_user

    user = registration.user or registration.registered_by
    if user is None:
        return
    event = registration.event
    values = {
        "event": event.title,
        "when": timezone.localtime(event.starts_at).strftime("%Y-%m-%d %H:%M"),
        "name": registration.name,
        "link": absolute_url(reverse("event_ticket", args=[registration.code])),
    }
    tell_user(
        user,
        subject=_("Your place at %(event)s is confirmed") % values,
        body=_(
            "A place at %(event)s (%(when)s) has become free and is now confirmed for "
            "%(name)s. Show the QR code of the ticket at the entrance: %(link)s"
        )
        % values,
        sms_text=_("A place at %(event)s is now confirmed for %(name)s.") % values,
        key=f"events:promoted:{registration.pk}",
    )


def invitation_draft(*, event: Event, by):
    """A draft notice inviting the event's audience (every current member when it has none),
    for staff to read over and send from the notices pages."""
    from notices.models import Kind
    from notices.services import notice_create

    link = absolute_url(reverse("event_detail", args=[event.pk]))
    values = {
        "event": escape(event.title),
        "when": timezone.localtime(event.starts_at).strftime("%Y-%m-%d %H:%M"),
        "where": escape(event.where),
        "link": link,
    }
    body = (
        _(
            "<p>%(event)s will be held at %(when)s, %(where)s.</p>"
            "<p>Register yourself or your organisation's delegates in the portal: "
            '<a href="%(link)s">%(link)s</a></p>'
        )
        % values
    )
    if event.description:
        body = f"<p>{escape(event.description)}</p>" + body
    return notice_create(
        by=by,
        title=_("Notice of %(event)s") % {"event": event.title},
        body=body,
        kind=Kind.EVENT,
        audience=event.audience or {"scope": "members"},
    )


def code_from_text(text: str) -> str:
    """The check-in code in what was typed or scanned: the code itself or the ticket's URL."""
    found = CODE.search((text or "").strip())
    return found.group(1).upper() if found else ""


def check_in(*, event: Event, registration: Registration, by) -> bool:
    """Record the arrival once; False if the person was checked in already."""
    if registration.event_id != event.pk:
        raise ValidationError(_("This ticket is for another event."))
    if registration.status != Registration.Status.CONFIRMED:
        raise ValidationError(
            _("%(name)s has no confirmed place (%(status)s).")
            % {"name": registration.name, "status": registration.get_status_display()}
        )
    done = Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
        checked_in_at=timezone.now(), checked_in_by=by
    )
    registration.refresh_from_db(fields=["checked_in_at", "checked_in_by"])
    return bool(done)


def check_in_code(*, event: Event, text: str, by) -> tuple[Registration, bool]:
    code = code_from_text(text)
    registration = Registration.objects.filter(code=code).first() if code else None
    if registration is None:
        raise ValidationError(_("No ticket has this code: check it and try again."))
    return registration, check_in(event=event, registration=registration, by=by)


def documents_attach(*, event: Event, minutes=None, resolutions=None) -> None:
    """The minutes and resolutions after the meeting (PDF, Word, ...), each replacing the last."""
    for upload in (minutes, resolutions):
        if upload is None:
            continue
        check_upload(upload, max_mb=MAX_DOCUMENT_MB)
        validate_document(upload)
    for field, upload in (("minutes", minutes), ("resolutions", resolutions)):
        if upload is not None:
            old = getattr(event, field)
            if old:
                old.delete(save=False)
            getattr(event, field).save(upload.name, upload, save=False)
    event.save(update_fields=["minutes", "resolutions"])


def feed_for(user) -> CalendarFeed:
    feed = CalendarFeed.objects.filter(user=user).first()
    return feed or CalendarFeed.objects.create(user=user, token=secrets.token_urlsafe(32))


def feed_renew(user) -> CalendarFeed:
    feed = feed_for(user)
    feed.token = secrets.token_urlsafe(32)
    feed.save(update_fields=["token", "renewed_at"])
    return feed
