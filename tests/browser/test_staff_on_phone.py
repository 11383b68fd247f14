"""The back office on a 360 px phone: the sidebar folds behind a menu button, and no staff page
of the demo is wider than the screen."""

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.conftest import PASSWORD
from tests.test_access_matrix import ACCESS, world  # noqa: F401 - the fixture
from tests.test_page_sweep import _pages, demo  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 360, "height": 780}
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def staff_phone(page, live_server, demo):  # noqa: F811
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", demo["users"]["staff"].email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(live_server.url + "/staff/")
    return page


def test_the_sidebar_folds_behind_a_menu_button_on_a_phone(staff_phone, screenshot):
    page = staff_phone
    menu = page.locator("#staffMenu")
    assert not menu.is_visible()
    assert page.locator("main h1").bounding_box()["y"] < PHONE["height"] / 2
    screenshot("staff-phone-menu-closed")
    page.click("[data-testid=staff-menu-toggle]")
    menu.locator("a[href='/staff/members/']").wait_for(state="visible")
    screenshot("staff-phone-menu-open")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.reload()
    assert page.locator("#staffMenu").is_visible()  # always shown on a desktop


def test_no_staff_page_is_wider_than_a_phone(staff_phone, live_server, demo):  # noqa: F811
    page = staff_phone
    wide = {}
    for name, url in _pages(demo):
        if ACCESS[name].expect["staff"] != 200 or ACCESS[name].expect["applicant"] == 200:
            continue  # not a back-office page
        try:
            response = page.goto(live_server.url + url)
        except PlaywrightError as error:  # a download, not a page
            assert "Download is starting" in str(error)
            continue
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        overflow = page.evaluate(OVERFLOW)
        if overflow > 0:
            wide[name] = f"{url}: {overflow} px too wide"
    assert not wide, "\n".join(f"{name} {why}" for name, why in sorted(wide.items()))
