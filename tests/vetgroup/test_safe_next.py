"""A `next` address from a form is followed only when it stays on this site."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

FOREIGN = ["https://elsewhere.example/", "//elsewhere.example/", "javascript:alert(1)"]


@pytest.mark.parametrize("next_url", FOREIGN)
def test_the_bulk_review_does_not_follow_a_foreign_next(client_for, staff, next_url):
    response = client_for(staff).post(
        reverse("staff_bulk"), {"action": "approve", "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("staff_queue")


def test_the_bulk_review_returns_to_the_filtered_queue(client_for, staff):
    back = reverse("staff_queue") + "?status=submitted&page=2"
    response = client_for(staff).post(reverse("staff_bulk"), {"action": "approve", "next": back})
    assert response["Location"] == back


@pytest.mark.parametrize("next_url", FOREIGN)
def test_the_login_does_not_follow_a_foreign_next(client, staff, next_url):
    response = client.post(
        "/accounts/login/?next=" + next_url,
        {"login": "staff", "password": "correct-horse-battery", "next": next_url},
    )
    assert response.status_code == 302
    assert not response["Location"].startswith(("http", "//", "javascript"))


@pytest.mark.parametrize("next_url", FOREIGN)
def test_the_language_switch_does_not_follow_a_foreign_next(client, next_url):
    response = client.post("/i18n/setlang/", {"language": "en", "next": next_url})
    assert not response["Location"].startswith(("http", "//", "javascript"))
