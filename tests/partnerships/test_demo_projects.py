from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from partnerships import demo
from partnerships.models import InternshipOffer, PlanTask, Project, ProjectClass, WorkPlan

# each test loads the demo group: run once, in the PostgreSQL + Redis run of .ci/run
pytestmark = pytest.mark.slow


@pytest.fixture
def loaded(db):
    call_command("load_demo", "--no-login")


def roles(project: Project) -> dict[str, str]:
    return {p.member.name: p.role for p in project.participants.select_related("member")}


def test_training_centre_signed_on_10_march_2021_with_30_million(loaded):
    centre = Project.objects.get(title="端品模具研发及工程中心")
    assert centre.kind == "training_centre"
    assert centre.signed_on == date(2021, 3, 10)
    assert centre.investment_cny == Decimal("30000000")
    assert roles(centre) == {
        "东莞市端品精密科技有限公司": "enterprise",
        "东莞市机电工程学校": "school",
    }
    assert centre.events.filter(happened_on=date(2021, 3, 10), kind="milestone").exists()


def test_order_classes_and_their_cohorts(loaded):
    duanpin = Project.objects.get(title="端品模具设计191班")
    aierma = Project.objects.get(title="艾尔玛模具制造191班")
    assert (duanpin.kind, duanpin.students) == ("order_class", 25)
    assert (aierma.kind, aierma.students) == ("order_class", 35)
    cohort = ProjectClass.objects.get(name="艾尔玛模具制造191班")
    assert cohort.from_origin_region == 25
    assert cohort.enrolled == 31
    assert "云南巧家" in cohort.origin_region


def test_internships_at_aierma_and_chuangshiji(loaded):
    internships = Project.objects.filter(kind="internship").counting_for(2021)
    by_enterprise = {
        p.participants.get(role="enterprise").member.name: p.students for p in internships
    }
    assert by_enterprise["东莞市艾尔玛科技有限公司"] == 20
    assert by_enterprise["广东创世纪智能装备股份有限公司"] == 45


def test_industry_college_has_enterprise_site_provider_and_coordinator(loaded):
    college = Project.objects.get(kind="industry_college")
    assert college.status == "negotiating"
    assert roles(college) == {
        "东莞市机电工程学校": "school",
        "东莞捷荣技术股份有限公司": "enterprise",
        "广东日信高精密科技有限公司": "site_provider",
        "长安人力资源分局": "coordinator",
    }


def test_cross_border_ecommerce_starts_september_2022(loaded):
    programme = Project.objects.get(kind="programme_development")
    assert programme.starts_on == date(2022, 9, 1)
    assert "长安电商协会" in roles(programme)


def test_several_years_have_projects(loaded):
    counts = {year: Project.objects.counting_for(year).count() for year in (2019, 2020, 2021)}
    assert all(counts.values()), counts
    order_class_students_2021 = sum(
        Project.objects.counting_for(2021)
        .filter(kind="order_class")
        .values_list("students", flat=True)
    )
    assert order_class_students_2021 == 25 + 35  # the seed's two classes of 2021


def test_pool_and_plan_from_the_seeds(loaded):
    assert InternshipOffer.objects.count() == 3
    plan = WorkPlan.objects.get(year=2022)
    assert plan.tasks.count() == 13
    assert plan.tasks.get(number=12).projects.filter(kind="industry_college").exists()


def test_loading_twice_changes_nothing_and_keeps_edits(loaded):
    Project.objects.filter(title="端品模具设计191班").update(students=26)
    before = (Project.objects.count(), PlanTask.objects.count(), InternshipOffer.objects.count())
    demo.load()
    after = (Project.objects.count(), PlanTask.objects.count(), InternshipOffer.objects.count())
    assert before == after
    assert Project.objects.get(title="端品模具设计191班").students == 26


def test_2021_internship_students_are_the_seeds_65(loaded):
    students = Project.objects.counting_for(2021).filter(kind="internship")
    assert sum(students.values_list("students", flat=True)) == 20 + 45
