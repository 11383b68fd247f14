"""The contract's annual indicators, edge by edge (docs/contract.md)."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from enrollment.models import Application
from members.models import Member
from partnerships.models import Project
from reports.indicators import CODES, annual_indicators, indicator_values
from tests.factories import MemberFactory, UserFactory

from .factories import ApplicationFactory, IntakeFactory, ProjectFactory, resident_id

pytestmark = pytest.mark.django_db

K = Member.Kind
P = Project.Status
A = Application.Status


def values(year: int = 2021) -> dict:
    return indicator_values([year])[year]


def test_every_contract_code_is_defined():
    expected = {"members_total", "members_joined", "members_left", "projects_total"}
    expected |= {f"members_{kind}" for kind in Member.Kind.values}
    expected |= {f"projects_{kind}" for kind in Project.Kind.values}
    expected |= {
        "projects_signed",
        "students_order_class",
        "students_internship",
        "investment_cny",
        "enrollment_registered",
        "enrollment_approved",
        "enrollment_enrolled",
    }
    # The contract's own first; indicators other apps register (reports.indicators) after them.
    assert set(CODES[: len(expected)]) == expected
    assert len(CODES) == len(set(CODES))


def test_empty_database_gives_zero_everywhere():
    row = values()
    assert set(row) == set(CODES)
    assert all(value == 0 for value in row.values())
    assert row["investment_cny"] == Decimal("0.00")


def test_members_at_the_end_of_the_year_respect_the_boundary_dates():
    MemberFactory(joined_on=date(2021, 12, 31))  # joined on the last day: counts
    MemberFactory(joined_on=date(2022, 1, 1))  # joined the day after: does not
    MemberFactory(joined_on=date(2015, 5, 1), left_on=date(2021, 12, 31))  # left that day: no
    MemberFactory(joined_on=date(2015, 5, 1), left_on=date(2022, 1, 1))  # left later: counts
    MemberFactory(joined_on=None)  # no joining date: never counted
    assert values()["members_total"] == 2


def test_a_member_who_joined_and_left_the_same_year_is_joined_and_left_but_not_counted():
    MemberFactory(joined_on=date(2021, 2, 1), left_on=date(2021, 11, 30))
    row = values()
    assert (row["members_total"], row["members_joined"], row["members_left"]) == (0, 1, 1)


def test_joined_and_left_count_only_dates_inside_the_year():
    MemberFactory(joined_on=date(2021, 1, 1))
    MemberFactory(joined_on=date(2020, 12, 31), left_on=date(2021, 1, 1))
    MemberFactory(joined_on=date(2020, 12, 31), left_on=date(2022, 1, 1))
    row = values()
    assert row["members_joined"] == 1
    assert row["members_left"] == 1


def test_members_are_counted_by_kind():
    for kind in (K.ENTERPRISE, K.ENTERPRISE, K.UNIVERSITY, K.GOVERNMENT):
        MemberFactory(kind=kind, joined_on=date(2019, 1, 1))
    row = values()
    assert row["members_enterprise"] == 2
    assert row["members_university"] == 1
    assert row["members_government"] == 1
    assert row["members_association"] == 0
    assert row["members_total"] == sum(row[f"members_{k}"] for k in Member.Kind.values)


def test_the_status_field_does_not_change_the_dated_member_count():
    # The contract counts by dates only; a suspended member is still a member.
    MemberFactory(joined_on=date(2019, 1, 1), status=Member.Status.SUSPENDED)
    assert values()["members_total"] == 1


@pytest.mark.parametrize("status", [P.PROPOSED, P.NEGOTIATING])
def test_projects_still_in_talks_do_not_count_even_with_a_planned_signing_date(status):
    ProjectFactory(status=status, signed_on=date(2021, 3, 10), students=25)
    row = values()
    assert row["projects_total"] == 0
    assert row["students_order_class"] == 0
    # ... but a signing date in the year is a signing date: projects_signed follows signed_on.
    assert row["projects_signed"] == 1


@pytest.mark.parametrize("status", [P.SIGNED, P.RUNNING, P.FINISHED, P.ENDED])
def test_projects_past_the_talks_count(status):
    ProjectFactory(status=status, signed_on=date(2021, 3, 10))
    assert values()["projects_total"] == 1


def test_project_counting_boundaries():
    ProjectFactory(signed_on=date(2021, 12, 31))  # signed on the last day: counts
    ProjectFactory(signed_on=date(2022, 1, 1))  # signed after the year: no
    ProjectFactory(signed_on=None)  # never signed: no
    ProjectFactory(signed_on=date(2019, 1, 1), ends_on=date(2020, 12, 31))  # ended before: no
    ProjectFactory(signed_on=date(2019, 1, 1), ends_on=date(2021, 1, 1))  # ends on 1 Jan: counts
    ProjectFactory(signed_on=date(2019, 1, 1), ends_on=None)  # open-ended: counts
    assert values()["projects_total"] == 3


def test_projects_are_counted_by_kind():
    ProjectFactory(kind=Project.Kind.TRAINING_CENTRE, signed_on=date(2021, 3, 10))
    ProjectFactory(kind=Project.Kind.ORDER_CLASS, signed_on=date(2021, 3, 10))
    ProjectFactory(kind=Project.Kind.ORDER_CLASS, signed_on=date(2020, 9, 1))
    row = values()
    assert row["projects_training_centre"] == 1
    assert row["projects_order_class"] == 2
    assert row["projects_internship"] == 0
    assert row["projects_total"] == sum(row[f"projects_{k}"] for k in Project.Kind.values)


def test_projects_signed_follow_the_signing_date_only():
    ProjectFactory(signed_on=date(2021, 1, 1))
    ProjectFactory(signed_on=date(2021, 12, 31), status=P.ENDED, ends_on=date(2021, 12, 31))
    ProjectFactory(signed_on=date(2020, 12, 31))
    assert values()["projects_signed"] == 2


def test_students_sum_order_classes_and_internships_that_count():
    ProjectFactory(kind=Project.Kind.ORDER_CLASS, students=25, signed_on=date(2021, 3, 10))
    ProjectFactory(kind=Project.Kind.ORDER_CLASS, students=35, signed_on=date(2019, 9, 1))
    ProjectFactory(kind=Project.Kind.ORDER_CLASS, students=99, status=P.NEGOTIATING)
    ProjectFactory(
        kind=Project.Kind.ORDER_CLASS,
        students=40,
        signed_on=date(2018, 9, 1),
        ends_on=date(2020, 7, 1),
    )
    ProjectFactory(kind=Project.Kind.INTERNSHIP, students=20, signed_on=date(2021, 6, 1))
    ProjectFactory(kind=Project.Kind.INTERNSHIP, students=45, signed_on=date(2021, 6, 1))
    ProjectFactory(kind=Project.Kind.TRAINING_CENTRE, students=25, signed_on=date(2021, 3, 10))
    row = values()
    assert row["students_order_class"] == 60
    assert row["students_internship"] == 65


def test_investment_sums_projects_signed_in_the_year_whatever_their_status():
    ProjectFactory(investment_cny=Decimal("30000000"), signed_on=date(2021, 3, 10))
    ProjectFactory(investment_cny=Decimal("0.50"), signed_on=date(2021, 12, 31))
    ProjectFactory(investment_cny=Decimal("1000"), signed_on=date(2020, 12, 31))
    ProjectFactory(investment_cny=Decimal("7"), signed_on=None)
    assert values()["investment_cny"] == Decimal("30000000.50")


def test_enrollment_counts_only_ever_submitted_applications_to_the_years_intakes():
    intake = IntakeFactory(year=2021)
    ApplicationFactory(intake=intake, status=A.DRAFT, submitted_at=None)
    ApplicationFactory(intake=intake, status=A.WITHDRAWN, submitted_at=None)  # before submit
    ApplicationFactory(intake=intake, status=A.WITHDRAWN)  # withdrawn after submitting: counts
    ApplicationFactory(intake=intake, status=A.SUBMITTED)
    ApplicationFactory(intake=intake, status=A.RETURNED)
    ApplicationFactory(intake=intake, status=A.REJECTED)
    ApplicationFactory(intake=intake, status=A.APPROVED)
    ApplicationFactory(intake=intake, status=A.ENROLLED)
    # An intake of another year, even with submissions dated in 2021, does not count.
    ApplicationFactory(intake=IntakeFactory(year=2022), status=A.ENROLLED)
    row = values()
    assert row["enrollment_registered"] == 6
    assert row["enrollment_approved"] == 2
    assert row["enrollment_enrolled"] == 1


def test_seed_figures_come_out_of_matching_records():
    """Seed 000's 2021: 101 enterprises, the RMB 30 million training centre, classes of 25 and
    35, interns 20 and 45, and 900 registered / 747 approved part-time applicants."""
    for _ in range(101):
        MemberFactory(joined_on=date(2018, 1, 1))
    ProjectFactory(
        kind=Project.Kind.TRAINING_CENTRE,
        signed_on=date(2021, 3, 10),
        investment_cny=Decimal("30000000"),
    )
    ProjectFactory(kind=Project.Kind.ORDER_CLASS, signed_on=date(2021, 3, 10), students=25)
    ProjectFactory(kind=Project.Kind.ORDER_CLASS, signed_on=date(2021, 5, 1), students=35)
    ProjectFactory(kind=Project.Kind.INTERNSHIP, signed_on=date(2021, 6, 1), students=20)
    ProjectFactory(kind=Project.Kind.INTERNSHIP, signed_on=date(2021, 6, 1), students=45)
    intake = IntakeFactory(year=2021)
    applicant = UserFactory()
    statuses = [A.APPROVED] * 700 + [A.ENROLLED] * 47 + [A.REJECTED] * 153 + [A.DRAFT] * 12
    applications = [
        Application(
            intake=intake,
            applicant=applicant,
            full_name=f"学员{n}",
            id_number=resident_id(n),
            phone="13800138000",
            education="初中",
            status=status,
            submitted_at=None if status == A.DRAFT else datetime(2021, 4, 1, tzinfo=UTC),
        )
        for n, status in enumerate(statuses)
    ]
    for application in applications:
        application.set_lookups()  # what save() does, for bulk_create
    Application.objects.bulk_create(applications)
    row = values()
    assert row["members_enterprise"] == 101
    assert row["investment_cny"] == Decimal("30000000.00")
    assert row["students_order_class"] == 60
    assert row["students_internship"] == 65
    assert row["enrollment_registered"] == 900
    assert row["enrollment_approved"] == 747


def test_year_on_year_change_and_enterprise_share():
    MemberFactory(kind=K.ENTERPRISE, joined_on=date(2019, 1, 1))
    MemberFactory(kind=K.ENTERPRISE, joined_on=date(2021, 6, 1))
    MemberFactory(kind=K.ENTERPRISE, joined_on=date(2021, 7, 1))
    MemberFactory(kind=K.VOCATIONAL_SCHOOL, joined_on=date(2019, 1, 1))
    report = annual_indicators(2021)
    total = report.by_code["members_total"]
    assert (total.value, total.previous, total.change) == (4, 2, 2)
    assert report.enterprise_share == Decimal("75.0")
    assert report.previous_enterprise_share == Decimal("50.0")


def test_members_by_region_at_the_end_of_the_year():
    MemberFactory(region="东莞市长安镇", joined_on=date(2019, 1, 1))
    MemberFactory(region="东莞市长安镇", joined_on=date(2019, 1, 1))
    MemberFactory(region="东莞市虎门镇", joined_on=date(2019, 1, 1))
    MemberFactory(region="东莞市虎门镇", joined_on=date(2022, 1, 1))
    assert annual_indicators(2021).members_by_region == [("东莞市长安镇", 2), ("东莞市虎门镇", 1)]


def test_indicators_have_chinese_and_english_names():
    report = annual_indicators(2021)
    enterprises = report.by_code["members_enterprise"]
    assert enterprises.name_en == "Members: Enterprise"
    assert "企业" in enterprises.name_zh


def test_query_count_does_not_grow_with_the_data(django_assert_max_num_queries):
    def build(n: int) -> None:
        for i in range(n):
            MemberFactory(joined_on=date(2015 + i % 7, 1, 1), region=f"镇{i}")
            ProjectFactory(kind=Project.Kind.values[i % len(Project.Kind.values)])
            ApplicationFactory(status=A.APPROVED)

    # One query per table: members, projects, applications, people's roles, events.
    build(2)
    with django_assert_max_num_queries(5):
        annual_indicators(2021)
    build(20)
    with django_assert_max_num_queries(5):
        annual_indicators(2021)


def test_the_enrollment_funnel_and_the_report_count_registered_and_approved_alike():
    from enrollment.selectors import intakes_with_funnel

    intake = IntakeFactory(year=2021)
    when = datetime(2021, 4, 1, tzinfo=UTC)
    for status, first_submitted in [
        (A.DRAFT, None),
        (A.WITHDRAWN, None),  # withdrawn before it was ever submitted
        (A.WITHDRAWN, when),
        (A.SUBMITTED, when),
        (A.APPROVED, when),
        (A.ENROLLED, when),
        (A.APPROVED, None),  # an approved record without its submission time (e.g. imported)
    ]:
        ApplicationFactory(intake=intake, status=status, submitted_at=first_submitted)
    funnel = intakes_with_funnel().get(pk=intake.pk)
    # By the contract, counted by hand: all but the draft and the early withdrawal.
    assert funnel.n_registered == values()["enrollment_registered"] == 5
    assert funnel.n_approved == values()["enrollment_approved"] == 3
