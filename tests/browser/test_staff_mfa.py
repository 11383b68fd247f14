"""A staff user enrols a second factor, then logs in with it (screenshots at 1366 and 390 px)."""

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)

from tests.conftest import PASSWORD
from tests.factories import StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_for(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def log_in(page, url, staff):
    page.goto(url + "/accounts/login/")
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")


@pytest.mark.parametrize("width", [1366, 390])
def test_staff_enrols_totp_and_logs_in_with_a_second_factor(
    page, live_server, screenshot, settings, width
):
    settings.STAFF_MFA_REQUIRED = True
    page.set_viewport_size({"width": width, "height": 900})
    staff = StaffFactory(username=f"clerk{width}")
    log_in(page, live_server.url, staff)
    # Led to the enrolment: allauth first asks for the password again.
    page.wait_for_url("**/accounts/reauthenticate/**")
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    assert "激活身份验证器应用" in page.content()  # allauth's page, in Chinese
    screenshot(f"mfa-enrol-{width}")
    secret = page.input_value("#authenticator_secret")
    page.fill("input[name=code]", code_for(secret))
    page.click("main form button[type=submit]")
    page.wait_for_url("**/accounts/2fa/recovery-codes/**")
    recovery_code = page.input_value("textarea").split()[0]
    screenshot(f"mfa-recovery-codes-{width}")
    page.goto(live_server.url + "/staff/")
    assert page.url.endswith("/staff/")

    page.context.clear_cookies()
    log_in(page, live_server.url, staff)
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.fill("input[name=code]", "000000")
    page.click("main form button[type=submit]")
    assert page.url.endswith("/accounts/2fa/authenticate/")
    screenshot(f"mfa-wrong-code-{width}")
    page.fill("input[name=code]", recovery_code)
    page.click("main form button[type=submit]")
    page.wait_for_url(live_server.url + "/staff/")
    screenshot(f"mfa-logged-in-{width}")
