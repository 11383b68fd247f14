"""Writes for notices: release to an audience (its messages go through the outbox), read and
reply."""

from datetime import datetime

from django.db import transaction
from django.db.models import CharField, Count, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from outbox.models import Channel, Message
from outbox.services import batch_busy, batch_send, messages_queue, messages_retry

from .emails import NoticeEmail
from .models import Attachment, Delivery, Notice, Preference
from .sanitize import clean_html
from .selectors import audience_recipients


class NoticeError(Exception):
    """A notice action the notice's state does not allow; the message is for the user."""


def notice_create(
    *,
    by,
    title: str,
    body: str,
    kind: str,
    audience: dict,
    response: str = Notice.Response.NONE,
    reply_prompt: str = "",
    files: list | None = None,
    by_email: bool = True,
    by_sms: bool = False,
) -> Notice:
    with transaction.atomic():
        notice = Notice.objects.create(
            title=title,
            body=clean_html(body),
            kind=kind,
            audience=audience,
            response=response,
            reply_prompt=reply_prompt,
            by_email=by_email,
            by_sms=by_sms,
            created_by=by,
        )
        notice_attach(notice=notice, files=files or [])
    return notice


def notice_attach(*, notice: Notice, files: list) -> None:
    for f in files:
        Attachment.objects.create(notice=notice, file=f, name=f.name[:200], size=f.size or 0)


def notice_attachments_kept(*, notice: Notice, removed_ids: list[str]) -> tuple[int, int]:
    """How many attachments, of what total size, the notice keeps after removing these."""
    ids = [int(i) for i in removed_ids if str(i).isdigit()]
    kept = notice.attachments.exclude(pk__in=ids).aggregate(count=Count("pk"), size=Sum("size"))
    return kept["count"], kept["size"] or 0


def notice_detach(*, notice: Notice, attachment_ids: list[str]) -> None:
    ids = [int(i) for i in attachment_ids if str(i).isdigit()]
    for attachment in notice.attachments.filter(pk__in=ids):
        attachment.file.delete(save=False)
        attachment.delete()


@transaction.atomic
def notice_update(
    *, notice: Notice, fields: dict, files: list, removed_attachment_ids: list[str]
) -> bool:
    """Change a notice that is still a draft or scheduled; False (nothing changed) once it has
    gone out, even if that happened since the form was opened."""
    updated = Notice.objects.filter(
        pk=notice.pk, status__in=[Notice.Status.DRAFT, Notice.Status.SCHEDULED]
    ).update(**fields)
    if updated:
        notice_attach(notice=notice, files=files)
        notice_detach(notice=notice, attachment_ids=removed_attachment_ids)
    return bool(updated)


def notice_schedule(*, notice: Notice, send_at: datetime) -> None:
    if send_at <= timezone.now():
        raise NoticeError(_("The sending time must be in the future."))
    updated = Notice.objects.filter(
        pk=notice.pk, status__in=[Notice.Status.DRAFT, Notice.Status.SCHEDULED]
    ).update(status=Notice.Status.SCHEDULED, send_at=send_at)
    if not updated:
        raise NoticeError(_("This notice has already been sent."))


def notice_unschedule(*, notice: Notice) -> None:
    updated = Notice.objects.filter(pk=notice.pk, status=Notice.Status.SCHEDULED).update(
        status=Notice.Status.DRAFT, send_at=None
    )
    if not updated:
        raise NoticeError(_("This notice is not scheduled."))


def notice_send_now(*, notice: Notice) -> int:
    """Release the notice to its audience now; returns the number of recipients."""
    if not audience_recipients(notice.audience):
        raise NoticeError(_("This audience reaches nobody: choose another one."))
    count = notice_release(
        notice_id=notice.pk, statuses=[Notice.Status.DRAFT, Notice.Status.SCHEDULED]
    )
    if count is None:
        raise NoticeError(_("This notice has already been sent."))
    return count


def notice_release(*, notice_id: int, statuses: list[str]) -> int | None:
    """Claim the notice (conditional UPDATE), create one delivery per recipient, then queue the
    sending after commit. None if another process released it first."""
    with transaction.atomic():
        now = timezone.now()
        claimed = Notice.objects.filter(pk=notice_id, status__in=statuses).update(
            status=Notice.Status.SENDING, released_at=now
        )
        if not claimed:
            return None
        notice = Notice.objects.get(pk=notice_id)
        count = deliveries_create(notice=notice)
    return count


def deliveries_create(*, notice: Notice) -> int:
    """One delivery per recipient, and one e-mail in the outbox for each recipient who gets
    mail, rendered once for the notice (the outbox sends them in chunks after commit)."""
    recipients = audience_recipients(notice.audience)
    Delivery.objects.bulk_create(
        [
            Delivery(
                notice=notice,
                user_id=r.user_id,
                email=r.email.strip(),
                name=r.name[:200],
                member_id=r.member_id,
            )
            for r in recipients
        ],
        ignore_conflicts=True,
    )
    if notice.by_email:
        _queue_emails(notice)
    if notice.by_sms:
        from .texts import notice_sms_queue

        notice_sms_queue(notice)
    return len(recipients)


