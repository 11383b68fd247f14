import pytest
from django.core.management import call_command

from tests.browser.conftest import joined_since_the_seed
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_renders_in_chinese(page, live_server, screenshot):
    call_command("load_demo", "--no-login")
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert "职业教育集团" in page.locator("h1").inner_text()
    figures = page.locator("[data-testid=headline-figures]")
    enterprises = 101 + joined_since_the_seed()  # the seed's 101 at the end of 2021
    assert str(enterprises) in figures.inner_text()
    # The vendored stylesheet loaded: Bootstrap's navbar is laid out, not a bare list.
    assert page.locator("nav.navbar").evaluate("e => getComputedStyle(e).display") == "flex"
    assert screenshot("home").stat().st_size > 10_000


def test_home_page_on_a_phone(page, live_server, screenshot):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    assert page.locator(".navbar-toggler").is_visible()
    screenshot("home-phone")


def test_staff_logs_in_and_reaches_the_back_office(page, live_server, staff, screenshot):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(live_server.url + "/staff/")
    assert "秘书处" in page.locator("h1").inner_text()
    screenshot("staff-dashboard")


def test_visitor_switches_to_english_and_back(page, live_server):
    page.goto(live_server.url + "/")
    page.click("[data-testid=language-en]")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Member organisations" in page.content()
    page.click("[data-testid=language-zh-hans]")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
