"""The demo holds the seeds' people, and the frozen 2021 figures state them."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from people.models import Person, Role
from reports.selectors import year_snapshot

K = Role.Kind


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", "--no-login")
        yield
        call_command("flush", "--no-input")


pytestmark = pytest.mark.django_db


def test_zhou_fayin_is_a_graduate_at_aierma_from_qiaojia(loaded):
    zhou = Person.objects.get(full_name="周发印")
    assert zhou.origin_region == "云南巧家" and zhou.from_pairing_area
    graduate = zhou.roles.get(kind=K.GRADUATE)
    assert graduate.partner.name == "东莞市艾尔玛科技有限公司"
    assert graduate.salary_band == "6000_8000" and graduate.hired_by_partner


def test_the_seeds_classes_and_interns(loaded):
    students = Role.objects.filter(kind=K.STUDENT)
    assert students.filter(project_class__name="端品模具设计191班").count() == 25
    aierma = students.filter(project_class__name="艾尔玛模具制造191班")
    assert aierma.count() == 31
    assert aierma.filter(person__origin_region="云南巧家").count() == 25
    interns = Role.objects.filter(kind=K.INTERN)
    assert interns.filter(partner__name="东莞市艾尔玛科技有限公司").count() == 20
    assert interns.filter(partner__name="广东创世纪智能装备股份有限公司").count() == 45
    studios = set(Role.objects.filter(kind=K.MASTER).values_list("studio", flat=True))
    assert studios == {"面塑大师工作室", "原型制作大师工作室", "物联网大师工作室"}


def test_every_demo_record_passes_the_models_rules(loaded):
    for role in Role.objects.select_related("person", "partner"):
        role.full_clean()
    names = list(Person.objects.values_list("member_id", "full_name"))
    assert len(names) == len(set(names))


def test_the_frozen_2021_figures_state_the_people(loaded):
    figures = year_snapshot(2021).figures()
    # Counted by hand from the seeds and the stand-ins in people/demo.py:
    expected = {
        "people_part_time_teachers": 11,  # 6 + 3 + 2
        "people_part_time_teaching_hours": 816,  # 480 + 240 + 96
        "people_teacher_practice": 12,
        "people_teacher_practice_days": 420,  # 12 x 35
        "people_masters": 3,
        "people_master_studios": 3,
        "people_apprentices": 2,
        "people_interns": 65,  # 20 + 45
        "people_interns_covered": 65,
        "people_graduates": 29,  # the 181 class
        "people_graduates_employed": 26,  # 18 + 8
        "people_graduates_hired_by_partners": 18,
        "people_graduates_median_salary": 6000,
        "people_students": 152,  # 25 + 31 + 65 + 2 + 29
        "people_students_pairing_area": 37,  # 25 + 12
    }
    assert {code: figures[code] for code in expected} == expected
    assert figures["people_graduates_employed_share"] == Decimal("89.7")  # 26 / 29


def test_loading_twice_adds_nobody(loaded):
    before = (Person.objects.count(), Role.objects.count())
    call_command("load_demo", "--no-login")
    assert (Person.objects.count(), Role.objects.count()) == before
