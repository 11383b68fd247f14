import pytest

from council import demo as council_demo
from documents import demo as documents_demo
from members import demo as members_demo
from tests.conftest import PASSWORD
from website import demo as website_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def governance_demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    for demo in (members_demo, website_demo, documents_demo, council_demo):
        demo.load()


def _log_in(page, live_server, user):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def test_a_visitor_sees_the_council_the_charter_and_the_public_library(
    page, live_server, governance_demo, screenshot
):
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + "/council/")
        # 12 seats of the demo's third council (council/demo.py, written out by hand there)
        assert page.locator("[data-testid=current-council] tbody tr").count() == 12
        assert page.locator("[data-testid=charter] a").first.is_visible()
        screenshot(f"council-{width}")
        page.goto(live_server.url + "/library/")
        assert page.locator("[data-testid=documents] .list-group-item").count() == 3
        screenshot(f"library-{width}")
        page.goto(live_server.url + "/about/")
        assert "全国示范性职业教育集团（联盟）培育单位" in page.inner_text(
            "[data-testid=accreditations]"
        )
        screenshot(f"about-{width}")


def test_staff_change_the_footer_without_touching_a_template(
    page, live_server, governance_demo, staff, screenshot
):
    _log_in(page, live_server, staff)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + "/staff/council/")
        assert page.locator("[data-testid=council-history] tbody tr").count() == 8
        screenshot(f"staff-council-{width}")
        page.goto(live_server.url + "/staff/library/")
        assert page.locator("[data-testid=documents] tbody tr").count() == 7
        screenshot(f"staff-library-{width}")
        page.goto(live_server.url + "/staff/site/")
        screenshot(f"staff-site-{width}")
    page.goto(live_server.url + "/staff/site/texts/footer/")
    page.fill("textarea[name=body_zh]", "<p>秘书处电话：0769-12345678</p>")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    page.goto(live_server.url + "/")
    assert "秘书处电话：0769-12345678" in page.inner_text("[data-testid=footer-text]")
    screenshot("home-edited-footer-390")
