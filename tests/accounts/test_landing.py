import pytest
from django.core import mail

from tests.conftest import PASSWORD


@pytest.mark.parametrize(
    ("user_fixture", "landing"),
    [("staff", "/staff/"), ("representative", "/member/"), ("outsider", "/applicant/")],
)
def test_each_kind_of_user_lands_on_its_own_home_after_login(
    client, request, user_fixture, landing
):
    user = request.getfixturevalue(user_fixture)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == landing


def test_login_page_is_in_chinese(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert "登录" in html


def test_wrong_password_gives_a_message_and_keeps_the_login(client, staff):
    response = client.post("/accounts/login/", {"login": staff.email, "password": "nope"})
    assert response.status_code == 200
    html = response.content.decode()
    assert staff.email in html
    assert "不正确" in html


def test_signup_requires_email_verification(client, db):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "worker@example.com",
            "password1": "a-long-passphrase-9",
            "password2": "a-long-passphrase-9",
        },
    )
    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    assert len(mail.outbox) == 1
    assert "worker@example.com" in mail.outbox[0].to
    login = client.post(
        "/accounts/login/", {"login": "worker@example.com", "password": "a-long-passphrase-9"}
    )
    assert login.url == "/accounts/confirm-email/"
    assert client.get("/applicant/").status_code == 302


def test_password_reset_sends_a_mail(client, outsider):
    client.post("/accounts/password/reset/", {"email": outsider.email})
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
