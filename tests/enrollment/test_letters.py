"""Admission letters: issued on enrolment, downloaded by the applicant (A4, Chinese, with a QR
code to a public page that says valid, revoked or unknown), printed in bulk by staff."""

import re
import subprocess
from datetime import date

import pytest
import segno
from django.urls import reverse
from django.utils import translation

from audit.models import Act, AuditEntry
from enrollment import services
from enrollment.models import AdmissionLetter, Application
from tests.factories import MemberFactory, StaffFactory

from .factories import IntakeFactory, submitted

pytestmark = pytest.mark.django_db
S = Application.Status


def enrolled(staff, **intake_fields) -> Application:
    application = submitted(intake=IntakeFactory(**intake_fields), full_name="欧阳小明")
    services.application_approve(application=application, actor=staff)
    services.application_enrol(application=application, actor=staff)
    application.refresh_from_db()
    return application


def pdf_facts(content: bytes, tmp_path) -> tuple[str, str]:
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(content)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    return info, text


def test_the_enrolled_applicant_downloads_an_a4_chinese_letter(
    client_for, staff, settings, tmp_path
):
    settings.SITE_URL = "https://portal.example.org"
    settings.GROUP_NAME = "东莞市模具（国际）职业教育集团"
    school = MemberFactory(name="东莞市长安职业高级中学", kind="vocational_school")
    application = enrolled(
        staff,
        programme="模具设计与制造",
        school=school,
        starts_on=date(2026, 9, 6),
        report_place="长安镇实训楼一楼",
    )
    letter = AdmissionLetter.objects.get(application=application)
    response = client_for(application.applicant).get(
        reverse("applicant_letter", args=[application.pk])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    info, text = pdf_facts(response.content, tmp_path)
    assert "595.276 x 841.89 pts (A4)" in info
    assert re.search(r"^Pages:\s+1$", info, re.M)
    flat = re.sub(r"\s+", "", text)
    for expected in (
        "东莞市模具（国际）职业教育集团",
        "东莞市长安职业高级中学",
        "模具设计与制造",
        "2026年9月6日",
        "长安镇实训楼一楼",
        "录取通知书",
        "欧阳小明",
        letter.number,
    ):
        assert expected in flat, expected
    assert f"https://portal.example.org/letters/{letter.token}/" in flat


def test_the_qr_code_opens_the_verification_page(staff, settings):
    settings.SITE_URL = "https://portal.example.org"
    from enrollment import letters

    application = enrolled(staff)
    letter = application.letter
    url = letters.verify_url(letter)
    assert url == f"https://portal.example.org/letters/{letter.token}/"
    # The page's QR image is the one segno makes for that address.
    page = letters._page(letter)
    assert page["qr"] == segno.make(url, error="m").svg_data_uri(scale=6, border=2)


def test_nobody_else_downloads_the_letter_and_none_before_enrolment(client_for, staff):
    application = enrolled(staff)
    other = submitted()
    url = reverse("applicant_letter", args=[application.pk])
    assert client_for(other.applicant).get(url).status_code == 404
    own_unenrolled = reverse("applicant_letter", args=[other.pk])
    assert client_for(other.applicant).get(own_unenrolled).status_code == 404


def test_verification_says_valid_revoked_or_unknown_with_a_masked_name(client, staff):
    application = enrolled(staff)
    letter = application.letter
    url = reverse("letter_verify", args=[letter.token])
    page = client.get(url).content.decode()
    assert 'data-verdict="valid"' in page and letter.number in page
    assert "欧**明" in page and "欧阳小明" not in page
    assert application.id_number not in page and application.phone not in page

    services.letter_revoke(letter=letter, actor=staff, reason="材料造假")
    page = client.get(url).content.decode()
    assert 'data-verdict="revoked"' in page and "材料造假" not in page

    response = client.get(reverse("letter_verify", args=["no-such-letter"]))
    assert response.status_code == 404
    assert 'data-verdict="unknown"' in response.content.decode()


def test_a_revoked_letter_is_no_longer_downloadable(client_for, staff):
    application = enrolled(staff)
    services.letter_revoke(letter=application.letter, actor=staff, reason="学籍注销")
    url = reverse("applicant_letter", args=[application.pk])
    assert client_for(application.applicant).get(url).status_code == 404
    assert application.events.filter(action="letter_revoke", reason="学籍注销").exists()


def test_staff_with_the_export_permission_print_an_intakes_letters_as_one_pdf(
    client_for, staff, tmp_path
):
    intake = IntakeFactory(quota=10)
    applications = [submitted(intake=intake) for _ in range(3)]
    for application in applications:
        services.application_approve(application=application, actor=staff)
        services.application_enrol(application=application, actor=staff)
    url = reverse("staff_intake_letters", args=[intake.pk])
    response = client_for(staff).get(url)
    assert response.status_code == 200
    info, text = pdf_facts(response.content, tmp_path)
    assert re.search(r"^Pages:\s+3$", info, re.M)
    for application in applications:
        assert application.full_name in text
    exported = AuditEntry.objects.filter(act=Act.EXPORT, detail="admission_letters")
    assert exported.count() == 3
    with translation.override("zh-hans"):
        # the access log says it in words
        assert exported.first().detail_display == "批量打印录取通知书"

    reviewer = StaffFactory(roles=["enrollment_reviewer"])
    intake.reviewers.add(reviewer)
    assert client_for(reviewer).get(url).status_code == 403


def test_the_api_gives_the_letter_of_an_enrolled_application(api_client, staff):
    application = enrolled(staff)
    api_client.force_authenticate(application.applicant)
    body = api_client.get(f"/api/v1/enrollment/applications/{application.pk}/").json()
    assert body["letter"]["number"] == application.letter.number
    assert body["letter"]["valid"] is True
    assert body["letter"]["download"] == reverse("applicant_letter", args=[application.pk])


def test_the_applicant_is_told_when_the_letter_is_revoked(
    staff, django_capture_on_commit_callbacks
):
    from enrollment.models import Notification

    application = enrolled(staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.letter_revoke(letter=application.letter, actor=staff, reason="学籍注销")
    notice = Notification.objects.get(event__action="letter_revoke")
    assert "录取通知书已撤销" in notice.subject
    assert "不再有效" in notice.body and "学籍注销" in notice.body
