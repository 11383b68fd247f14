"""ID numbers and phones: optional, encrypted at rest, masked, revealed only with a log entry,
erased after the retention period."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from stdnum.cn import ric

from people.models import Person, PersonalDataAccess, Role
from people.services import people_purge_expired, person_save

from .factories import PersonFactory, RoleFactory

pytestmark = pytest.mark.django_db

ID_NUMBER = "441900199003070024"  # check character 4 by the GB 11643 weights


def test_the_sample_id_number_is_valid_by_an_independent_library():
    assert ric.is_valid(ID_NUMBER)


def test_numbers_are_optional(staff, member):
    person = person_save(person=Person(member=member, full_name="周发印"), by=staff)
    assert person.id_number == "" and person.id_number_hash == ""


def test_numbers_are_stored_encrypted(staff, member):
    person = person_save(
        person=Person(member=member, full_name="周发印", id_number=ID_NUMBER, phone="13812345678"),
        by=staff,
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone FROM people_person WHERE id = %s", [person.pk])
        raw_id, raw_phone = cursor.fetchone()
    assert ID_NUMBER not in raw_id and "13812345678" not in raw_phone
    person.refresh_from_db()
    assert person.id_number == ID_NUMBER
    assert person.id_number_masked == "441***********0024"
    assert person.phone_masked == "138****5678"


def test_a_second_person_with_the_same_id_number_is_refused(staff, member):
    from django.core.exceptions import ValidationError

    person_save(person=Person(member=member, full_name="甲", id_number=ID_NUMBER), by=staff)
    with pytest.raises(ValidationError) as caught:
        person_save(person=Person(member=member, full_name="乙", id_number=ID_NUMBER), by=staff)
    assert "id_number" in caught.value.message_dict
    assert Person.objects.count() == 1


def test_a_bad_id_number_is_refused(staff, member):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        person_save(
            person=Person(member=member, full_name="甲", id_number=ID_NUMBER[:-1] + "5"), by=staff
        )
    assert "id_number" in caught.value.message_dict


def test_lists_show_phones_masked(client_for, staff):
    PersonFactory(phone="13812345678")
    body = client_for(staff).get("/staff/people/").content.decode()
    assert "138****5678" in body and "13812345678" not in body


def test_staff_reveal_is_logged(client_for, staff):
    person = PersonFactory(phone="13812345678", id_number=ID_NUMBER)
    client = client_for(staff)
    assert ID_NUMBER not in client.get(f"/people/{person.pk}/").content.decode()
    assert not PersonalDataAccess.objects.exists()
    body = client.get(f"/people/{person.pk}/?reveal=1").content.decode()
    assert ID_NUMBER in body and "13812345678" in body
    entry = PersonalDataAccess.objects.get()
    assert (entry.user, entry.person) == (staff, person)


def test_a_representative_cannot_reveal(client_for, representative, member):
    person = PersonFactory(member=member, phone="13812345678")
    body = client_for(representative).get(f"/people/{person.pk}/?reveal=1").content.decode()
    assert "13812345678" not in body and "138****5678" in body
    assert not PersonalDataAccess.objects.exists()


def test_api_never_shows_the_numbers_in_full(api_client, staff):
    PersonFactory(phone="13812345678", id_number=ID_NUMBER)
    api_client.force_authenticate(staff)
    body = api_client.get("/api/v1/people/").content.decode()
    assert ID_NUMBER not in body and "13812345678" not in body
    assert "441***********0024" in body


def test_numbers_are_erased_five_years_after_the_last_role():
    ended = RoleFactory(
        person__phone="13812345678", starts_on=date(2019, 7, 1), ends_on=date(2020, 6, 30)
    )
    recent = RoleFactory(
        person__phone="13912345678", starts_on=date(2021, 7, 1), ends_on=date(2021, 12, 31)
    )
    still_open = RoleFactory(
        person__phone="13712345678",
        kind=Role.Kind.MASTER,
        studio="面塑大师工作室",
        starts_on=date(2010, 1, 1),
    )
    # 5 x 365 days after 2025-07-02 is past 2020-06-30, before 2021-12-31.
    assert people_purge_expired(now=datetime(2025, 7, 2, tzinfo=UTC)) == 1
    for role, kept in ((ended, False), (recent, True), (still_open, True)):
        role.person.refresh_from_db()
        assert bool(role.person.phone) is kept
    ended.person.refresh_from_db()
    assert ended.person.full_name and ended.person.roles.count() == 1


def test_the_purge_command_reports_what_it_erased():
    import io

    from django.core.management import call_command

    RoleFactory(person__phone="13812345678", starts_on=date(2010, 7, 1), ends_on=date(2011, 6, 30))
    out = io.StringIO()
    call_command("people_purge", stdout=out)
    assert "1 people" in out.getvalue()
    assert not Person.objects.get().phone
