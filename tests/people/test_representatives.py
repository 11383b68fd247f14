"""A representative keeps its own organisation's people; staff confirm its entries."""

from datetime import date

import pytest

from people.models import Person, Role
from people.services import PeopleError, person_confirm, person_save, role_save

from .factories import EnterpriseFactory, PersonFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def test_representative_records_an_engineer_unconfirmed_until_staff_confirm(
    representative, member, staff
):
    person = person_save(person=Person(member=member, full_name="李工"), by=representative)
    assert not person.is_confirmed
    person_confirm(person=person, by=staff)
    person.refresh_from_db()
    assert person.is_confirmed and person.confirmed_by == staff


def test_staff_entries_are_confirmed(staff, member):
    assert person_save(person=Person(member=member, full_name="李工"), by=staff).is_confirmed


def test_representative_cannot_record_for_another_organisation(representative):
    other = EnterpriseFactory()
    with pytest.raises(PeopleError):
        person_save(person=Person(member=other, full_name="李工"), by=representative)
    assert not Person.objects.exists()


def test_representative_records_an_intern_of_a_school_placed_with_it(representative, member):
    student = PersonFactory(member=SchoolFactory())
    role = role_save(
        role=Role(
            person=student, kind=Role.Kind.INTERN, partner=member, starts_on=date(2021, 7, 1)
        ),
        by=representative,
    )
    assert role.pk


def test_representative_cannot_link_two_organisations_it_does_not_represent(representative):
    student = PersonFactory(member=SchoolFactory())
    with pytest.raises(PeopleError):
        role_save(
            role=Role(
                person=student,
                kind=Role.Kind.INTERN,
                partner=EnterpriseFactory(),
                starts_on=date(2021, 7, 1),
            ),
            by=representative,
        )
    assert not Role.objects.exists()


def test_a_representatives_change_sends_the_person_back_for_confirmation(
    representative, member, staff
):
    person = person_save(person=Person(member=member, full_name="李工"), by=staff)
    role_save(
        role=Role(
            person=person,
            kind=Role.Kind.PART_TIME_TEACHER,
            partner=SchoolFactory(),
            year=2021,
            term="autumn",
            hours=64,
        ),
        by=representative,
    )
    person.refresh_from_db()
    assert not person.is_confirmed


def test_representative_pages_record_a_person_and_an_intern(client_for, representative, member):
    client = client_for(representative)
    response = client.post(
        "/people/new/",
        {
            "member": member.pk,
            "full_name": "周发印",
            "origin_region": "云南巧家",
            "from_pairing_area": "on",
        },
    )
    person = Person.objects.get()
    assert response.status_code == 302 and response.url == f"/people/{person.pk}/"
    response = client.post(
        f"/people/{person.pk}/roles/new/intern/",
        {"partner": member.pk, "starts_on": "2021-07-01", "ends_on": "2021-06-01"},
    )
    assert response.status_code == 200  # refused whole, the form shown again
    assert "结束日期不能早于开始日期" in response.content.decode()
    assert not Role.objects.exists()
    response = client.post(
        f"/people/{person.pk}/roles/new/intern/",
        {"partner": member.pk, "starts_on": "2021-07-01", "agreement_on_file": "on"},
    )
    assert response.status_code == 302
    assert Role.objects.get().agreement_on_file


def test_the_form_offers_only_the_representatives_organisations(client_for, representative, member):
    other = EnterpriseFactory()
    body = client_for(representative).get("/people/new/").content.decode()
    assert member.name in body and other.name not in body


def test_another_representative_gets_404(client_for, member):
    from tests.factories import RepresentativeFactory

    person = PersonFactory(member=member)
    other_rep = RepresentativeFactory().user
    client = client_for(other_rep)
    assert client.get(f"/people/{person.pk}/").status_code == 404
    assert client.get(f"/people/{person.pk}/edit/").status_code == 404
    assert person.full_name not in client.get("/member/people/").content.decode()


def test_the_partner_sees_the_intern_but_cannot_edit_the_person(client_for, representative, member):
    student = PersonFactory(member=SchoolFactory())
    Role.objects.create(
        person=student, kind=Role.Kind.INTERN, partner=member, starts_on=date(2021, 7, 1)
    )
    client = client_for(representative)
    assert client.get(f"/people/{student.pk}/").status_code == 200
    assert client.get(f"/people/{student.pk}/edit/").status_code == 403


def test_a_person_of_an_organisation_still_applying_is_refused(staff):
    from django.core.exceptions import ValidationError

    from members.models import Member

    applying = EnterpriseFactory(status=Member.Status.APPLYING)
    with pytest.raises(ValidationError) as caught:
        person_save(person=Person(member=applying, full_name="李工"), by=staff)
    assert "member" in caught.value.message_dict
