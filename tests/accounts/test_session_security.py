import pytest

from tests.conftest import PASSWORD


def login(client, user):
    return client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})


def test_login_issues_a_new_session_id(client, outsider):
    client.get("/accounts/login/")
    client.session.save()
    before = client.session.session_key
    login(client, outsider)
    assert client.session.session_key != before


def test_logout_ends_the_session_on_the_server(client, outsider):
    from django.contrib.sessions.models import Session

    login(client, outsider)
    key = client.session.session_key
    client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=key).exists()


def test_staff_sessions_expire_after_30_idle_minutes(client, staff):
    login(client, staff)
    client.get("/staff/")
    assert client.session.get_expiry_age() == 30 * 60


def test_other_sessions_keep_the_default_lifetime(client, outsider):
    login(client, outsider)
    client.get("/applicant/")
    assert client.session.get_expiry_age() > 30 * 60


def test_repeated_failed_logins_lock_the_login_for_a_while(client, staff):
    for _ in range(5):
        client.post("/accounts/login/", {"login": staff.email, "password": "wrong"})
    response = login(client, staff)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_burst_of_signups_from_one_address_gets_429_and_a_readable_page(client):
    for n in range(20):
        client.post("/accounts/signup/", {"email": f"x{n}@example.com"})
    response = client.post("/accounts/signup/", {"email": "late@example.com"})
    assert response.status_code == 429
    assert "尝试次数过多" in response.content.decode()
