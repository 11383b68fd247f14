"""Every message is recorded, claimed, sent once, and marked sent or failed with its reason."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from accounts.models import User
from outbox import services, tasks
from outbox.models import Message
from tests.factories import UserFactory
from tests.sms_files import read_sms

pytestmark = pytest.mark.django_db


class RefusingBackend:
    """An SMTP server that refuses every message."""

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return False

    def close(self):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server refused the connection")


def queue(n: int, **kwargs) -> list[Message]:
    return [
        services.message_queue(
            channel="email", recipient=f"p{i}@example.com", subject="通知", body="您好", **kwargs
        )
        for i in range(n)
    ]


def test_a_queued_message_leaves_after_commit_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [message] = queue(1)
    assert [m.to for m in mail.outbox] == [["p0@example.com"]]
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("sent", 1)
    tasks.send([message.pk])
    assert len(mail.outbox) == 1


def test_the_same_key_never_queues_twice(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.message_queue(
            channel="email", recipient="a@example.com", body="一", key="invite:7"
        )
        second = services.message_queue(
            channel="email", recipient="a@example.com", body="二", key="invite:7"
        )
    assert first.pk == second.pk
    assert Message.objects.count() == 1
    assert [m.body for m in mail.outbox] == ["一"]


def test_a_chunk_goes_over_one_connection_and_a_second_run_sends_nothing(monkeypatch):
    messages = queue(5)
    opened = []
    real = mail.get_connection

    def counting(*args, **kwargs):
        opened.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr("outbox.channels.get_connection", counting)
    ids = [m.pk for m in messages]
    assert services.messages_send(ids=ids) == {"sent": 5}
    assert services.messages_send(ids=ids) == {"skipped": 5}
    assert len(opened) == 1
    assert sorted(m.to[0] for m in mail.outbox) == [f"p{i}@example.com" for i in range(5)]


def test_a_refused_message_is_retried_with_back_off_then_failed_with_the_reason(settings):
    [message] = queue(1)
    settings.EMAIL_BACKEND = "tests.outbox.test_outbox.RefusingBackend"
    tasks.send([message.pk])
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("queued", 1)
    assert message.next_attempt_at > timezone.now()
    tasks.send([message.pk])  # not due yet
    message.refresh_from_db()
    assert message.attempts == 1
    for _ in range(services.MAX_ATTEMPTS - 1):
        Message.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
        tasks.send([message.pk])
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("failed", 3)
    assert "refused" in message.error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.messages_retry(Message.objects.all()) == 1
    tasks.send([message.pk])
    assert len(mail.outbox) == 1


def test_the_sweeper_fails_interrupted_messages_and_sends_the_forgotten_ones():
    interrupted, forgotten = queue(2)
    Message.objects.filter(pk=interrupted.pk).update(
        status="sending", claimed_at=timezone.now() - timedelta(hours=1)
    )
    Message.objects.filter(pk=forgotten.pk).update(created_at=timezone.now() - timedelta(hours=1))
    assert tasks.sweep() == {"stuck": 1, "due": 1}
    interrupted.refresh_from_db()
    assert interrupted.status == "failed" and "可能" in interrupted.error
    assert [m.to[0] for m in mail.outbox] == [forgotten.recipient]


def test_a_text_goes_through_the_sms_backend(sms_folder, django_capture_on_commit_callbacks):
    services.message_queue(channel="sms", recipient="+8613912345678", body="【职教集团】您好")
    assert read_sms(sms_folder) == [("13912345678", "【职教集团】您好")]
    assert Message.objects.get().status == "sent"


def test_texts_past_the_daily_budget_are_blocked(settings):
    settings.SMS_DAILY_LIMIT = 1
    first = services.message_queue(channel="sms", recipient="13912345678", body="一")
    second = services.message_queue(channel="sms", recipient="13912345678", body="二")
    assert (first.status, second.status) == ("queued", "blocked")


def test_tell_user_mails_and_texts_only_someone_who_takes_texts(django_capture_on_commit_callbacks):
    with_mail = UserFactory(phone="+8613912345678", phone_verified=True)
    phone_only = UserFactory(phone="+8613912345679", phone_verified=True)
    unverified = UserFactory(phone="+8613912345670", phone_verified=False)
    User.objects.filter(pk__in=[phone_only.pk, unverified.pk]).update(email="")
    phone_only.refresh_from_db()
    unverified.refresh_from_db()
    got = {
        user.pk: [
            m.channel
            for m in services.tell_user(user, subject="标题", body="正文", sms_text="短信")
        ]
        for user in (with_mail, phone_only, unverified)
    }
    assert got == {with_mail.pk: ["email"], phone_only.pk: ["sms"], unverified.pk: []}
    [text] = Message.objects.filter(channel="sms")
    assert text.recipient == "13912345679"


@pytest.mark.django_db(transaction=True)
def test_workers_racing_for_one_chunk_on_postgresql_send_each_message_once(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    monkeypatch.setattr(services, "_publish", lambda ids: None)
    ids = [m.pk for m in queue(40)]
    racers = 4
    barrier = threading.Barrier(racers)
    errors = []

    def send():
        try:
            barrier.wait()
            services.messages_send(ids=ids)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"p{i}@example.com" for i in range(40))
    assert set(Message.objects.values_list("status", flat=True)) == {"sent"}
