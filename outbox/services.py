"""The outbox: every message of the portal is recorded, claimed, sent, then marked sent or
failed with its reason, and tried again with back-off. Record -> claim -> send -> mark."""

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.broker import publish, publish_on_commit
from core.phones import mask_mobile, national_mobile

from .channels import SENDERS
from .models import Channel, Message

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# Wait before attempt n+1 after n failures.
BACKOFF = [timedelta(minutes=2), timedelta(minutes=10), timedelta(minutes=30)]
# A message claimed longer ago than this was interrupted (worker killed): it may or may not
# have left, so it is shown to staff as failed rather than sent again.
STUCK_AFTER = timedelta(minutes=15)
# Queued messages older than this were never handed to a worker (broker down) or have waited.
UNPUBLISHED_AFTER = timedelta(minutes=1)
# Older queued messages are left alone: a restored backup or the demo's history must not
# mail anyone.
RECENT = timedelta(days=7)
# Messages one task claims and sends over one connection.
CHUNK = 200
BUSY = [Message.Status.QUEUED, Message.Status.SENDING]
SPENDING = [Message.Status.QUEUED, Message.Status.SENDING, Message.Status.SENT]

# batch prefix ("notice") -> called with the batch ("notice:12") after a chunk of it was sent.
_batch_hooks: dict[str, Callable[[str], None]] = {}
# Called with a user: may they get texts besides e-mail? (the notices app answers)
_sms_allowed: list[Callable] = []


def on_batch_sent(prefix: str, hook: Callable[[str], None]) -> None:
    _batch_hooks[prefix] = hook


def sms_allowed_by(rule: Callable) -> None:
    _sms_allowed[:] = [rule]


def message_queue(
    *,
    channel: str,
    recipient: str,
    subject: str = "",
    body: str,
    html: str = "",
    user=None,
    key: str | None = None,
    purpose: str = "",
    params: dict | None = None,
    attachments: list | None = None,
    batch: str = "",
) -> Message:
    """Record one message and hand it to a worker once the transaction commits. The same key
    never queues twice: the first message is returned instead."""
    if key and (existing := Message.objects.filter(key=key).first()):
        return existing
    message = Message(
        channel=channel,
        recipient=national_mobile(recipient) if channel == Channel.SMS else recipient,
        subject=subject[:255],
        body=body,
        html=html,
        user=user,
        key=key,
        purpose=purpose,
        params=params or {},
        attachments=attachments or [],
        batch=batch,
    )
    if channel not in SENDERS:
        raise ValueError(f"no sender for channel {channel!r}")
    if channel == Channel.SMS:
        _block_over_budget([message])
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        if key is None:
            raise
        return Message.objects.get(key=key)
    if message.status == Message.Status.QUEUED:
        _publish([message.pk])
    return message


def messages_queue(messages: list[Message]) -> list[int]:
    """Record many unsaved messages at once (a notice's fan-out) and hand them to workers in
    chunks once the transaction commits; returns their ids."""
    texts = [m for m in messages if m.channel == Channel.SMS]
    for m in texts:
        m.recipient = national_mobile(m.recipient)
    _block_over_budget(texts)
    created = Message.objects.bulk_create(messages)
    ids = [m.pk for m in created if m.status == Message.Status.QUEUED]
    _publish(ids)
    return [m.pk for m in created]


def _publish(ids: list[int]) -> None:
    from .tasks import send

    for start in range(0, len(ids), CHUNK):
        publish_on_commit(send, ids[start : start + CHUNK])


def messages_send(*, ids: Iterable[int]) -> dict[str, int]:
    """Send the due ones among these messages, each at most once: the chunk is claimed in one
    UPDATE ... RETURNING first, so a second run (or worker) finds nothing to do."""
    ids = list(ids)
    claimed = _claim(ids)
    results = {"skipped": len(ids) - len(claimed)} if len(claimed) < len(ids) else {}
    if not claimed:
        return results
    by_channel = defaultdict(list)
    for message in Message.objects.filter(pk__in=claimed).order_by("pk"):
        by_channel[message.channel].append(message)
    batches = set()
    for channel, messages in by_channel.items():
        outcome = SENDERS[channel](messages)
        _mark_sent(outcome.sent)
        attempts = {m.pk: m.attempts for m in messages}
        for pk, (reason, retry) in outcome.failed.items():
            status = _mark_failed(pk, attempts[pk], reason, retry=retry)
            results[status] = results.get(status, 0) + 1
        if outcome.sent:
            results["sent"] = results.get("sent", 0) + len(outcome.sent)
        batches |= {m.batch for m in messages if m.batch}
    _batches_sent(batches)
    return results


def _claim(ids: list[int]) -> list[int]:
    """queued -> sending for the due ones among ids, in one statement; the ids this run won."""
    if not ids:
        return []
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    table = Message._meta.db_table
    marks = ", ".join(["%s"] * len(ids))
    sql = (
        f"UPDATE {table} SET status = %s, claimed_at = %s, attempts = attempts + 1 "  # noqa: S608
        f"WHERE id IN ({marks}) AND status = %s "
        "AND (next_attempt_at IS NULL OR next_attempt_at <= %s) RETURNING id"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [Message.Status.SENDING, now, *ids, Message.Status.QUEUED, now])
        return [row[0] for row in cursor.fetchall()]


def _mark_sent(sent: dict[int, str]) -> None:
    now = timezone.now()
    plain = [pk for pk, vendor_id in sent.items() if not vendor_id]
    if plain:  # the whole chunk in one statement
        Message.objects.filter(pk__in=plain, status=Message.Status.SENDING).update(
            status=Message.Status.SENT, sent_at=now, error="", next_attempt_at=None
        )
    for pk, vendor_id in sent.items():
        if vendor_id:
            Message.objects.filter(pk=pk, status=Message.Status.SENDING).update(
                status=Message.Status.SENT,
                sent_at=now,
                error="",
                next_attempt_at=None,
                vendor_id=vendor_id[:100],
            )


