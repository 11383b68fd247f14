"""What a user notices in the browser: no 404 for the icon, no console error from the inbox
badge when the session has expired, and "API" kept out of the public navbar."""

import pytest

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _errors(page) -> list[str]:
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status} {r.url}"))
    return errors


def test_the_home_page_loads_its_icon_and_no_api_in_the_navbar(page, live_server):
    errors = _errors(page)
    page.goto(live_server.url + "/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => document.querySelector('link[rel=icon]').href").endswith(".svg")
    assert page.request.get(live_server.url + "/favicon.ico").ok
    assert "API" not in page.locator("#mainNav .navbar-nav").inner_text()
    assert page.locator("[data-testid=footer-api]").is_visible()
    assert not errors


def test_the_inbox_badge_stays_quiet_when_the_session_has_expired(page, live_server, outsider):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", outsider.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    # An expired session: the count's URL answers with the login page.
    page.route(
        "**/inbox/unread.json",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<html>登录</html>"),
    )
    errors = _errors(page)
    page.goto(live_server.url + "/intakes/")  # a page that leaves the count to the script
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert not errors
    assert not page.locator("[data-testid=unread-count]").is_visible()
