"""No log line, e-mail or error answer ever holds a full resident ID number or mobile number,
whatever the enrollment flow does: submit, bad input, staff review, an export or view that fails
with the applicant's data in its POST and local variables."""

import logging
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from core.privacy import mask_name, mask_personal_data
from enrollment import exports, services
from enrollment.demo import demo_resident_id
from enrollment.models import Application
from tests.enrollment.factories import ApplicationFactory, IntakeFactory

pytestmark = pytest.mark.django_db

ID_NUMBER = demo_resident_id("441900", date(1990, 1, 1), 123)  # a valid one
PHONE = "13812345678"


@pytest.fixture(autouse=True)
def _everything_logged_and_mailed(settings, caplog, tmp_path):
    settings.DEBUG = False
    settings.DATA_DIR = tmp_path
    settings.ADMINS = [("Admin", "admin@example.com")]
    caplog.set_level(logging.DEBUG)


@pytest.fixture
def no_full_numbers(caplog):
    answers = []
    yield answers
    formatter = logging.Formatter()
    written = [formatter.format(record) for record in caplog.get_records("call")] + answers
    for message in mail.outbox:
        written += [message.subject, message.body]
        written += [str(part[0]) for part in message.alternatives]
    for text in written:
        assert ID_NUMBER not in text and ID_NUMBER.lower() not in text
        assert PHONE not in text


def form(**overrides) -> dict:
    return {
        "full_name": "王小明",
        "id_number": ID_NUMBER,
        "phone": PHONE,
        "education": "高中",
        "ethnicity": "01",
        "political_status": "13",
        "household_region": "广东省东莞市长安镇",
        "previous_school": "东莞市长安中学",
        "employer": "东莞模具厂",
        "address": "东莞市",
        **overrides,
    }


@pytest.mark.parametrize(
    "name, masked",
    [("张三", "张*"), ("王小明", "王*明"), ("欧阳小明", "欧**明"), ("李", "李"), ("", "")],
)
def test_a_name_keeps_its_first_and_last_character(name, masked):
    assert mask_name(name) == masked


def test_masking_keeps_the_region_and_the_last_digits():
    masked = f"id 441***********{ID_NUMBER[-4:]} tel 138****5678"
    assert mask_personal_data(f"id {ID_NUMBER} tel {PHONE}") == masked


def test_applicant_submit_and_bad_input_leave_no_full_number(client_for, outsider, no_full_numbers):
    intake = IntakeFactory(document_kinds=[])
    client = client_for(outsider)
    refused = client.post(reverse("applicant_apply", args=[intake.pk]), form(phone="12"))
    assert refused.status_code == 200 and refused.context["form"].errors["phone"]
    stored = client.post(reverse("applicant_apply", args=[intake.pk]), form())
    assert stored.status_code == 302
    application = Application.objects.get()
    submitted = client.post(
        reverse("applicant_application_action", args=[application.pk, "submit"])
    )
    assert submitted.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    api = "/api/v1/enrollment/applications/"
    bad = client.post(
        api, {**form(phone="12"), "intake": intake.pk}, content_type="application/json"
    )
    assert bad.status_code == 400
    twice = client.post(api, {**form(), "intake": intake.pk}, content_type="application/json")
    assert twice.status_code == 400
    no_full_numbers += [bad.content.decode(), twice.content.decode()]


def test_staff_review_leaves_no_full_number_in_logs(client_for, staff, no_full_numbers):
    application = ApplicationFactory(
        id_number=ID_NUMBER, phone=PHONE, status=Application.Status.SUBMITTED
    )
    client = client_for(staff)
    detail = client.get(reverse("staff_application", args=[application.pk]))
    assert detail.status_code == 200 and application.full_name in detail.content.decode()
    found = client.get(reverse("staff_queue"), {"search": ID_NUMBER})
    assert found.status_code == 200 and application.full_name in found.content.decode()
    rejected = client.post(
        reverse("staff_application_action", args=[application.pk, "reject"]),
        {"reason": f"请核对身份证号 {ID_NUMBER} 和电话 {PHONE}"},
    )
    assert rejected.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.REJECTED


def test_a_view_failing_with_the_applicant_data_in_locals_and_post_mails_no_full_number(
    client, outsider, monkeypatch, no_full_numbers
):
    def fail(*, applicant, intake, **fields):
        id_number, phone = fields["id_number"], fields["phone"]  # noqa: F841 (frame locals)
        raise RuntimeError(f"cannot store {id_number} / {phone}")

    monkeypatch.setattr(services, "application_create", fail)
    intake = IntakeFactory(document_kinds=[])
    client.force_login(outsider)
    client.raise_request_exception = False
    response = client.post(reverse("applicant_apply", args=[intake.pk]), form())
    assert response.status_code == 500
    assert len(mail.outbox) == 1  # the admins' error mail, with POST and locals
    assert f"cannot store 441***********{ID_NUMBER[-4:]}" in mail.outbox[0].body
    no_full_numbers.append(response.content.decode())


def test_a_failing_export_mails_no_full_number(client_for, staff, monkeypatch, no_full_numbers):
    application = ApplicationFactory(id_number=ID_NUMBER, phone=PHONE)

    def fail(*, intake, user=None):
        row = [application.full_name, application.id_number, application.phone]
        raise ValueError(f"bad row {row}")

    monkeypatch.setattr(exports, "roster_xlsx", fail)
    client = client_for(staff)
    client.raise_request_exception = False
    response = client.get(reverse("staff_intake_roster", args=[application.intake_id]))
    assert response.status_code == 500
    assert mail.outbox
    no_full_numbers.append(response.content.decode())


def test_a_log_line_masks_numbers_as_the_pages_show_them():
    application = ApplicationFactory(id_number=ID_NUMBER, phone=PHONE)
    text = mask_personal_data(f"applicant {ID_NUMBER}, phone {PHONE}")
    # Written out by hand: the first 3 and the last 4 characters stay.
    assert text == f"applicant 441***********{ID_NUMBER[-4:]}, phone 138****5678"
    assert application.id_number_masked in text and application.phone_masked in text
