import pytest
from rest_framework.authtoken.models import Token

from tests.conftest import PASSWORD
from tests.factories import UserFactory


@pytest.fixture
def someone_else(db):
    """Another account with a token of its own, which must never be the one handed out."""
    user = UserFactory(username="someone", email="someone@example.com")
    Token.objects.create(user=user)
    return user


def token_owner(response) -> str:
    return Token.objects.get(key=response.json()["token"]).user.username


def test_token_by_username(api_client, someone_else, staff):
    response = api_client.post(
        "/api/v1/auth/token/", {"username": "staff", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    assert len(response.json()["token"]) == 40
    assert token_owner(response) == "staff"
    again = api_client.post(
        "/api/v1/auth/token/", {"username": "staff", "password": PASSWORD}, format="json"
    )
    assert again.json()["token"] == response.json()["token"]  # the same token, not a new one


def test_token_by_email(api_client, someone_else, staff):
    response = api_client.post(
        "/api/v1/auth/token/", {"username": staff.email, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    assert token_owner(response) == "staff"
    me = api_client.get("/api/v1/members/", HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert me.status_code == 200  # the token works as staff's


def test_token_refused_for_a_wrong_password(api_client, staff):
    response = api_client.post(
        "/api/v1/auth/token/", {"username": "staff", "password": "wrong"}, format="json"
    )
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_token_request_names_missing_fields(api_client, db):
    response = api_client.post("/api/v1/auth/token/", {}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"username", "password"}


@pytest.mark.django_db
def test_openapi_schema_and_docs_are_served(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/auth/token/" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"//cdn" not in docs.content.lower()


@pytest.mark.django_db
def test_unknown_api_paths_answer_json_404_and_pages_html(client):
    api = client.get("/api/v1/members/not-a-number/x/")
    assert api.status_code == 404
    assert api.json() == {"detail": "Not found."}
    page = client.get("/no-such-page/")
    assert page.status_code == 404
    assert "页面不存在" in page.content.decode()
