import pytest
from django.core.management import call_command

from honours.readiness import CONDITIONS
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_demo_honours_map_and_readiness(page, live_server, staff, screenshot):
    call_command("load_demo", "--no-login")
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + "/honours/")
        assert page.locator(".honours-award").count() == 3
        screenshot(f"honours-{width}")
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + "/staff/accreditation/")
        assert page.locator("[data-testid=readiness] tbody tr").count() == len(CONDITIONS)
        screenshot(f"readiness-{width}")
        page.goto(live_server.url + "/chains/")
        assert page.locator("[data-testid=chain]").count() == 2
        screenshot(f"demo-chains-{width}")
        page.goto(live_server.url + "/staff/")
        card = page.locator("[data-testid=honours-card]")
        leaders = card.locator("[data-testid=honours-leaders]").inner_text()
        assert "15" in leaders and "101" in leaders  # seed 004's chain-leader system
        card.scroll_into_view_if_needed()
        screenshot(f"dashboard-honours-{width}")
