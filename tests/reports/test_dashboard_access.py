import pytest


def test_staff_reaches_the_back_office_dashboard(client_for, staff):
    response = client_for(staff).get("/staff/")
    assert response.status_code == 200
    assert "秘书处" in response.content.decode()


@pytest.mark.parametrize("user_fixture", ["representative", "outsider"])
def test_non_staff_are_refused_the_back_office(client_for, request, user_fixture):
    response = client_for(request.getfixturevalue(user_fixture)).get("/staff/")
    assert response.status_code == 403


def test_anonymous_visitor_is_sent_to_login(client, db):
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
