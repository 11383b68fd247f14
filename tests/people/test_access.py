"""The person's own organisation's representative on every people page and endpoint (the access
matrix covers staff, another representative, applicants and anonymous visitors)."""

from datetime import date

import pytest

from people.models import Role

from .factories import PersonFactory, RoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(member):
    person = PersonFactory(member=member)
    role = RoleFactory(person=person, partner=member, starts_on=date(2021, 7, 1))
    return person, role


def test_own_representative_reaches_every_page(client_for, representative, own):
    person, role = own
    client = client_for(representative)
    for url in (
        "/member/people/",
        "/people/new/",
        "/people/import/",
        "/people/import/template.xlsx",
        f"/people/{person.pk}/",
        f"/people/{person.pk}/edit/",
        f"/people/{person.pk}/roles/new/graduate/",
        f"/people/roles/{role.pk}/edit/",
    ):
        assert client.get(url).status_code == 200, url
    assert client.get("/staff/people/").status_code == 403
    assert client.post(f"/staff/people/{person.pk}/confirm/").status_code == 403
    assert client.post(f"/people/roles/{role.pk}/delete/").status_code == 302
    assert not Role.objects.exists()


def test_own_representative_on_every_endpoint(api_client, representative, own):
    person, role = own
    api_client.force_authenticate(representative)
    for url in (
        "/api/v1/people/",
        f"/api/v1/people/{person.pk}/",
        "/api/v1/people/roles/",
        f"/api/v1/people/roles/{role.pk}/",
    ):
        assert api_client.get(url).status_code == 200, url
    response = api_client.patch(f"/api/v1/people/roles/{role.pk}/", {"days": None},
                                format="json")  # fmt: skip
    assert response.status_code == 200
    assert api_client.delete(f"/api/v1/people/{person.pk}/").status_code == 204
