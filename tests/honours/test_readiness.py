"""Each condition of the next accreditation, green and red, on facts written by hand; then the
page on the database."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from honours.readiness import CONDITIONS, Facts, readiness
from members.models import Member
from reports.models import ReportDraft
from reports.services import year_freeze
from tests.factories import MemberFactory, StaffFactory
from tests.partnerships.factories import ProjectFactory

GOOD_VALUES = {
    "members_vocational_school": 2,
    "members_university": 1,
    "members_enterprise": 10,
    "members_association": 1,
    "projects_total": 1,
    "students_order_class": 25,
    "students_internship": 0,
    "investment_cny": Decimal("30000000.00"),
}
GOOD = Facts(
    year=2021,
    founded_on=datetime.date(2018, 12, 31),
    values=GOOD_VALUES,
    frozen_years={2019, 2020, 2021},
    summary_years={2019, 2020, 2021},
)
# One fact short of each condition, next to its edge.
SHORT = {
    "years_operating": {"founded_on": datetime.date(2019, 1, 1)},
    "schools": {"values": {**GOOD_VALUES, "members_vocational_school": 1}},
    "enterprises": {"values": {**GOOD_VALUES, "members_enterprise": 9}},
    "associations": {"values": {**GOOD_VALUES, "members_association": 0}},
    "frozen_years": {"frozen_years": {2018, 2020, 2021}},
    "projects": {"values": {**GOOD_VALUES, "projects_total": 0}},
    "students": {"values": {**GOOD_VALUES, "students_order_class": 0}},
    "investment": {"values": {**GOOD_VALUES, "investment_cny": Decimal("0.00")}},
    "summaries": {"summary_years": {2020, 2021}},
}
BY_CODE = {c.code: c for c in CONDITIONS}


def test_every_condition_has_a_red_case_here():
    assert set(SHORT) == set(BY_CODE)


@pytest.mark.parametrize("code", sorted(SHORT))
def test_condition_is_green_at_its_edge(code):
    met, figure = BY_CODE[code].measure(GOOD)
    assert met, figure


@pytest.mark.parametrize("code", sorted(SHORT))
def test_condition_is_red_one_short(code):
    facts = Facts(**{**GOOD.__dict__, **SHORT[code]})
    met, figure = BY_CODE[code].measure(facts)
    assert not met, figure


def test_a_missing_year_is_named():
    facts = Facts(**{**GOOD.__dict__, "frozen_years": {2021}})
    with translation.override("en"):
        assert BY_CODE["frozen_years"].measure(facts) == (False, "missing: 2019, 2020")


@pytest.mark.django_db
def test_readiness_reads_the_portals_data():
    founded = datetime.date(2013, 10, 18)
    for kind, n in [
        (Member.Kind.VOCATIONAL_SCHOOL, 3),
        (Member.Kind.ENTERPRISE, 10),
        (Member.Kind.ASSOCIATION, 1),
    ]:
        MemberFactory.create_batch(n, kind=kind, joined_on=founded)
    ProjectFactory(signed_on=datetime.date(2021, 3, 10), investment_cny=Decimal("30000000"))
    staff = StaffFactory()
    for year in (2019, 2020, 2021):
        year_freeze(year=year, by=staff, reason="closed")
        ReportDraft.objects.create(year=year, main_work="校企合作")
    results = {r.condition.code: r for r in readiness(2021)}
    assert all(r.met for r in results.values()), {c: r.figure for c, r in results.items()}
    assert results["enterprises"].figure == "10 / ≥ 10"
    ReportDraft.objects.filter(year=2020).update(main_work="")
    assert not {r.condition.code: r for r in readiness(2021)}["summaries"].met


@pytest.mark.django_db
def test_page_shows_each_condition_with_a_link_to_fix_the_red_ones(client):
    client.force_login(StaffFactory())
    response = client.get(reverse("staff_accreditation_readiness"))
    body = response.content.decode()
    assert body.count('class="readiness-unmet"') == len(CONDITIONS)  # an empty portal
    assert f'href="{reverse("staff_frozen_years")}"' in body
    assert "全国示范性职业教育集团" in body
