"""Two-factor login for staff: required when STAFF_MFA_REQUIRED, wrong codes lock the login."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from audit.models import Act, AuditEntry
from tests.conftest import PASSWORD
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mfa_required(settings):
    settings.STAFF_MFA_REQUIRED = True


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def with_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def test_production_settings_require_it_by_default():
    import subprocess
    import sys

    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(settings.STAFF_MFA_REQUIRED)"
    env = {"DJANGO_SETTINGS_MODULE": "vetgroup.settings", "SECRET_KEY": "x" * 50, "PATH": ""}
    env |= {"VETGROUP_TESTING": "0", "DEBUG": "false"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "True", out.stderr[-2000:]


def test_a_staff_user_without_a_second_factor_is_led_to_enrol(client_for):
    client = client_for(StaffFactory())
    response = client.get(reverse("staff_dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    api = client.get("/api/v1/data-calls/")
    assert api.status_code == 403 and "双重验证" in api.json()["detail"]


def test_a_script_fetch_is_refused_not_redirected(client_for):
    """A fetch that followed the redirect would load the enrolment page again (a new secret)."""
    client = client_for(StaffFactory())
    response = client.get(reverse("inbox_unread"), HTTP_SEC_FETCH_MODE="cors")
    assert response.status_code == 403


def test_other_users_and_enrolled_staff_are_not_stopped(client_for):
    assert client_for(UserFactory()).get(reverse("applicant_home")).status_code == 200
    staff = StaffFactory()
    with_totp(staff)
    assert client_for(staff).get(reverse("staff_dashboard")).status_code == 200


def log_in_and_confirm_the_password(client, staff):
    """allauth asks for the password again before a factor is added (reauthentication)."""
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    asked = client.get(reverse("mfa_activate_totp"))
    assert asked["Location"].startswith(reverse("account_reauthenticate"))
    client.post(asked["Location"], {"password": PASSWORD})


def test_the_enrolment_page_speaks_chinese(client):
    staff = StaffFactory()
    log_in_and_confirm_the_password(client, staff)
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "data:image/svg+xml" in html  # the QR code
    assert "身份验证器" in html or "验证器" in html


def test_login_asks_for_the_code_and_a_right_one_lets_in(client):
    staff = StaffFactory()
    secret = with_totp(staff)
    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("staff_dashboard")).status_code == 200
    assert AuditEntry.objects.filter(act=Act.STAFF_LOGIN, user=staff).count() == 1


def test_wrong_codes_lock_the_login_even_for_the_right_code(client):
    staff = StaffFactory()
    secret = with_totp(staff)
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    for _ in range(5):
        wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
        assert wrong.status_code == 200  # the form again, with its error
    locked = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert locked.status_code == 200
    assert "_auth_user_id" not in client.session


def test_enrolling_a_factor_is_audited(client, django_capture_on_commit_callbacks):
    staff = StaffFactory()
    log_in_and_confirm_the_password(client, staff)
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    assert AuditEntry.objects.filter(act=Act.MFA_CHANGE, user=staff).exists()
