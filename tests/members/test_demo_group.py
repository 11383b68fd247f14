from datetime import date

import pytest
from django.core.management import call_command

from members.models import Member

# each test loads the demo group: run once, in the PostgreSQL + Redis run of .ci/run
pytestmark = pytest.mark.slow


@pytest.fixture
def demo(db):
    call_command("load_demo", "--no-login")


def counts_at(day: date) -> dict:
    members = Member.objects.filter(joined_on__lte=day)
    return {kind: members.filter(kind=kind).count() for kind in Member.Kind.values}


def test_demo_group_matches_the_seed_at_founding(demo):
    founding = counts_at(date(2013, 10, 31))
    assert founding["university"] == 3
    assert founding["vocational_school"] == 15
    assert founding["association"] + founding["research_institute"] == 8
    assert founding["enterprise"] == 76


def test_demo_group_has_101_enterprises_at_end_of_2021(demo):
    assert Member.objects.at_end_of(2021).filter(kind="enterprise").count() == 101


def test_demo_group_names_the_seed_organisations(demo):
    lead = Member.objects.get(name="东莞市机电工程学校")
    assert lead.group_role == "lead"
    for name in [
        "东莞市端品精密科技有限公司",
        "东莞捷荣技术股份有限公司",
        "长安人力资源分局",
        "东莞极飞无人机科技有限公司",
        "长安电商协会",
    ]:
        assert Member.objects.filter(name=name).exists()


def test_demo_credit_codes_are_valid(demo):
    for member in Member.objects.all():
        member.full_clean()


def test_loading_the_demo_twice_keeps_edits_and_adds_nothing(demo):
    Member.objects.filter(name="长安电商协会").update(industry="跨境电商")
    before = Member.objects.count()
    call_command("load_demo", "--no-login")
    assert Member.objects.count() == before
    assert Member.objects.get(name="长安电商协会").industry == "跨境电商"


def test_demo_members_offer_what_the_seed_says_and_keep_edits(demo):
    assert Member.objects.get(name="广东创世纪智能装备股份有限公司").offers_internship_places == 45
    Member.objects.filter(name="东莞市艾尔玛科技有限公司").update(offers_internship_places=30)
    call_command("load_demo", "--no-login")
    assert Member.objects.get(name="东莞市艾尔玛科技有限公司").offers_internship_places == 30
