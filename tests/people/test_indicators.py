"""Each people indicator's rule for year Y at its edges, against counts written by hand."""

from datetime import date
from decimal import Decimal

import pytest

from partnerships.models import Project, ProjectClass
from people.indicators import CODES, median_floor, students_by_origin
from people.models import Role
from reports.indicators import CODES as REPORT_CODES
from reports.indicators import indicator_values
from reports.services import year_freeze
from tests.partnerships.factories import ProjectFactory

from .factories import EnterpriseFactory, PersonFactory, RoleFactory, SchoolFactory

pytestmark = pytest.mark.django_db
K = Role.Kind


def values(year: int = 2021) -> dict:
    return indicator_values([year])[year]


def test_people_codes_are_registered_after_the_contracts():
    start = REPORT_CODES.index(CODES[0])
    assert REPORT_CODES[start : start + len(CODES)] == CODES  # one block, in their order
    assert REPORT_CODES.index("members_total") < start


def test_empty_registry_gives_zero():
    row = values()
    assert all(row[code] == 0 for code in CODES)


def test_part_time_teachers_count_people_once_and_sum_hours_of_the_year():
    engineer = PersonFactory()
    school = SchoolFactory()
    for term, hours in (("spring", 40), ("autumn", 64)):
        RoleFactory(
            person=engineer,
            kind=K.PART_TIME_TEACHER,
            partner=school,
            starts_on=None,
            year=2021,
            term=term,
            hours=hours,
        )
    RoleFactory(
        kind=K.PART_TIME_TEACHER,
        partner=school,
        starts_on=None,
        year=2020,
        term="autumn",
        hours=100,
    )
    row = values()
    assert row["people_part_time_teachers"] == 1
    assert row["people_part_time_teaching_hours"] == 104


def test_teacher_practice_counts_person_times_starting_in_the_year():
    teacher = PersonFactory(member=SchoolFactory())
    host = EnterpriseFactory()
    for start, end, days in (
        (date(2021, 1, 1), date(2021, 1, 10), 10),  # first day of the year: counts
        (date(2021, 12, 31), date(2022, 1, 4), 5),  # last day of the year: counts
        (date(2020, 12, 31), date(2021, 1, 3), 4),  # began the year before: not
    ):
        RoleFactory(
            person=teacher,
            kind=K.TEACHER_PRACTICE,
            partner=host,
            starts_on=start,
            ends_on=end,
            days=days,
        )
    row = values()
    assert row["people_teacher_practice"] == 2
    assert row["people_teacher_practice_days"] == 15


def test_masters_and_studios_while_active_in_the_year():
    host = SchoolFactory()
    master = PersonFactory(member=host)
    RoleFactory(
        person=master,
        kind=K.MASTER,
        partner=host,
        studio="面塑大师工作室",
        starts_on=date(2019, 5, 1),
    )
    RoleFactory(
        person=master,
        kind=K.MASTER,
        partner=host,
        studio="原型制作大师工作室",
        starts_on=date(2021, 12, 31),
    )
    RoleFactory(
        kind=K.MASTER,
        partner=host,
        studio="物联网大师工作室",
        starts_on=date(2018, 1, 1),
        ends_on=date(2020, 12, 31),
    )  # closed before 2021
    RoleFactory(
        kind=K.MASTER, partner=host, studio="面塑大师工作室", starts_on=date(2022, 1, 1)
    )  # not yet
    row = values()
    assert row["people_masters"] == 1
    assert row["people_master_studios"] == 2


def test_apprentices_active_in_the_year():
    enterprise = EnterpriseFactory()
    RoleFactory(
        kind=K.APPRENTICE,
        partner=enterprise,
        apprenticeship_kind="modern",
        starts_on=date(2020, 9, 1),
        ends_on=date(2021, 1, 1),
    )  # ends on 1 January: in
    RoleFactory(
        kind=K.APPRENTICE,
        partner=enterprise,
        apprenticeship_kind="modern",
        starts_on=date(2019, 9, 1),
        ends_on=date(2020, 12, 31),
    )  # out
    assert values()["people_apprentices"] == 1


def test_interns_placed_and_covered():
    host = EnterpriseFactory()
    RoleFactory(
        partner=host, starts_on=date(2021, 7, 1), agreement_on_file=True, insurance_on_file=True
    )
    RoleFactory(partner=host, starts_on=date(2021, 7, 1), agreement_on_file=True)
    RoleFactory(partner=host, starts_on=date(2021, 7, 1), insurance_on_file=True)
    RoleFactory(
        partner=host, starts_on=date(2020, 7, 1), agreement_on_file=True, insurance_on_file=True
    )
    row = values()
    assert (row["people_interns"], row["people_interns_covered"]) == (3, 1)


def test_graduates_shares_and_median_band():
    employer = EnterpriseFactory()
    outcomes = [
        ("employed", employer, "6000_8000"),
        ("employed", employer, "ge8000"),
        ("employed", None, "4000_6000"),
        ("further_study", None, ""),
    ]
    for outcome, partner, band in outcomes:
        RoleFactory(
            kind=K.GRADUATE,
            partner=partner,
            starts_on=None,
            year=2021,
            outcome=outcome,
            salary_band=band,
        )
    RoleFactory(
        kind=K.GRADUATE,
        partner=employer,
        starts_on=None,
        year=2020,
        outcome="employed",
        salary_band="ge8000",
    )
    row = values()
    assert row["people_graduates"] == 4
    assert row["people_graduates_employed"] == 3
    assert row["people_graduates_employed_share"] == Decimal("75.0")
    assert row["people_graduates_hired_by_partners"] == 2
    assert row["people_graduates_partner_share"] == Decimal("50.0")
    # bands 4000, 6000, 8000: the median is 6000
    assert row["people_graduates_median_salary"] == 6000


def test_median_of_an_even_count_is_the_lower_middle():
    assert median_floor(["4000_6000", "6000_8000", "ge8000", "ge8000"]) == 6000
    assert median_floor([]) == 0


def test_students_by_region_of_origin_and_pairing_area():
    project = ProjectFactory(kind=Project.Kind.ORDER_CLASS, signed_on=date(2019, 9, 1))
    cohort = ProjectClass.objects.create(project=project, name="艾尔玛模具制造191班")
    school = SchoolFactory()
    for n in range(5):
        from_qiaojia = n < 3
        student = PersonFactory(
            member=school,
            origin_region="云南巧家" if from_qiaojia else "东莞",
            from_pairing_area=from_qiaojia,
        )
        RoleFactory(
            person=student, kind=K.STUDENT, partner=None, project_class=cohort, starts_on=None
        )
    row = values()
    assert (row["people_students"], row["people_students_pairing_area"]) == (5, 3)
    assert students_by_origin(2021) == [("云南巧家", 3), ("东莞", 2)]


def test_frozen_year_keeps_the_people_figures(staff):
    RoleFactory(starts_on=date(2021, 7, 1))
    snapshot = year_freeze(year=2021, by=staff, reason="closed")
    RoleFactory(starts_on=date(2021, 8, 1))
    assert snapshot.figures()["people_interns"] == 1
    assert values()["people_interns"] == 2
