"""Application submit is rate-limited per applicant (not per address), under an opaque key."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from core.ratelimit import user_key

from .factories import ApplicationFactory, IntakeFactory

pytestmark = pytest.mark.django_db

LIMIT = 10  # ACCOUNT_RATE_LIMITS["application_submit"]: 10 a minute
API = "/api/v1/enrollment/applications/"


def submit_url(application) -> str:
    return reverse("applicant_application_action", args=[application.pk, "submit"])


def test_a_burst_of_submits_by_one_applicant_gets_a_readable_429_page(client_for, outsider):
    application = ApplicationFactory(applicant=outsider, intake=IntakeFactory(document_kinds=[]))
    client = client_for(outsider)
    for _ in range(LIMIT):
        assert client.post(submit_url(application)).status_code == 302
    response = client.post(submit_url(application))
    assert response.status_code == 429
    assert "尝试次数过多" in response.content.decode()  # "Too many attempts"


def test_many_applicants_from_one_address_are_not_limited_together(client):
    intake = IntakeFactory(document_kinds=[])
    for application in ApplicationFactory.create_batch(LIMIT + 5, intake=intake):
        client.force_login(application.applicant)
        response = client.post(submit_url(application), REMOTE_ADDR="10.0.0.1")
        assert response.status_code == 302


def test_the_api_answers_429_with_a_json_message(api_client, outsider):
    application = ApplicationFactory(applicant=outsider, intake=IntakeFactory(document_kinds=[]))
    api_client.force_authenticate(outsider)
    url = f"{API}{application.pk}/submit/"
    answers = [api_client.post(url).status_code for _ in range(LIMIT)]
    assert 429 not in answers
    response = api_client.post(url)
    assert response.status_code == 429
    assert response.json()["detail"] == "尝试次数过多，请稍等几分钟后再试。"


def test_the_limiter_stores_no_user_id_or_address(client_for, outsider):
    application = ApplicationFactory(applicant=outsider, intake=IntakeFactory(document_kinds=[]))
    client_for(outsider).post(submit_url(application), REMOTE_ADDR="203.0.113.7")
    keys = [key for key in cache._cache if ":application_submit:" in key]  # locmem's store
    assert keys
    for key in keys:
        assert "203.0.113" not in key
        assert not key.endswith(f":{outsider.pk}")
        assert user_key(outsider) not in key  # hashed once more by allauth


def test_a_burst_of_creates_through_the_api_gets_429_before_anything_is_checked(
    api_client, outsider
):
    intake = IntakeFactory(document_kinds=[])
    api_client.force_authenticate(outsider)
    answers = [api_client.post(API, {"intake": intake.pk}).status_code for _ in range(LIMIT)]
    assert answers == [400] * LIMIT  # incomplete: refused by validation, but counted
    response = api_client.post(API, {"intake": intake.pk})
    assert response.status_code == 429
    assert response.json()["detail"] == "尝试次数过多，请稍等几分钟后再试。"


def test_creates_and_submits_through_the_api_count_against_one_limit(api_client, outsider):
    application = ApplicationFactory(applicant=outsider, intake=IntakeFactory(document_kinds=[]))
    api_client.force_authenticate(outsider)
    for _ in range(LIMIT // 2):
        assert api_client.post(API, {"intake": application.intake_id}).status_code == 400
        assert api_client.post(f"{API}{application.pk}/submit/").status_code != 429
    assert api_client.post(API, {"intake": application.intake_id}).status_code == 429
    assert api_client.post(f"{API}{application.pk}/submit/").status_code == 429


def test_a_burst_on_the_application_form_gets_the_429_page(client_for, outsider):
    intake = IntakeFactory(document_kinds=[])
    client = client_for(outsider)
    url = reverse("applicant_apply", args=[intake.pk])
    for _ in range(LIMIT):
        assert client.post(url, {}).status_code == 200  # the form again, with its errors
    response = client.post(url, {})
    assert response.status_code == 429
    assert "尝试次数过多" in response.content.decode()
