"""An applicant on a phone: sign up, save a draft, come back, upload, submit, get returned, fix,
get approved. Staff bulk-approve 100 applications from the review queue."""

import re
from datetime import date
from io import BytesIO

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from enrollment import services
from enrollment.demo import demo_resident_id
from enrollment.models import Application
from tests.conftest import PASSWORD
from tests.enrollment.conftest import PDF, PNG
from tests.enrollment.factories import ApplicationFactory, IntakeFactory, submitted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def real_png() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (120, 80), (11, 93, 122)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def test_applicant_journey_on_a_phone(page, live_server, staff, screenshot, tmp_path):
    intake = IntakeFactory(programme="模具制造技术", document_kinds=["id_front", "diploma"])
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/intakes/")
    assert "模具制造技术" in page.locator("[data-testid=open-intakes]").inner_text()
    screenshot("enrollment-phone-1-intakes")

    cache.clear()  # allauth's rate limits (e.g. one confirmation mail per address) live there
    page.goto(live_server.url + "/accounts/signup/")
    page.fill("input[name=email]", "journey-applicant@example.com")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/accounts/confirm-email/")  # allauth sent the verification mail
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(live_server.url + "/accounts/" + link.split("/accounts/", 1)[1])
    page.click("main form button[type=submit]")  # confirm the address: logged in

    page.goto(live_server.url + f"/applicant/apply/{intake.pk}/")
    page.fill("input[name=full_name]", "李明")
    id_number = demo_resident_id("441900", date(1988, 5, 17), 123)
    page.fill("input[name=id_number]", id_number)
    assert "1988-05-17" in page.locator("[data-testid=id-facts]").inner_text()
    page.fill("input[name=phone]", "13800138000")
    page.select_option("select[name=education]", "高中")
    page.select_option("select[name=ethnicity]", "01")
    page.select_option("select[name=political_status]", "13")
    page.fill("input[name=household_region]", "广东省东莞市长安镇")
    page.fill("input[name=previous_school]", "东莞市长安中学")
    screenshot("enrollment-phone-2-form")
    page.click("[data-testid=application-form] button[type=submit]")
    page.wait_for_url(re.compile(r".*/applicant/applications/\d+/$"))
    assert "1988-05-17" in page.locator("[data-testid=birth-date]").inner_text()

    # Come back later: the draft is there.
    page.goto(live_server.url + "/applicant/")
    page.click("[data-testid=my-application]")
    (tmp_path / "id.png").write_bytes(PNG)
    (tmp_path / "diploma.pdf").write_bytes(PDF)
    page.select_option("select[name=kind]", "id_front")
    page.set_input_files("input[name=file]", str(tmp_path / "id.png"))
    page.click("[data-testid=upload-form] button[type=submit]")
    page.select_option("select[name=kind]", "diploma")
    page.set_input_files("input[name=file]", str(tmp_path / "diploma.pdf"))
    page.click("[data-testid=upload-form] button[type=submit]")
    screenshot("enrollment-phone-3-documents")
    page.click("[data-testid=submit]")
    assert page.locator("[data-testid=status]").inner_text() == "已提交"

    application = Application.objects.get(applicant__email="journey-applicant@example.com")
    services.application_return(application=application, actor=staff, reason="毕业证书不清晰")
    page.reload()
    assert "毕业证书不清晰" in page.locator("[data-testid=returned-reason]").inner_text()
    screenshot("enrollment-phone-4-returned")
    page.select_option("select[name=kind]", "diploma")
    page.set_input_files("input[name=file]", str(tmp_path / "id.png"))
    page.click("[data-testid=upload-form] button[type=submit]")
    page.click("[data-testid=submit]")
    assert page.locator("[data-testid=status]").inner_text() == "已提交"

    services.application_approve(application=application, actor=staff)
    page.goto(live_server.url + "/applicant/")
    assert "审核通过" in page.locator("[data-testid=notices]").inner_text()
    page.click("[data-testid=my-application]")
    assert page.locator("[data-testid=status]").inner_text() == "审核通过"
    screenshot("enrollment-phone-5-approved")


def test_staff_bulk_approves_100_from_the_queue(page, live_server, staff, screenshot):
    intake = IntakeFactory(programme="电子商务", quota=150, document_kinds=["photo"])
    with_photo = ApplicationFactory(intake=intake)
    services.document_upload(
        application=with_photo,
        actor=with_photo.applicant,
        kind="photo",
        upload=SimpleUploadedFile("photo.png", real_png()),
    )
    services.document_upload(
        application=with_photo,
        actor=with_photo.applicant,
        kind="diploma",
        upload=SimpleUploadedFile("毕业证书.pdf", PDF),
    )
    services.application_submit(application=with_photo, actor=with_photo.applicant)
    applications = [with_photo] + [submitted(intake=intake) for _ in range(99)]
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.goto(live_server.url + f"/staff/enrollment/applications/{applications[0].pk}/")
    assert page.locator("[data-testid=documents] img").evaluate("i => i.naturalWidth") == 120
    # PDFs are not shown inline (every upload is served as an attachment): a download link.
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("毕业证书.pdf")).click()
    assert download.value.suggested_filename == "毕业证书.pdf"
    screenshot("enrollment-staff-application")
    page.goto(
        live_server.url
        + f"/staff/enrollment/applications/?intake={intake.pk}&status=submitted&per_page=100"
    )
    screenshot("enrollment-staff-queue")
    page.check("thead input[type=checkbox]")
    page.evaluate(
        "document.querySelectorAll('input[name=selected]').forEach(b => b.checked = true)"
    )
    page.click("[data-testid=bulk-approve]")
    assert "100" in page.locator(".alert-success").inner_text()
    assert intake.applications.filter(status=Application.Status.APPROVED).count() == 100
    page.goto(live_server.url + "/staff/enrollment/")
    screenshot("enrollment-staff-funnel")
