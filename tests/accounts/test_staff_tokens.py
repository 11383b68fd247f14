"""Staff API tokens: they expire, show their last use, and are revoked by owner or manager."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from accounts.tokens import tokens_purge_expired
from audit.models import Act, AuditEntry
from tests.conftest import PASSWORD
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
ME = "/api/v1/data-calls/"


def aged(token: Token, days: int) -> Token:
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - timedelta(days=days))
    return token


def call(api_client, token, **extra):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api_client.get(ME, **extra)


def test_a_staff_token_works_until_it_expires(api_client, settings):
    settings.STAFF_TOKEN_DAYS = 30
    staff = StaffFactory()
    fresh = aged(Token.objects.create(user=staff), 29)
    assert call(api_client, fresh).status_code == 200
    aged(fresh, 31)
    refused = call(api_client, fresh)
    assert refused.status_code == 401
    assert "过期" in refused.json()["detail"]
    assert not Token.objects.filter(pk=fresh.pk).exists()


def test_after_expiry_the_token_endpoint_gives_a_new_one(api_client):
    staff = StaffFactory()
    old = aged(Token.objects.create(user=staff), 400)
    call(api_client, old)
    api_client.credentials()
    answer = api_client.post(
        reverse("api_token"), {"username": staff.username, "password": PASSWORD}, format="json"
    )
    assert answer.status_code == 200 and answer.json()["token"] != old.key
    assert call(api_client, Token.objects.get(user=staff)).status_code == 200


def test_tokens_of_other_users_do_not_expire(api_client):
    applicant = UserFactory()
    token = aged(Token.objects.create(user=applicant), 400)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api_client.get("/api/v1/enrollment/applications/").status_code == 200


def test_the_last_use_is_recorded_and_listed(api_client, client_for):
    staff = StaffFactory()
    token = Token.objects.create(user=staff)
    call(api_client, token, REMOTE_ADDR="198.51.100.4")
    token.refresh_from_db()
    assert token.activity.last_used_ip == "198.51.100.4"
    page = client_for(staff).get(reverse("staff_tokens")).content.decode()
    assert "198.51.100.4" in page


def test_the_user_issues_and_revokes_its_own_token(client_for):
    staff = StaffFactory(roles=["projects"])
    client = client_for(staff)
    page = client.post(reverse("staff_token_issue")).content.decode()
    token = Token.objects.get(user=staff)
    assert token.key in page  # shown once, on issue
    client.post(reverse("staff_token_revoke", args=[staff.pk]))
    assert not Token.objects.filter(user=staff).exists()
    acts = list(AuditEntry.objects.filter(act=Act.TOKEN_CHANGE).values_list("detail", flat=True))
    assert sorted(acts) == ["issued", "revoked"]


def test_the_secretary_general_revokes_anyones_and_others_may_not(client_for):
    clerk = StaffFactory(roles=["reports"])
    Token.objects.create(user=clerk)
    other = client_for(StaffFactory(roles=["auditor"]))
    assert other.post(reverse("staff_token_revoke", args=[clerk.pk])).status_code == 403
    assert Token.objects.filter(user=clerk).exists()
    manager = client_for(StaffFactory())
    assert clerk.email in manager.get(reverse("staff_tokens")).content.decode()
    manager.post(reverse("staff_token_revoke", args=[clerk.pk]))
    assert not Token.objects.filter(user=clerk).exists()


def test_the_hourly_task_deletes_expired_staff_tokens(settings):
    settings.STAFF_TOKEN_DAYS = 30
    expired = aged(Token.objects.create(user=StaffFactory()), 31)
    kept = aged(Token.objects.create(user=StaffFactory()), 29)
    applicant = aged(Token.objects.create(user=UserFactory()), 400)
    assert tokens_purge_expired() == 1
    assert set(Token.objects.values_list("pk", flat=True)) == {kept.pk, applicant.pk}
    assert not Token.objects.filter(pk=expired.pk).exists()
