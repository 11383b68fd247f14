"""No JSON body, however deep or large, makes the API answer 500: it gets a 400 saying why."""

import json

import pytest

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

DEEP = "[" * 5000 + "]" * 5000


def post_raw(client, url, body: str | bytes):
    return client.generic("POST", url, body, content_type="application/json")


@pytest.mark.parametrize("body", [DEEP, '{"a":' * 5000 + "1" + "}" * 5000])
def test_deeply_nested_json_to_the_token_endpoint_answers_400(client, body):
    client.raise_request_exception = False
    response = post_raw(client, "/api/v1/auth/token/", body)
    assert response.status_code == 400
    assert "detail" in response.json()


def test_deeply_nested_json_to_an_authenticated_endpoint_answers_400(client, staff):
    client.raise_request_exception = False
    client.force_login(staff)
    response = post_raw(client, "/api/v1/members/", DEEP)
    assert response.status_code == 400


def test_json_nested_past_the_limit_but_parseable_is_refused_too(client):
    # 200 levels parse fine, but such a value would fail later (saving, rendering) far deeper in
    # the stack; no field of the API nests more than a few levels.
    body = '{"username": ' + "[" * 200 + "]" * 200 + ', "password": "x"}'
    response = post_raw(client, "/api/v1/auth/token/", body)
    assert response.status_code == 400
    assert "detail" in response.json()  # not a complaint about the field's type


def test_a_body_over_the_upload_limit_answers_400_in_json(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = json.dumps({"username": "x" * 20_000, "password": PASSWORD})
    client.raise_request_exception = False
    response = post_raw(client, "/api/v1/auth/token/", body)
    assert response.status_code == 400
    assert "detail" in response.json()


def test_a_form_encoded_body_over_the_limit_answers_400_in_json(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client.raise_request_exception = False
    response = client.post(
        "/api/v1/auth/token/",
        "username=" + "x" * 20_000 + "&password=x",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "detail" in response.json()


def test_deeply_nested_json_in_an_admin_json_field_is_refused_not_a_500(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "pw-12345-x")
    client.force_login(admin)
    client.raise_request_exception = False
    response = client.post("/admin/notices/savedaudience/add/", {"name": "x", "audience": DEEP})
    assert response.status_code == 200  # the form again, with its error
    assert "audience" in response.context["adminform"].form.errors
