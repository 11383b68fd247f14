"""Text messages are recorded in the outbox before they leave, retried with back-off on
transient errors and never sent twice; the default backend writes the contract's local files."""

from datetime import timedelta

import pytest
from django.utils import timezone

from outbox import services
from outbox.models import Message
from sms.backends import PermanentError, TransientError, backend_from_url
from sms.backends.console import ConsoleBackend
from sms.backends.local import LocalFileBackend
from sms.models import sms_parts
from tests.sms_files import read_sms

pytestmark = pytest.mark.django_db
NUMBER = "13912345678"


class FlakyBackend:
    """Fails with the given errors first, then sends; counts real sends."""

    def __init__(self, *errors):
        self.errors = list(errors)
        self.sent = []

    def send(self, *, phone, text, purpose, params):
        if self.errors:
            raise self.errors.pop(0)
        self.sent.append((phone, text))
        return f"vendor-{len(self.sent)}"


@pytest.fixture
def backend(monkeypatch):
    def install(*errors):
        fake = FlakyBackend(*errors)
        monkeypatch.setattr("outbox.channels.get_backend", lambda: fake)
        return fake

    return install


def _queued(text="您好", **kwargs) -> Message:
    return Message.objects.create(
        channel="sms", recipient=NUMBER, body=text, purpose="notice", **kwargs
    )


def _send(message: Message) -> str:
    """The message's status after a send, or 'skipped' when this run did not claim it."""
    if services.messages_send(ids=[message.pk]).get("skipped"):
        return "skipped"
    message.refresh_from_db()
    return message.status


def test_the_local_backend_writes_one_utf8_file_number_first_then_the_text(tmp_path):
    LocalFileBackend(tmp_path).send(
        phone=NUMBER, text="【职教集团】您的申请已通过。\n第二行", purpose="notice", params={}
    )
    [path] = list(tmp_path.iterdir())
    assert path.read_bytes().decode("utf-8") == f"{NUMBER}\n【职教集团】您的申请已通过。\n第二行\n"


def test_the_default_sms_url_writes_into_the_data_folder(settings, tmp_path):
    settings.SMS_URL, settings.DATA_DIR = "", tmp_path
    backend = backend_from_url("")
    assert isinstance(backend, LocalFileBackend) and backend.folder == tmp_path / "sms"


def test_console_backend_prints_a_masked_number(capsys):
    assert isinstance(backend_from_url("console://"), ConsoleBackend)
    backend_from_url("console://").send(phone=NUMBER, text="你好", purpose="notice", params={})
    out = capsys.readouterr().out
    assert "139****5678" in out and NUMBER not in out and "你好" in out


def test_an_unknown_sms_url_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        backend_from_url("carrier-pigeon://x")


def test_queueing_records_the_message_before_it_is_handed_over(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.SMS_URL = f"file://{tmp_path}"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = services.message_queue(
            channel="sms", recipient="+86" + NUMBER, body="通知", purpose="notice"
        )
    # Recorded, 11-digit number, nothing sent until the transaction commits.
    assert Message.objects.get().status == Message.Status.QUEUED
    assert message.recipient == NUMBER
    assert read_sms(tmp_path) == []
    for callback in callbacks:
        callback()
    assert read_sms(tmp_path) == [(NUMBER, "通知")]
    message.refresh_from_db()
    assert message.status == Message.Status.SENT and message.vendor_id and message.sent_at


def test_a_message_is_never_sent_twice(backend):
    fake = backend()
    message = _queued()
    assert _send(message) == Message.Status.SENT
    assert _send(message) == "skipped"
    assert len(fake.sent) == 1


def test_a_message_another_worker_is_sending_is_left_alone(backend):
    fake = backend()
    message = _queued(status=Message.Status.SENDING, claimed_at=timezone.now())
    assert _send(message) == "skipped"
    assert fake.sent == []


def test_a_transient_error_is_retried_later_with_back_off(backend):
    fake = backend(TransientError("timeout"), TransientError("busy"))
    message = _queued()
    before = timezone.now()
    assert _send(message) == Message.Status.QUEUED
    message.refresh_from_db()
    assert message.error == "timeout" and message.attempts == 1
    first_wait = message.next_attempt_at - before
    # Not due yet: another run does not send it.
    assert _send(message) == "skipped"
    Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert _send(message) == Message.Status.QUEUED
    message.refresh_from_db()
    assert message.next_attempt_at - timezone.now() > first_wait  # waits longer each time
    Message.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now(), created_at=timezone.now() - timedelta(minutes=5)
    )
    assert services.messages_sweep() == {"stuck": 0, "due": 1}
    message.refresh_from_db()
    assert (message.status, message.attempts, message.error) == ("sent", 3, "")
    assert len(fake.sent) == 1


def test_transient_errors_give_up_after_the_last_attempt(backend):
    backend(*[TransientError("down")] * 10)
    message = _queued()
    for _ in range(services.MAX_ATTEMPTS):
        Message.objects.filter(pk=message.pk).update(next_attempt_at=None)
        _send(message)
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("failed", services.MAX_ATTEMPTS)


def test_a_permanent_error_fails_at_once_with_the_vendors_reason(backend):
    backend(PermanentError("isv.MOBILE_NUMBER_ILLEGAL"))
    message = _queued()
    assert _send(message) == Message.Status.FAILED
    message.refresh_from_db()
    assert message.error == "isv.MOBILE_NUMBER_ILLEGAL" and message.next_attempt_at is None


def test_a_message_interrupted_while_sending_is_reported_not_resent(backend):
    fake = backend()
    message = _queued(status=Message.Status.SENDING, claimed_at=timezone.now() - timedelta(hours=1))
    services.messages_sweep()
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED and fake.sent == []


@pytest.mark.parametrize(("length", "parts"), [(1, 1), (70, 1), (71, 2), (134, 2), (135, 3)])
def test_parts_follow_the_vendors_70_and_67_character_rule(length, parts):
    assert sms_parts("字" * length) == parts
