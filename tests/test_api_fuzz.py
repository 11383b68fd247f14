"""schemathesis against the portal's own OpenAPI schema, in-process: as staff and as an applicant.

No answer may be a 5xx, and every answer must match the schema (status codes, bodies, headers).
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    positive_data_acceptance,
    unsupported_method,
)

from tests.factories import StaffFactory, UserFactory
from vetgroup.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)

# Long; .ci/run runs it once, on PostgreSQL (which refuses what SQLite lets through, e.g. NUL).
pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _keep_the_test_connection_open():
    """Called straight through WSGI, each request would close the database connection at its end
    (Django's test client prevents that for its own requests); the test's transaction needs it."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=["staff", "applicant"])
def token(request, db) -> str:
    user = StaffFactory() if request.param == "staff" else UserFactory()
    return Token.objects.create(user=user).key


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_answers_match_the_schema_and_never_fail(case, token):
    # A well-formed request may still be refused on its merits (a wrong password, a duplicate ID
    # number, a full quota): that is a documented 400/409, not a failure. And like DRF the API
    # clamps a page_size over 200 and ignores unknown query parameters instead of refusing them;
    # permissions are checked before the method, so TRACE may get 403 rather than 405.
    # Like gunicorn, the WSGI call carries the client's address (allauth's login limits key on it).
    case.call_and_validate(
        headers={"Authorization": f"Token {token}"},
        environ_base={"REMOTE_ADDR": "127.0.0.1"},
        excluded_checks=[positive_data_acceptance, negative_data_rejection, unsupported_method],
    )


DEEP_JSON = "[" * 5000 + "]" * 5000
NESTED_OBJECT_JSON = '{"a":' * 3000 + "1" + "}" * 3000
OVERSIZED_JSON = '{"padding": "' + "x" * (3 * 1024 * 1024) + '"}'  # over the 2.5 MB limit
HOSTILE_BODIES = {"deep": DEEP_JSON, "nested": NESTED_OBJECT_JSON, "oversized": OVERSIZED_JSON}


def operations_taking_json():
    for result in schema.get_all_operations():
        operation = result.ok()
        if "application/json" in operation.get_request_payload_content_types():
            yield pytest.param(operation.method.upper(), operation.path, id=operation.label)


@pytest.mark.parametrize("body", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
@pytest.mark.parametrize(("method", "path"), operations_taking_json())
def test_hostile_json_bodies_are_refused_with_400_never_500(client, method, path, body, token):
    # Every operation of the schema that reads JSON, with a body too deep or too big to accept.
    client.raise_request_exception = False
    url = path.replace("{id}", "1").replace("{year}", "2024")
    response = client.generic(
        method, url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Token {token}"
    )
    assert response.status_code < 500, (method, url, response.status_code)
    if response.status_code == 400:
        assert "detail" in response.json()
