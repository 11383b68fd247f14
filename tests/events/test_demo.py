"""The demo's meetings from the seeds: the council meeting and the two seminars."""

import pytest

from events import demo
from events.models import Event, Registration
from members import demo as members_demo


@pytest.fixture
def loaded(db):
    members_demo.load()
    demo.load()


def test_demo_holds_the_council_meeting_and_the_seminars_of_the_seeds(loaded):
    titles = set(Event.objects.values_list("title", flat=True))
    assert any(t.endswith("年度理事会") for t in titles)
    assert any("长安电商协会" in t for t in titles)  # seed 000
    assert "校企教学研讨交流会" in titles  # seed 004, task 13
    ecommerce = Event.objects.get(title__contains="长安电商协会")
    assert set(ecommerce.registrations.values_list("member__name", flat=True)) == {
        "东莞市机电工程学校",
        "长安电商协会",
    }


def test_demo_past_meetings_have_check_ins_and_the_coming_one_a_waiting_list(loaded):
    council = Event.objects.get(kind=Event.Kind.COUNCIL_MEETING)
    # 11 delegates written in the demo; all but the last came.
    assert council.registrations.confirmed().count() == 11
    assert council.registrations.filter(checked_in_at__isnull=False).count() == 10
    teaching = Event.objects.get(title="校企教学研讨交流会")
    assert teaching.registration_open
    assert teaching.registrations.confirmed().count() == 6
    assert teaching.registrations.waiting().count() == 5


def test_loading_again_changes_nothing(loaded):
    before = Registration.objects.count()
    demo.load()
    assert Registration.objects.count() == before
    assert Event.objects.count() == 3
