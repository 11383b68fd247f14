"""POST /api/v1/auth/token/ follows the web login's rules: lockout, verification, inactive users."""

from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from rest_framework.authtoken.models import Token

from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
FAILED_LOGINS_ALLOWED = 5  # ACCOUNT_RATE_LIMITS["login_failed"]: 5 per 300 s per login


def ask_token(api_client, username, password=PASSWORD, **extra):
    return api_client.post(
        TOKEN, {"username": username, "password": password}, format="json", **extra
    )


def test_failed_attempts_lock_the_token_endpoint_even_for_the_right_password(api_client, staff):
    for _ in range(FAILED_LOGINS_ALLOWED):
        assert ask_token(api_client, staff.email, "wrong").status_code == 400
    response = ask_token(api_client, staff.email)
    assert response.status_code == 429
    assert "token" not in response.json()
    assert "detail" in response.json()


def test_failed_token_attempts_lock_the_web_login_too(api_client, client, staff):
    for _ in range(FAILED_LOGINS_ALLOWED):
        ask_token(api_client, staff.email, "wrong")
    client.post("/accounts/login/", {"login": staff.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_failed_web_logins_lock_the_token_endpoint_too(api_client, client, staff):
    for _ in range(FAILED_LOGINS_ALLOWED):
        client.post("/accounts/login/", {"login": staff.email, "password": "wrong"})
    assert ask_token(api_client, staff.email).status_code == 429


def test_no_token_while_the_email_address_is_unverified(api_client):
    user = UserFactory()
    EmailAddress.objects.filter(user=user).update(verified=False)
    response = ask_token(api_client, user.email)
    assert response.status_code == 400
    assert "token" not in response.json()
    assert "请先确认您的电子邮件地址" in response.json()["non_field_errors"][0]
    # As at the web login, a fresh confirmation link goes out.
    assert [m.to for m in mail.outbox] == [[user.email]]


def test_a_verified_address_gets_its_token(api_client):
    user = UserFactory()
    assert ask_token(api_client, user.email).status_code == 200


def test_no_token_for_an_inactive_account(api_client):
    user = UserFactory(is_active=False)
    response = ask_token(api_client, user.username)
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["该账户已停用。"]}


def test_a_token_request_leaves_no_session_behind(api_client, staff):
    from django.contrib.sessions.models import Session

    response = ask_token(api_client, staff.email)
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert not Session.objects.exists()


def hashes_computed(api_client, username) -> int:
    with mock.patch.object(MD5PasswordHasher, "encode", autospec=True) as encode:
        encode.side_effect = lambda self, password, salt: f"md5${salt}$x"
        ask_token(api_client, username, "wrong")
    return encode.call_count


@pytest.mark.parametrize("known", ["staff", "staff@example.com"])
@pytest.mark.parametrize("unknown", ["nobody", "nobody@example.com"])
def test_unknown_users_cost_as_many_password_hashes_as_known_ones(
    api_client, staff, known, unknown
):
    # Equal work, not a stopwatch: the hasher runs as often for a name that does not exist.
    assert hashes_computed(api_client, unknown) == hashes_computed(api_client, known) > 0


def test_the_admin_site_signs_in_through_the_web_login_and_its_lockout(client, staff):
    # Django's own admin login form would be a second password door without the lockout.
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    for _ in range(FAILED_LOGINS_ALLOWED):
        client.post("/admin/login/", {"username": "staff", "password": "wrong"})
    client.post("/admin/login/", {"username": "staff", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_a_verified_mobile_number_gets_its_own_token(api_client):
    # The contract: a user whose mobile number is verified may use it as `username`.
    user = UserFactory(username="worker", email="")
    user.phone, user.phone_verified = "+8613712345678", True
    user.save()
    user.emailaddress_set.all().delete()
    response = ask_token(api_client, "13712345678")
    assert response.status_code == 200, response.json()
    assert Token.objects.get(key=response.json()["token"]).user == user


def test_an_unverified_mobile_number_gets_no_token(api_client):
    user = UserFactory(username="worker2", email="")
    user.phone, user.phone_verified = "+8613712345679", False
    user.save()
    user.emailaddress_set.all().delete()
    response = ask_token(api_client, "13712345679")
    assert response.status_code in (400, 429)
    assert "token" not in response.json()
