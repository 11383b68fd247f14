"""The staff dashboard: headline figures with change, charts, lists."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from partnerships.models import Project
from partnerships.selectors import plan_overview
from tests.factories import MemberFactory
from tests.partnerships.factories import PlanTaskFactory, WorkPlanFactory

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
    ProjectFactory(title="即将到期的订单班", expires_on=today + timedelta(days=30))
    ProjectFactory(title="远期项目", expires_on=today + timedelta(days=400))
    active = MemberFactory(name="活跃企业", joined_on=date(2015, 1, 1))
    ParticipantFactory(member=active, project=ProjectFactory(signed_on=today - timedelta(days=30)))
    MemberFactory(name="沉寂企业", joined_on=date(2015, 1, 1))
    context = client_for(staff).get("/staff/").context
    assert [p.title for p in context["expiring"]] == ["即将到期的订单班"]
    assert [m.name for m in context["quiet"]] == ["沉寂企业"]


def test_dashboard_query_count_is_fixed(client_for, staff, django_assert_max_num_queries):
    client = client_for(staff)
    year = timezone.localdate().year
    plans = [WorkPlanFactory(year=year, title=f"{year}年度工作计划{n}") for n in range(3)]
    for n in range(10):
        MemberFactory()
        ProjectFactory()
        PlanTaskFactory(
            plan=plans[n % 3],
            lead=MemberFactory(),
            deadline=timezone.localdate() - timedelta(days=n + 1),
        )
    # 16, one for the people indicators (all years in one), one for the events indicators, three
    # for the honours card, one for the user's roles, and one more when the year has no data yet:
    # the latest year that has. +2: the site's texts (the group's name, the footer), read once
    # per cache period.
    with django_assert_max_num_queries(25):
        response = client.get("/staff/")
    assert response.context["plan"]["states"]["late"] == 10


def test_dashboard_shows_a_chosen_year_against_the_year_before(client_for, staff):
    MemberFactory(joined_on=date(2019, 5, 1))
    MemberFactory(joined_on=date(2021, 5, 1))
    MemberFactory(joined_on=date(2023, 5, 1))
    context = client_for(staff).get("/staff/", {"year": 2021}).context
    total = context["indicators"].by_code["members_total"]
    assert (context["year"], total.value, total.previous) == (2021, 2, 1)


def test_work_plan_progress_card_lists_late_tasks_with_lead_and_deadline(client_for, staff):
    today = timezone.localdate()
    plan = WorkPlanFactory(year=today.year, title=f"{today.year}年度工作计划")
    WorkPlanFactory(year=today.year - 1, title="去年的计划")
    lead = MemberFactory(name="东莞市长安模具协会")
    PlanTaskFactory(plan=plan, status="done", deadline=today - timedelta(days=60))
    PlanTaskFactory(plan=plan, status="in_progress", deadline=today + timedelta(days=10))
    PlanTaskFactory(plan=plan, title="共建实训基地", lead=lead, deadline=today - timedelta(days=5))
    PlanTaskFactory(plan=plan, title="还没开始", deadline=today + timedelta(days=90))
    response = client_for(staff).get("/staff/")
    card = response.context["plan"]
    assert card["states"] == plan_overview(plan)["states"] == {"done": 1, "on_track": 2, "late": 1}
    assert [p.title for p in card["plans"]] == [plan.title]
    page = response.content.decode()
    assert 'data-testid="plan-progress"' in page
    assert f'href="/staff/plans/{plan.pk}/"' in page
    late_table = page[page.index('data-testid="late-tasks"') :]
    assert "共建实训基地" in late_table
    assert "东莞市长安模具协会" in late_table
    assert (today - timedelta(days=5)).isoformat() in late_table
    assert "还没开始" not in page


def test_work_plan_card_follows_the_chosen_year(client_for, staff):
    today = timezone.localdate()
    old = WorkPlanFactory(year=today.year - 1, title="上一年度工作计划")
    PlanTaskFactory(plan=old, title="去年没完成的任务", deadline=date(today.year - 1, 12, 31))
    client = client_for(staff)
    this_year = client.get("/staff/")
    assert this_year.context["plan"]["total"] == 0
    assert "去年没完成的任务" not in this_year.content.decode()
    last_year = client.get("/staff/", {"year": today.year - 1}).content.decode()
    assert "去年没完成的任务" in last_year


def test_dashboard_lists_the_agreements_the_reminders_announce(client_for, staff):
    """One window everywhere: 60 days, as the reminder's name says (the dashboard had 90)."""
    today = timezone.localdate()
    ProjectFactory(title="六十天", expires_on=today + timedelta(days=60))
    ProjectFactory(title="七十五天", expires_on=today + timedelta(days=75))
    response = client_for(staff).get("/staff/")
    assert [p.title for p in response.context["expiring"]] == ["六十天"]
    assert "60 天内到期的合作协议" in response.content.decode()


def test_the_cached_dashboard_shows_a_changed_record_on_the_next_view(client_for, staff):
    today = timezone.localdate()
    quiet = MemberFactory(name="沉寂企业", joined_on=date(2015, 1, 1))
    client = client_for(staff)
    first = client.get("/staff/").context
    assert first["indicators"].by_code["members_total"].value == 1
    assert [m.name for m in first["quiet"]] == ["沉寂企业"]
    MemberFactory(name="新会员", joined_on=date(2015, 1, 1))
    ParticipantFactory(member=quiet, project=ProjectFactory(signed_on=today - timedelta(days=9)))
    second = client.get("/staff/").context
    assert second["indicators"].by_code["members_total"].value == 2
    assert [m.name for m in second["quiet"]] == ["新会员"]
    quiet.participations.all().delete()  # a delete is a change too (names in code point order)
    assert [m.name for m in client.get("/staff/").context["quiet"]] == ["新会员", "沉寂企业"]


def test_a_second_view_reads_the_figures_from_the_cache(client_for, staff, monkeypatch):
    from core import datacache
    from reports import views

    computed = []
    compute = views._dashboard_figures
    monkeypatch.setattr(views, "_dashboard_figures", lambda *a: computed.append(a) or compute(*a))
    MemberFactory(joined_on=date(2015, 1, 1))
    monkeypatch.setattr(datacache, "SETTLE", 3600)  # a slow machine takes seconds per view
    client = client_for(staff)
    client.get("/staff/")
    client.get("/staff/")
    # within seconds of a change (its transaction may not have committed) nothing is kept
    assert len(computed) == 2
    monkeypatch.setattr(datacache, "SETTLE", 0)
    client.get("/staff/")
    client.get("/staff/")
    client.get("/staff/")
    assert len(computed) == 3
