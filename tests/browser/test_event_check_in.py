"""Checking people in on a phone (390 px): the typed code and the name search, a second scan
told so, and the registrant's ticket with its QR code."""

import pytest

from events import services
from tests.conftest import PASSWORD
from tests.events.factories import EventFactory
from tests.factories import StaffFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def log_in(page, live_server, user):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


@pytest.fixture
def meeting(db):
    event = EventFactory(title="集团年度理事会", capacity=10)
    attendee = UserFactory()
    ticket = services.register(event=event, by=attendee, name="王明")
    other = services.register(event=event, by=UserFactory(), name="陈晓红")
    return {"event": event, "attendee": attendee, "ticket": ticket, "other": other}


def test_the_registrant_sees_the_ticket_qr_code_on_a_phone(page, live_server, meeting, screenshot):
    page.set_viewport_size(PHONE)
    log_in(page, live_server, meeting["attendee"])
    page.goto(live_server.url + f"/events/tickets/{meeting['ticket'].code}/")
    qr = page.locator("[data-testid=ticket-qr]")
    assert qr.is_visible()
    assert qr.bounding_box()["width"] >= 200  # big enough to scan
    assert page.locator("[data-testid=ticket-code]").inner_text() == meeting["ticket"].code
    assert page.evaluate(OVERFLOW) <= 0
    screenshot("event-ticket-phone")


def test_staff_check_in_on_a_phone_by_code_then_by_name(page, live_server, meeting, screenshot):
    page.set_viewport_size(PHONE)
    staff = StaffFactory(roles=["member_affairs"])
    log_in(page, live_server, staff)
    page.goto(live_server.url + f"/staff/events/{meeting['event'].pk}/check-in/")
    assert page.locator("#code").is_visible()
    assert page.evaluate(OVERFLOW) <= 0
    page.fill("#code", meeting["ticket"].code.lower())
    page.click("#code-form button[type=submit]")
    page.wait_for_load_state()
    assert "王明已签到" in page.locator(".alert").first.inner_text()
    assert page.locator("[data-testid=checked-in-count]").inner_text() == "1"
    screenshot("event-check-in-phone")

    page.fill("#code", meeting["ticket"].code)
    page.click("#code-form button[type=submit]")
    page.wait_for_load_state()
    assert "王明此前已于" in page.locator(".alert").first.inner_text()
    assert page.locator("[data-testid=checked-in-count]").inner_text() == "1"

    page.fill("#q", "晓红")
    page.click("[data-testid=name-search] button[type=submit]")
    page.wait_for_load_state()
    page.locator("[data-testid=search-results] button[type=submit]").click()
    page.wait_for_load_state()
    assert "陈晓红已签到" in page.locator(".alert").first.inner_text()
    assert page.locator("[data-testid=checked-in-count]").inner_text() == "2"
    screenshot("event-check-in-by-name-phone")
    meeting["other"].refresh_from_db()
    assert meeting["other"].checked_in_at is not None


def test_the_staff_event_page_and_the_calendar_on_a_desktop(page, live_server, meeting, screenshot):
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server, StaffFactory(roles=["member_affairs"]))
    page.goto(live_server.url + f"/staff/events/{meeting['event'].pk}/")
    assert page.locator("[data-testid=confirmed] tbody tr").count() == 2
    screenshot("event-staff-detail-desktop")
    page.goto(live_server.url + "/calendar/")
    page.click("form[action='/calendar/renew/'] button")
    page.wait_for_load_state()
    assert "/calendar/feed/" in page.locator("[data-testid=feed-url]").input_value()
    assert "集团年度理事会" in page.locator("[data-testid=calendar-entries]").inner_text()
    screenshot("calendar-desktop")