def _queue_emails(notice: Notice) -> None:
    no_mail = Preference.objects.filter(kind=notice.kind, email=False).values("user_id")
    deliveries = list(
        Delivery.objects.filter(notice=notice, message__isnull=True)
        .exclude(email="")
        .exclude(user_id__in=no_mail)
        .only("pk", "user_id", "email", "name")
        .order_by("pk")
    )
    email = NoticeEmail(notice)
    messages = []
    for delivery in deliveries:
        text, html = email.for_delivery(delivery)
        messages.append(
            Message(
                channel=Channel.EMAIL,
                purpose="notice",
                recipient=delivery.email,
                subject=email.subject,
                body=text,
                html=html,
                attachments=email.attachments,
                user_id=delivery.user_id,
                batch=notice_batch(notice.pk),
                key=f"{notice_batch(notice.pk)}:email:{delivery.pk}",
            )
        )
    messages_queue(messages)
    deliveries_link(notice, "message", f"{notice_batch(notice.pk)}:email:")


def deliveries_link(notice: Notice, field: str, key_prefix: str) -> None:
    """Point each delivery at its message (keyed prefix + delivery id) in one statement."""
    message = Message.objects.filter(
        key=Concat(Value(key_prefix), Cast(OuterRef("pk"), CharField()))
    ).values("pk")[:1]
    Delivery.objects.filter(notice=notice, **{f"{field}__isnull": True}).update(
        **{field: Subquery(message)}
    )


def notice_batch(notice_id: int) -> str:
    return f"notice:{notice_id}"


def notice_send_pending(*, notice_id: int) -> dict:
    """Send the notice's messages that are due, chunk by chunk; safe to run twice or
    concurrently (each chunk is claimed first)."""
    return batch_send(notice_batch(notice_id))


def notice_finish(*, notice_id: int) -> None:
    """Mark the notice sent once none of its messages is waiting."""
    if not batch_busy(notice_batch(notice_id)):
        Notice.objects.filter(pk=notice_id, status=Notice.Status.SENDING).update(
            status=Notice.Status.SENT, sent_at=timezone.now()
        )


def notice_batch_sent(batch: str) -> None:
    """The outbox's report after a chunk of a notice went out (registered in apps.py)."""
    notice_finish(notice_id=int(batch.split(":")[1]))


def deliveries_retry_failed(*, notice: Notice) -> int:
    """Staff send the failed ones again (a fresh set of attempts)."""
    with transaction.atomic():
        failed = Message.objects.filter(batch=notice_batch(notice.pk), channel=Channel.EMAIL)
        count = messages_retry(failed)
        if count:
            Notice.objects.filter(pk=notice.pk).update(status=Notice.Status.SENDING)
    return count


def notices_dispatch() -> dict:
    """The periodic job: release scheduled notices that are due, and mark sent those whose
    messages have all gone (the outbox's sweeper sends retries and reports interrupted ones)."""
    now = timezone.now()
    released = 0
    for notice_id in Notice.objects.filter(
        status=Notice.Status.SCHEDULED, send_at__lte=now
    ).values_list("pk", flat=True):
        if notice_release(notice_id=notice_id, statuses=[Notice.Status.SCHEDULED]) is not None:
            released += 1
    for notice_id in Notice.objects.filter(status=Notice.Status.SENDING).values_list(
        "pk", flat=True
    ):
        notice_finish(notice_id=notice_id)
    return {"released": released}


def deliveries_claim(*, user) -> int:
    """Link notices sent to a contact's e-mail before that person had an account (the address
    is verified at sign-up) to the account, so they show in the inbox."""
    if not user.email:
        return 0
    own = Delivery.objects.filter(user=user).values("notice_id")
    return (
        Delivery.objects.filter(user__isnull=True, email__iexact=user.email)
        .exclude(notice_id__in=own)
        .update(user=user)
    )


def delivery_open(*, delivery: Delivery) -> None:
    delivery.mark_read()


def delivery_acknowledge(*, delivery: Delivery) -> None:
    if delivery.notice.response != Notice.Response.RECEIPT:
        raise NoticeError(_("This notice does not ask for a read receipt."))
    now = timezone.now()
    Delivery.objects.filter(pk=delivery.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=now
    )
    delivery.mark_read()


def delivery_reply(*, delivery: Delivery, reply: str, text: str = "") -> None:
    if delivery.notice.response != Notice.Response.REPLY:
        raise NoticeError(_("This notice does not ask for a reply."))
    if reply not in Delivery.Reply.values:
        raise NoticeError(_("Choose an answer."))
    Delivery.objects.filter(pk=delivery.pk).update(
        reply=reply, reply_text=text.strip()[:2000], replied_at=timezone.now()
    )
    delivery.mark_read()


def preferences_for(user) -> dict[str, bool]:
    from .models import Kind

    saved = dict(user.notice_preferences.values_list("kind", "email"))
    return {kind: saved.get(kind, True) for kind in Kind.values}


def sms_preferences_for(user) -> dict[str, bool]:
    """Texts per kind of notice; by default only for someone without an e-mail address."""
    from .models import Kind

    saved = dict(user.notice_preferences.filter(sms__isnull=False).values_list("kind", "sms"))
    return {kind: saved.get(kind, not user.email) for kind in Kind.values}


def preferences_save(
    *, user, email_by_kind: dict[str, bool], sms_by_kind: dict[str, bool] | None = None
) -> None:
    with transaction.atomic():
        for kind, email in email_by_kind.items():
            defaults = {"email": email}
            if sms_by_kind is not None and kind in sms_by_kind:
                defaults["sms"] = sms_by_kind[kind]
            Preference.objects.update_or_create(user=user, kind=kind, defaults=defaults)


def takes_texts(user) -> bool:
    """Whether a personal message (outbox.tell_user) also goes by SMS: the user takes texts for
    at least one kind of notice (by default only someone without an e-mail address)."""
    return any(sms_preferences_for(user).values())
