"""A phone-only applicant signs up by number, applies with the verified number, and is told of
each decision by SMS (read from the local SMS folder)."""

from django.urls import reverse

from enrollment import services
from enrollment.models import Application
from tests.enrollment.factories import IntakeFactory
from tests.enrollment.test_api_applications import VALID_ID
from tests.factories import StaffFactory
from tests.sms_files import last_code, read_sms

NUMBER = "13612345678"
PASSWORD = "factory-floor-2026"


def _phone_applicant(client, sms_folder):
    client.post(
        "/accounts/signup/", {"phone": NUMBER, "password1": PASSWORD, "password2": PASSWORD}
    )
    client.post("/accounts/phone/verify/", {"code": last_code(sms_folder, NUMBER)})


def test_applying_by_phone_and_being_told_of_the_decision_by_sms(client, sms_folder):
    intake = IntakeFactory(programme="模具设计与制造", document_kinds=[])
    _phone_applicant(client, sms_folder)
    form = client.get(reverse("applicant_apply", args=[intake.pk])).context["form"]
    data = {
        "full_name": "王芳",
        "id_number": VALID_ID,
        "phone": form["phone"].value(),
        "education": "高中",
        "ethnicity": "01",
        "political_status": "13",
        "household_region": "广东省东莞市长安镇",
        "previous_school": "东莞市长安中学",
        "employer": "",
        "address": "",
    }
    response = client.post(reverse("applicant_apply", args=[intake.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    application = Application.objects.get()
    assert application.phone == NUMBER
    client.post(reverse("applicant_application_action", args=[application.pk, "submit"]))
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    before = len(read_sms(sms_folder))  # the sign-up code; submitting sends no SMS

    services.application_approve(application=application, actor=StaffFactory())
    texts = [text for to, text in read_sms(sms_folder)[before:] if to == NUMBER]
    assert len(texts) == 1
    assert "模具设计与制造" in texts[0] and "审核通过" in texts[0]
    assert f"/applicant/applications/{application.pk}/" in texts[0]


def test_each_decision_is_texted_once(sms_folder):
    from tests.enrollment.factories import submitted

    application = submitted(phone=NUMBER, intake=IntakeFactory(document_kinds=[]))
    staff = StaffFactory()
    services.application_return(application=application, actor=staff, reason="照片不清晰")
    services.application_submit(application=application, actor=application.applicant)
    services.application_approve(application=application, actor=staff)
    services.application_enrol(application=application, actor=staff)
    texts = [text for to, text in read_sms(sms_folder) if to == NUMBER]
    assert len(texts) == 3  # returned, approved, enrolled; not the re-submission
    assert "退回修改" in texts[0] and "审核通过" in texts[1]
    # A second run of the sender texts nobody again.
    from outbox.models import Message
    from outbox.services import messages_send

    messages_send(ids=Message.objects.values_list("pk", flat=True))
    assert len([1 for to, _ in read_sms(sms_folder) if to == NUMBER]) == 3
