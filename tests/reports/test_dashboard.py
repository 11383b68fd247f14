"""The staff dashboard: headline figures with change, charts, lists."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from partnerships.models import Project
from tests.factories import MemberFactory

from .factories import ApplicationFactory, IntakeFactory, ParticipantFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_dashboard_shows_figures_and_chart_data(client_for, staff):
    year = timezone.localdate().year
    MemberFactory(joined_on=date(year - 3, 5, 1), region="东莞市虎门镇")
    MemberFactory(joined_on=date(year, 1, 1), region="东莞市长安镇")
    ProjectFactory(kind=Project.Kind.INTERNSHIP, signed_on=date(year, 1, 2), students=45)
    ApplicationFactory(intake=IntakeFactory(year=year), status="approved")
    response = client_for(staff).get("/staff/")
    context = response.context
    by_code = context["indicators"].by_code
    assert (by_code["members_total"].value, by_code["members_total"].change) == (2, 1)
    assert context["funnel"]["values"] == [1, 1, 0]
    assert context["members_joined"]["values"][-1] == 1
    assert len(context["projects_chart"]["labels"]) == 1  # only kinds that have projects
    assert sum(sum(d["data"]) for d in context["projects_chart"]["datasets"]) == 1
    page = response.content.decode()
    for canvas in ("members-by-kind", "members-joined", "projects-chart", "enrollment-funnel"):
        assert f'id="{canvas}"' in page
    assert "东莞市虎门镇" in page


def test_expiring_agreements_and_quiet_members(client_for, staff):
    today = timezone.localdate()
    ProjectFactory(title="即将到期的订单班", ends_on=today + timedelta(days=30))
    ProjectFactory(title="远期项目", ends_on=today + timedelta(days=400))
    active = MemberFactory(name="活跃企业", joined_on=date(2015, 1, 1))
    ParticipantFactory(member=active, project=ProjectFactory(signed_on=today - timedelta(days=30)))
    MemberFactory(name="沉寂企业", joined_on=date(2015, 1, 1))
    context = client_for(staff).get("/staff/").context
    assert [p.title for p in context["expiring"]] == ["即将到期的订单班"]
    assert [m.name for m in context["quiet"]] == ["沉寂企业"]


def test_dashboard_query_count_is_fixed(client_for, staff, django_assert_max_num_queries):
    client = client_for(staff)
    for _ in range(10):
        MemberFactory()
        ProjectFactory()
    with django_assert_max_num_queries(14):
        client.get("/staff/")


def test_dashboard_shows_a_chosen_year_against_the_year_before(client_for, staff):
    MemberFactory(joined_on=date(2019, 5, 1))
    MemberFactory(joined_on=date(2021, 5, 1))
    MemberFactory(joined_on=date(2023, 5, 1))
    context = client_for(staff).get("/staff/", {"year": 2021}).context
    total = context["indicators"].by_code["members_total"]
    assert (context["year"], total.value, total.previous) == (2021, 2, 1)
