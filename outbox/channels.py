"""How each channel sends a chunk of claimed messages.

A sender takes the chunk and returns what became of each message: sent (with the vendor's id)
or failed (with the reason and whether trying again may help). E-mail, SMS and the WeCom group
robot are here; WeChat plugs in with `register` when the group's account exists."""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives, get_connection

from core.alerts import wecom_post
from sms.backends import PermanentError, TransientError, get_backend

from .models import Channel, Message

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    sent: dict[int, str] = field(default_factory=dict)  # id -> vendor id
    failed: dict[int, tuple[str, bool]] = field(default_factory=dict)  # id -> (reason, retry)


Sender = Callable[[list[Message]], Outcome]
SENDERS: dict[str, Sender] = {}


def register(channel: str, sender: Sender) -> None:
    SENDERS[channel] = sender


def _reason(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


def email_of(message: Message, files: dict[str, bytes]) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject.replace("\n", " "),
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    for attachment in message.attachments:
        path = attachment["path"]
        if path not in files:
            with default_storage.open(path, "rb") as f:
                files[path] = f.read()
        email.attach(attachment["name"], files[path])
    return email


def send_emails(messages: list[Message]) -> Outcome:
    """The chunk over one connection; each message's failure is its own."""
    outcome, files = Outcome(), {}
    connection = get_connection()
    try:
        connection.open()
    except Exception as exc:  # noqa: BLE001 - the server is down: every message waits
        log.warning("Mail server unreachable: %s", exc)
        outcome.failed = {m.pk: (_reason(exc), True) for m in messages}
        return outcome
    try:
        for message in messages:
            try:
                connection.send_messages([email_of(message, files)])
            except Exception as exc:  # noqa: BLE001 - recorded for staff, retried later
                log.warning("E-mail %s failed: %s", message.pk, exc)
                outcome.failed[message.pk] = (_reason(exc), True)
            else:
                outcome.sent[message.pk] = ""
    finally:
        connection.close()
    return outcome


def send_texts(messages: list[Message]) -> Outcome:
    """Each text through the SMS vendor (SMS_URL); a permanent error is not tried again."""
    outcome, backend = Outcome(), get_backend()
    for message in messages:
        try:
            outcome.sent[message.pk] = (
                backend.send(
                    phone=message.recipient,
                    text=message.body,
                    purpose=message.purpose,
                    params=message.params,
                )
                or ""
            )
        except TransientError as exc:
            outcome.failed[message.pk] = (str(exc)[:2000], True)
        except PermanentError as exc:
            outcome.failed[message.pk] = (str(exc)[:2000], False)
        except Exception as exc:  # noqa: BLE001 - unexpected: recorded, never resent blindly
            log.exception("SMS %s: unexpected error", message.pk)
            outcome.failed[message.pk] = (_reason(exc), False)
        else:
            log.info(
                "SMS %s (%s) sent to %s", message.pk, message.purpose, message.recipient_masked
            )
    return outcome


def send_to_wecom_robot(messages: list[Message]) -> Outcome:
    """Each text to the WeCom group robot (WECOM_WEBHOOK_URL); an error answer is retried."""
    outcome = Outcome()
    for message in messages:
        try:
            wecom_post(message.body)
        except (OSError, RuntimeError, ValueError) as exc:
            log.warning("WeCom robot message %s failed: %s", message.pk, exc)
            outcome.failed[message.pk] = (_reason(exc), True)
        else:
            outcome.sent[message.pk] = ""
    return outcome


register(Channel.EMAIL, send_emails)
register(Channel.SMS, send_texts)
register(Channel.WECOM, send_to_wecom_robot)
