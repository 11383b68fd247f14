"""Bad input is refused whole, with a message naming the field."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from members.models import Member
from people.models import Role

from .factories import EnterpriseFactory, PersonFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def errors_of(role: Role) -> dict:
    with pytest.raises(ValidationError) as caught:
        role.full_clean()
    return caught.value.message_dict


def test_dates_out_of_order_are_refused():
    role = Role(
        person=PersonFactory(),
        kind=Role.Kind.INTERN,
        partner=EnterpriseFactory(),
        starts_on=date(2021, 9, 1),
        ends_on=date(2021, 8, 31),
    )
    assert "ends_on" in errors_of(role)


def test_the_same_day_is_a_valid_one_day_period():
    role = Role(
        person=PersonFactory(),
        kind=Role.Kind.TEACHER_PRACTICE,
        partner=EnterpriseFactory(),
        starts_on=date(2021, 7, 5),
        ends_on=date(2021, 7, 5),
        days=1,
    )
    role.full_clean()


@pytest.mark.parametrize("hours, ok", [(0, False), (1, True), (400, True), (401, False)])
def test_hours_per_term_between_1_and_400(hours, ok):
    role = Role(
        person=PersonFactory(),
        kind=Role.Kind.PART_TIME_TEACHER,
        partner=SchoolFactory(),
        year=2021,
        term=Role.Term.AUTUMN,
        hours=hours,
    )
    if ok:
        role.full_clean()
    else:
        assert "hours" in errors_of(role)


@pytest.mark.parametrize("days, ok", [(0, False), (1, True), (31, True), (32, False)])
def test_practice_days_fit_in_the_period(days, ok):
    # 1 to 31 July: 31 days by the calendar.
    role = Role(
        person=PersonFactory(member=SchoolFactory()),
        kind=Role.Kind.TEACHER_PRACTICE,
        partner=EnterpriseFactory(),
        starts_on=date(2021, 7, 1),
        ends_on=date(2021, 7, 31),
        days=days,
    )
    if ok:
        role.full_clean()
    else:
        assert "days" in errors_of(role)


def test_placement_at_a_member_that_had_left_is_refused():
    gone = EnterpriseFactory(status=Member.Status.LEFT, left_on=date(2021, 6, 30))
    role = Role(
        person=PersonFactory(), kind=Role.Kind.INTERN, partner=gone, starts_on=date(2021, 7, 1)
    )
    assert "partner" in errors_of(role)


def test_placement_on_the_day_a_member_left_is_still_allowed():
    gone = EnterpriseFactory(status=Member.Status.LEFT, left_on=date(2021, 7, 1))
    Role(
        person=PersonFactory(), kind=Role.Kind.INTERN, partner=gone, starts_on=date(2021, 7, 1)
    ).full_clean()


def test_a_role_with_an_applying_organisation_is_refused():
    applying = EnterpriseFactory(status=Member.Status.APPLYING)
    role = Role(
        person=PersonFactory(), kind=Role.Kind.INTERN, partner=applying, starts_on=date(2021, 7, 1)
    )
    assert "partner" in errors_of(role)


def test_each_role_names_what_it_needs():
    role = Role(person=PersonFactory(), kind=Role.Kind.PART_TIME_TEACHER)
    assert {"partner", "year", "term", "hours"} <= set(errors_of(role))


def test_a_salary_band_only_for_an_employed_graduate():
    role = Role(
        person=PersonFactory(),
        kind=Role.Kind.GRADUATE,
        year=2021,
        outcome=Role.Outcome.FURTHER_STUDY,
        salary_band="6000_8000",
    )
    assert "salary_band" in errors_of(role)


def test_a_placement_must_be_with_the_interns_host():
    from partnerships.models import Placement
    from tests.partnerships.factories import OfferFactory

    offer = OfferFactory()
    placement = Placement.objects.create(
        offer=offer, school=SchoolFactory(), students=1, placed_on=date(2021, 7, 1)
    )
    role = Role(
        person=PersonFactory(),
        kind=Role.Kind.INTERN,
        partner=EnterpriseFactory(),
        placement=placement,
        starts_on=date(2021, 7, 1),
    )
    assert "placement" in errors_of(role)
    role.partner = offer.member
    role.full_clean()
