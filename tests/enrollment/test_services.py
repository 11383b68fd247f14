from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from enrollment import services
from enrollment.models import Application, DocumentKind, Intake, Notification
from outbox import tasks as outbox_tasks
from outbox.models import Message

from .conftest import PDF, PNG
from .factories import ApplicationFactory, IntakeFactory, submitted

pytestmark = pytest.mark.django_db
S = Application.Status


def test_bulk_approve_beyond_the_quota_puts_the_rest_on_the_waiting_list(staff):
    intake = IntakeFactory(quota=100)
    applications = [submitted(intake=intake) for _ in range(103)]
    done, failed = services.applications_bulk_decide(
        applications=applications, actor=staff, action="approve"
    )
    assert len(done) == 103 and not failed
    assert intake.applications.filter(status=S.APPROVED).count() == 100
    assert [a.pk for a in done if a.on_waitlist] == [a.pk for a in applications[100:]]


def test_bulk_reject_needs_a_reason_for_each(staff):
    applications = [submitted() for _ in range(2)]
    done, failed = services.applications_bulk_decide(
        applications=applications, actor=staff, action="reject", reason=" "
    )
    assert not done and len(failed) == 2


def test_decision_records_who_when_why(staff):
    application = submitted()
    services.application_reject(application=application, actor=staff, reason="学历不符")
    application.refresh_from_db()
    assert application.status == S.REJECTED and application.decided_by == staff
    event = application.events.get()
    assert (event.actor, event.reason, event.from_status) == (staff, "学历不符", S.SUBMITTED)


def test_submit_outside_the_window_is_refused_but_a_returned_one_may_come_back(outsider, staff):
    intake = IntakeFactory(document_kinds=[])
    draft = ApplicationFactory(intake=intake, applicant=outsider)
    returned = submitted(intake=intake, applicant=outsider)
    services.application_return(application=returned, actor=staff, reason="补充")
    now = timezone.now()
    Intake.objects.filter(pk=intake.pk).update(
        opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=1)
    )
    with pytest.raises(services.EnrollmentError):
        services.application_submit(application=draft, actor=outsider)
    services.application_submit(application=returned, actor=outsider)
    returned.refresh_from_db()
    assert returned.status == S.SUBMITTED


@pytest.mark.parametrize(
    "content,name,ok",
    [
        (PNG, "photo.png", True),
        (PDF, "diploma.pdf", True),
        (b"\xff\xd8\xff\xe0" + b"0" * 20, "id.jpg", True),
        (b"MZ\x90\x00 not an image", "photo.png", False),  # a program renamed .png
        (b"<html>", "diploma.pdf", False),
    ],
)
def test_uploads_are_checked_by_content_not_name(outsider, content, name, ok):
    application = ApplicationFactory(applicant=outsider)
    upload = SimpleUploadedFile(name, content)
    if ok:
        document = services.document_upload(
            application=application, actor=outsider, kind=DocumentKind.PHOTO, upload=upload
        )
        with document.file.open("rb") as stored:
            assert stored.read() == content
    else:
        with pytest.raises(services.EnrollmentError):
            services.document_upload(
                application=application, actor=outsider, kind=DocumentKind.PHOTO, upload=upload
            )
        assert not application.documents.exists()


def test_oversized_upload_is_refused(outsider):
    application = ApplicationFactory(applicant=outsider)
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * services.MAX_UPLOAD_BYTES)
    with pytest.raises(services.EnrollmentError):
        services.document_upload(
            application=application, actor=outsider, kind=DocumentKind.DIPLOMA, upload=upload
        )


def test_a_new_upload_replaces_the_old_one_of_that_kind(outsider):
    application = ApplicationFactory(applicant=outsider)
    for content in (PNG, PDF):
        services.document_upload(
            application=application,
            actor=outsider,
            kind=DocumentKind.DIPLOMA,
            upload=SimpleUploadedFile("d", content),
        )
    assert application.documents.get().content_type == "application/pdf"


def test_status_change_notifies_once_by_mail_and_in_the_area(
    outsider, staff, django_capture_on_commit_callbacks
):
    application = submitted(applicant=outsider)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_return(application=application, actor=staff, reason="照片不清晰")
    notice = Notification.objects.select_related("message").get(recipient=outsider)
    assert notice.message.status == "sent"
    assert len(mail.outbox) == 1 and "照片不清晰" in mail.outbox[0].body
    assert mail.outbox[0].to == [outsider.email]
    # The task delivered again (a retry, a second worker): no second mail, no second notice.
    assert outbox_tasks.send([notice.message_id]) == {"skipped": 1}
    assert len(mail.outbox) == 1 and Notification.objects.count() == 1


def test_notification_is_queued_only_after_commit(staff, django_capture_on_commit_callbacks):
    application = submitted()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.application_approve(application=application, actor=staff)
        # recorded with the status change, sent by nobody before the commit
        assert Notification.objects.get().message.status == "queued"
    assert callbacks and not mail.outbox


def test_a_failed_mail_is_sent_by_the_retry(
    outsider, staff, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(self, messages):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", broken)
    application = submitted(applicant=outsider)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(application=application, actor=staff)
    message = Notification.objects.get().message
    assert message.status == "queued" and "mail server down" in message.error
    assert not mail.outbox
    monkeypatch.undo()
    Message.objects.update(next_attempt_at=timezone.now())  # the back-off has passed
    assert outbox_tasks.send([message.pk]) == {"sent": 1}
    message.refresh_from_db()
    assert message.status == "sent" and message.attempts == 2
    assert len(mail.outbox) == 1
    assert outbox_tasks.send([message.pk]) == {"skipped": 1}
