"""The calendar: each user sees what concerns them, and the private feed parses back."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from core.calendar import entries_for
from datacalls.models import DataCall, MemberReturn
from events import services
from tests.enrollment.factories import ApplicationFactory, IntakeFactory
from tests.factories import MemberFactory, RepresentativeFactory, StaffFactory, UserFactory
from tests.partnerships.factories import ParticipantFactory, PlanTaskFactory, ProjectFactory

from .factories import EventFactory

pytestmark = pytest.mark.django_db


def soon(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def year_of_things():
    member, other = MemberFactory(), MemberFactory()
    rep = RepresentativeFactory(member=member).user
    applicant = UserFactory()
    at = timezone.make_aware(datetime.combine(soon(10), datetime.min.time()).replace(hour=9))
    intake = IntakeFactory(programme="数控技术", opens_at=at - timedelta(days=20), closes_at=at)
    ApplicationFactory(intake=intake, applicant=applicant)
    IntakeFactory(programme="另一个专业", opens_at=at, closes_at=at + timedelta(days=30))
    call = DataCall.objects.create(year=soon(0).year - 1, deadline=soon(20))
    MemberReturn.objects.create(call=call, member=member, form="enterprise")
    ours = ProjectFactory(title="模具订单班", expires_on=soon(30))
    ParticipantFactory(project=ours, member=member)
    theirs = ProjectFactory(title="别家项目", expires_on=soon(31))
    ParticipantFactory(project=theirs, member=other)
    task = PlanTaskFactory(title="共搭教学研讨平台", deadline=soon(40), lead=member)
    PlanTaskFactory(title="别家任务", deadline=soon(41), lead=other)
    event = EventFactory(title="年度理事会", starts_at=at + timedelta(days=5))
    return {"rep": rep, "applicant": applicant, "task": task, "event": event, "call": call}


def titles(user) -> set[str]:
    return {e.title for e in entries_for(user, soon(0), soon(60))}


def uids(user) -> set[str]:
    return {e.uid for e in entries_for(user, soon(0), soon(60))}


def test_a_representative_sees_its_members_items_only(year_of_things):
    seen = titles(year_of_things["rep"])
    assert "模具订单班" in seen
    assert f"{year_of_things['task'].number}. 共搭教学研讨平台" in seen
    assert "年度理事会" in seen
    assert f"datacalls-deadline-{year_of_things['call'].pk}" in uids(year_of_things["rep"])
    assert "别家项目" not in seen
    assert not any("别家任务" in t for t in seen)
    assert "另一个专业" not in seen


def test_an_applicant_sees_its_intake_and_open_events(year_of_things):
    seen = titles(year_of_things["applicant"])
    assert "数控技术" in seen  # the intake applied to closes within the range
    assert "另一个专业" not in seen
    assert not any(u.startswith("datacalls-") for u in uids(year_of_things["applicant"]))
    assert "模具订单班" not in seen
    assert "年度理事会" in seen


def test_staff_see_by_role(year_of_things):
    projects_staff = StaffFactory(roles=["projects"])
    seen = titles(projects_staff)
    assert {"模具订单班", "别家项目"} <= seen
    assert "另一个专业" not in seen
    reviewer = StaffFactory(roles=["enrollment_reviewer"])
    assert "另一个专业" in titles(reviewer)
    assert "模具订单班" not in titles(reviewer)


def test_the_private_feed_parses_back_and_a_renewed_token_shuts_the_old_one(year_of_things, client):
    rep = year_of_things["rep"]
    old = services.feed_for(rep).token
    response = client.get(reverse("calendar_feed", args=[old]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(c.get("summary")): c for c in calendar.walk("VEVENT")}
    council = next(c for s, c in events.items() if s.endswith("年度理事会"))
    assert council.decoded("dtstart") == year_of_things["event"].starts_at
    assert str(council.get("location")) == "东莞市机电工程学校 报告厅"
    assert not any("别家项目" in s for s in events)
    new = services.feed_renew(rep).token
    assert new != old
    assert client.get(reverse("calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("calendar_feed", args=[new])).status_code == 200


def test_the_calendar_page_lists_what_is_coming(year_of_things, client):
    client.force_login(year_of_things["rep"])
    page = client.get(reverse("calendar")).content.decode()
    assert "模具订单班" in page and "年度理事会" in page
    assert "别家项目" not in page