def _mark_failed(pk: int, attempts: int, reason: str, *, retry: bool) -> str:
    if retry and attempts < MAX_ATTEMPTS:
        status = Message.Status.QUEUED
        next_at = timezone.now() + BACKOFF[min(attempts, len(BACKOFF)) - 1]
    else:
        status, next_at = Message.Status.FAILED, None
    Message.objects.filter(pk=pk, status=Message.Status.SENDING).update(
        status=status, error=reason[:2000], next_attempt_at=next_at
    )
    return status


def _batches_sent(batches: Iterable[str]) -> None:
    for batch in batches:
        hook = _batch_hooks.get(batch.split(":")[0])
        if hook is not None:
            hook(batch)


def batch_send(batch: str) -> dict[str, int]:
    """Send the batch's due messages here, chunk by chunk (a retry, or a task run again)."""
    due = list(
        Message.objects.due(timezone.now())
        .filter(batch=batch)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    results: dict[str, int] = {}
    for start in range(0, len(due), CHUNK):
        for outcome, n in messages_send(ids=due[start : start + CHUNK]).items():
            results[outcome] = results.get(outcome, 0) + n
    _batches_sent([batch])
    return results


def batch_busy(batch: str) -> bool:
    return Message.objects.filter(batch=batch, status__in=BUSY).exists()


def messages_retry(messages) -> int:
    """Staff send failed messages again: a fresh set of attempts."""
    ids = list(messages.filter(status=Message.Status.FAILED).values_list("pk", flat=True))
    Message.objects.filter(pk__in=ids, status=Message.Status.FAILED).update(
        status=Message.Status.QUEUED, attempts=0, next_attempt_at=None
    )
    _publish(ids)
    return len(ids)


def messages_sweep(*, older_than: timedelta = UNPUBLISHED_AFTER) -> dict[str, int]:
    """The periodic job: show messages whose worker died as failed (never resent blindly), and
    hand over again the due ones (retries, and those never published while the broker was
    down)."""
    from .tasks import send

    now = timezone.now()
    stuck = Message.objects.filter(status=Message.Status.SENDING, claimed_at__lt=now - STUCK_AFTER)
    stuck_batches = set(stuck.exclude(batch="").values_list("batch", flat=True))
    stuck_count = stuck.update(
        status=Message.Status.FAILED,
        error=_(
            "Interrupted while sending: the message may or may not have gone out. "
            "Check with the recipient before sending again."
        ),
    )
    _batches_sent(stuck_batches)
    due = list(
        Message.objects.due(now)
        .filter(created_at__lt=now - older_than, created_at__gte=now - RECENT)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(due), CHUNK):
        publish(send, due[start : start + CHUNK])
    return {"stuck": stuck_count, "due": len(due)}


def tell_user(
    user, *, subject: str, body: str, sms_text: str = "", key: str | None = None
) -> list[Message]:
    """Tell a person through the channels they have and allow: e-mail to their address, and a
    text to their verified mobile when sms_text is given and they take texts (by default only
    someone without an e-mail address; the notices preferences decide)."""
    sent = []
    if user.email:
        sent.append(
            message_queue(
                channel=Channel.EMAIL,
                recipient=user.email,
                subject=subject,
                body=body,
                user=user,
                key=f"{key}:email" if key else None,
            )
        )
    phone = getattr(user, "verified_mobile", "")
    if sms_text and phone and _takes_texts(user):
        sent.append(
            message_queue(
                channel=Channel.SMS,
                recipient=phone,
                body=sms_text,
                user=user,
                purpose="notice",
                params={"title": subject[:20]},
                key=f"{key}:sms" if key else None,
            )
        )
    return sent


def _takes_texts(user) -> bool:
    if _sms_allowed:
        return _sms_allowed[0](user)
    return not user.email


def _today_start():
    return timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)


def texts_today() -> int:
    """Texts counted against today's budget (queued, sending or sent since midnight)."""
    return Message.objects.filter(
        channel=Channel.SMS, created_at__gte=_today_start(), status__in=SPENDING
    ).count()


def sms_budget_left() -> int:
    return max(settings.SMS_DAILY_LIMIT - texts_today(), 0)


def _block_over_budget(texts: list[Message]) -> None:
    """Past the portal's daily SMS budget texts are recorded as blocked, not sent, and staff
    are told (once a day)."""
    if not texts:
        return
    left = sms_budget_left()
    blocked = texts[left:]
    if not blocked:
        return
    first_today = not Message.objects.filter(
        channel=Channel.SMS, created_at__gte=_today_start(), status=Message.Status.BLOCKED
    ).exists()
    for message in blocked:
        message.status = Message.Status.BLOCKED
        message.error = _("Daily SMS budget reached.")
        log.warning("SMS to %s not sent: daily budget reached", mask_mobile(message.recipient))
    if first_today:
        _tell_staff_budget_reached()


def _tell_staff_budget_reached() -> None:
    from .alerts import staff_alert

    with translation.override(settings.LANGUAGE_CODE):
        text = _(
            "The daily SMS budget (%(limit)s messages) is used up: no more text messages go "
            "out today, including verification codes. Raise SMS_DAILY_LIMIT if this is "
            "expected, or look for abuse in the text message log."
        ) % {"limit": settings.SMS_DAILY_LIMIT}
    staff_alert(text)
