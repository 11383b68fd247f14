"""Writes for notices: release to an audience, send each delivery once, read and reply."""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from vetgroup.broker import publish_on_commit

from .emails import delivery_message
from .models import Attachment, Delivery, Notice, Preference
from .sanitize import clean_html
from .selectors import audience_recipients

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# Wait before attempt n+1 after n failures.
BACKOFF = [timedelta(minutes=2), timedelta(minutes=10), timedelta(minutes=30)]
# A delivery claimed longer ago than this was interrupted (worker killed): its mail may or may
# not have left, so it is shown to staff as failed rather than sent again.
STUCK_AFTER = timedelta(minutes=15)


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
    _queue_sending(notice.pk)
    return count


def deliveries_create(*, notice: Notice) -> int:
    recipients = audience_recipients(notice.audience)
    no_mail = set(
        Preference.objects.filter(
            kind=notice.kind, email=False, user_id__in=[r.user_id for r in recipients if r.user_id]
        ).values_list("user_id", flat=True)
    )
    rows = []
    for r in recipients:
        inbox_only = not notice.by_email or not r.email or r.user_id in no_mail
        rows.append(
            Delivery(
                notice=notice,
                user_id=r.user_id,
                email=r.email.strip(),
                name=r.name[:200],
                member_id=r.member_id,
                status=Delivery.Status.INBOX_ONLY if inbox_only else Delivery.Status.QUEUED,
            )
        )
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    if notice.by_sms:
        from .texts import notice_sms_queue

        notice_sms_queue(notice)
    return len(rows)


def _queue_sending(notice_id: int) -> None:
    from .tasks import send_notice

    publish_on_commit(send_notice, notice_id)


def delivery_send(*, delivery_id: int) -> str:
    """Send one delivery's e-mail at most once. Returns the delivery's new status, or
    'skipped' when another run owns it or it is not due."""
    now = timezone.now()
    claimed = (
        Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(status=Delivery.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return "skipped"
    delivery = Delivery.objects.select_related("notice").get(pk=delivery_id)
    try:
        delivery_message(delivery).send()
    except Exception as exc:  # noqa: BLE001 - any mail error is recorded for staff
        log.warning("Notice delivery %s failed: %s", delivery_id, exc)
        return _delivery_failed(delivery, f"{type(exc).__name__}: {exc}")
    Delivery.objects.filter(pk=delivery_id).update(
        status=Delivery.Status.SENT, sent_at=timezone.now(), error="", next_attempt_at=None
    )
    return Delivery.Status.SENT


def _delivery_failed(delivery: Delivery, reason: str) -> str:
    if delivery.attempts >= MAX_ATTEMPTS:
        status, next_at = Delivery.Status.FAILED, None
    else:
        status = Delivery.Status.QUEUED
        next_at = timezone.now() + BACKOFF[min(delivery.attempts, len(BACKOFF)) - 1]
    Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.SENDING).update(
        status=status, error=reason[:2000], next_attempt_at=next_at
    )
    return status


def notice_send_pending(*, notice_id: int) -> dict:
    """Send every delivery of the notice that is due; safe to run twice or concurrently."""
    results: dict[str, int] = {}
    pending = Delivery.objects.filter(notice_id=notice_id, status=Delivery.Status.QUEUED)
    for delivery_id in pending.values_list("pk", flat=True).order_by("pk"):
        outcome = delivery_send(delivery_id=delivery_id)
        results[outcome] = results.get(outcome, 0) + 1
    notice_finish(notice_id=notice_id)
    return results


def notice_finish(*, notice_id: int) -> None:
    """Mark the notice sent once no delivery is waiting."""
    busy = Delivery.objects.filter(
        notice_id=notice_id, status__in=[Delivery.Status.QUEUED, Delivery.Status.SENDING]
    )
    if not busy.exists():
        Notice.objects.filter(pk=notice_id, status=Notice.Status.SENDING).update(
            status=Notice.Status.SENT, sent_at=timezone.now()
        )


def deliveries_retry_failed(*, notice: Notice) -> int:
    """Staff send the failed ones again (a fresh set of attempts)."""
    with transaction.atomic():
        count = notice.deliveries.filter(status=Delivery.Status.FAILED).update(
            status=Delivery.Status.QUEUED, attempts=0, next_attempt_at=None
        )
        if count:
            Notice.objects.filter(pk=notice.pk).update(status=Notice.Status.SENDING)
            _queue_sending(notice.pk)
    return count


def deliveries_fail_stuck() -> int:
    """Deliveries claimed by a worker that died: show them to staff, never resend blindly."""
    return Delivery.objects.filter(
        status=Delivery.Status.SENDING, claimed_at__lt=timezone.now() - STUCK_AFTER
    ).update(
        status=Delivery.Status.FAILED,
        error=_(
            "Interrupted while sending: the e-mail may or may not have gone out. "
            "Check with the recipient before sending again."
        ),
    )


def notices_dispatch() -> dict:
    """The periodic job: release scheduled notices that are due, resend retries that are due,
    report interrupted deliveries."""
    now = timezone.now()
    released = 0
    for notice_id in Notice.objects.filter(
        status=Notice.Status.SCHEDULED, send_at__lte=now
    ).values_list("pk", flat=True):
        if notice_release(notice_id=notice_id, statuses=[Notice.Status.SCHEDULED]) is not None:
            released += 1
    stuck = deliveries_fail_stuck()
    due = set(
        Delivery.objects.filter(status=Delivery.Status.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .exclude(notice__status__in=[Notice.Status.DRAFT, Notice.Status.SCHEDULED])
        .values_list("notice_id", flat=True)
    )
    for notice_id in due:
        _queue_sending(notice_id)
    for notice_id in Notice.objects.filter(status=Notice.Status.SENDING).values_list(
        "pk", flat=True
    ):
        notice_finish(notice_id=notice_id)
    return {"released": released, "stuck": stuck, "retrying": len(due)}


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
