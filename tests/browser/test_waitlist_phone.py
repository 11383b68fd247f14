"""Done when: a withdrawal offers the first on the waiting list a place, who accepts it on a
390 px phone and, once enrolled, downloads the admission letter."""

import subprocess

import pytest

from enrollment import services
from enrollment.models import Application
from tests.enrollment.factories import IntakeFactory, submitted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_first_on_the_list_accepts_on_a_phone_and_downloads_the_letter(
    page, live_server, settings, staff, screenshot, tmp_path
):
    settings.DATA_DIR = tmp_path
    settings.SITE_URL = live_server.url
    intake = IntakeFactory(programme="工业机器人技术应用", quota=2)
    approved = [submitted(intake=intake) for _ in range(2)]
    first = submitted(intake=intake, full_name="陈晓雯")
    behind = submitted(intake=intake)
    for application in [*approved, first, behind]:
        services.application_approve(application=application, actor=staff)

    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", first.applicant.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.goto(live_server.url + f"/applicant/applications/{first.pk}/")
    assert page.locator("[data-testid=waitlist-position]").inner_text() == "1"
    screenshot("waitlist-1-position-phone")
    assert _fits(page)

    services.application_withdraw(application=approved[0], actor=approved[0].applicant)
    page.reload()
    assert page.locator("[data-testid=offer-badge]").is_visible()
    screenshot("waitlist-2-offer-phone")
    assert _fits(page)
    page.click("[data-testid=accept-offer]")
    assert page.locator("[data-testid=status]").inner_text() == "审核通过"
    first.refresh_from_db()
    assert first.status == Application.Status.APPROVED
    assert Application.objects.get(pk=behind.pk).waitlist_position == 1

    services.application_enrol(application=first, actor=staff)
    page.reload()
    screenshot("waitlist-3-enrolled-phone")
    assert _fits(page)
    with page.expect_download() as download:
        page.click("[data-testid=letter-download]")
    pdf = tmp_path / "letter.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    text = "".join(text.split())  # the title is letter-spaced, long lines wrap
    assert "录取通知书" in text and "陈晓雯" in text and "工业机器人技术应用" in text


def test_staff_see_the_list_in_order_and_move_someone_with_a_reason(
    page, live_server, staff, screenshot
):
    intake = IntakeFactory(programme="工业机器人技术应用", quota=3)
    applications = [submitted(intake=intake) for _ in range(8)]
    for application in applications:
        services.application_approve(application=application, actor=staff)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.goto(live_server.url + "/staff/enrollment/")
    assert page.locator("[data-testid=waitlist-link] .badge").inner_text() == "5"
    page.click("[data-testid=waitlist-link]")
    rows = page.locator("[data-testid=waitlist-row]")
    assert rows.count() == 5
    assert rows.nth(0).locator("a").inner_text() == applications[3].full_name
    last = rows.nth(4)
    last.locator("input[name=position]").fill("1")
    last.locator("input[name=reason]").fill("退役军人优先")
    last.locator("button").click()
    assert rows.nth(0).locator("a").inner_text() == applications[7].full_name
    assert "退役军人优先" in page.locator("main").inner_text()
    screenshot("waitlist-staff-1366")
    page.set_viewport_size(PHONE)
    page.reload()
    screenshot("waitlist-staff-390")
    assert _fits(page)
