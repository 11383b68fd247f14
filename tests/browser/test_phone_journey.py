"""A new applicant with only a phone: from the poster's QR link to a submitted application on a
390 px screen, signing up by mobile number and SMS code; told of the decision by SMS."""

import re
from datetime import date

import pytest
from django.core.cache import cache

from enrollment import services
from enrollment.demo import demo_resident_id
from enrollment.models import Application
from enrollment.posters import intake_url
from tests.enrollment.conftest import PNG
from tests.enrollment.factories import IntakeFactory
from tests.sms_files import last_code, read_sms

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
NUMBER = "13800138000"
PASSWORD = "factory-floor-2026"


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_from_the_poster_to_a_submitted_application_on_a_phone(
    page, live_server, settings, tmp_path, staff, screenshot
):
    settings.DATA_DIR = tmp_path
    settings.SITE_URL = live_server.url
    settings.SMS_URL = f"file://{tmp_path / 'sms'}"
    cache.clear()
    intake = IntakeFactory(programme="模具设计与制造", document_kinds=["id_front"])
    page.set_viewport_size(PHONE)

    page.goto(intake_url(intake))  # what the poster's QR code opens
    screenshot("phone-1-poster-link")
    assert _fits(page)
    page.click("[data-testid=register-now]")

    page.wait_for_url("**/accounts/signup/**")
    phone_input = page.locator("input[name=phone]")
    assert phone_input.get_attribute("inputmode") == "numeric"
    phone_input.fill("138 0013 8000")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    screenshot("phone-2-signup")
    assert _fits(page)
    page.click("main form button[type=submit]")

    page.wait_for_url("**/accounts/phone/verify/**")
    code_input = page.locator("input[name=code]")
    assert code_input.get_attribute("autocomplete") == "one-time-code"
    assert code_input.get_attribute("inputmode") == "numeric"
    resend = page.locator('button[form="resend"]')
    assert resend.is_disabled() and re.search(r"\(\d+s\)", resend.inner_text())
    screenshot("phone-3-code")
    assert _fits(page)
    code_input.fill(last_code(tmp_path / "sms", NUMBER))
    page.click("main form button[type=submit] >> nth=0")

    # Straight on to the form, the verified number already filled in.
    page.wait_for_url(f"**/applicant/apply/{intake.pk}/")
    assert page.locator("input[name=phone]").input_value() == NUMBER
    page.fill("input[name=full_name]", "王芳")
    page.fill("input[name=id_number]", demo_resident_id("441900", date(1990, 3, 8), 123))
    page.select_option("select[name=education]", "高中")
    page.select_option("select[name=ethnicity]", "01")
    page.select_option("select[name=political_status]", "13")
    page.fill("input[name=household_region]", "广东省东莞市长安镇")
    page.fill("input[name=previous_school]", "东莞市长安中学")
    screenshot("phone-4-form")
    assert _fits(page)
    page.click("[data-testid=application-form] button[type=submit]")
    page.wait_for_url(re.compile(r".*/applicant/applications/\d+/$"))

    (tmp_path / "id.png").write_bytes(PNG)
    page.select_option("select[name=kind]", "id_front")
    page.set_input_files("input[name=file]", str(tmp_path / "id.png"))
    page.click("[data-testid=upload-form] button[type=submit]")
    page.click("[data-testid=submit]")
    assert page.locator("[data-testid=status]").inner_text() == "已提交"
    screenshot("phone-5-submitted")
    assert _fits(page)

    application = Application.objects.get()
    services.application_approve(application=application, actor=staff)
    texts = [text for to, text in read_sms(tmp_path / "sms") if to == NUMBER]
    assert "审核通过" in texts[-1] and "模具设计与制造" in texts[-1]
