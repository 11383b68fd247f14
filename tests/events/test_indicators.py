"""Events and attendance per year: indicators, a frozen year's section, the report's words."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from events.models import Event, Registration
from reports.indicators import annual_indicators
from reports.services import year_freeze
from reports.summary import build_summary
from tests.factories import StaffFactory, UserFactory

from .factories import EventFactory

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=BEIJING)


def came(event: Event, n: int, *, waiting: int = 0) -> None:
    for i in range(n + waiting):
        Registration.objects.create(
            event=event,
            user=UserFactory(),
            name=f"参会者{i}",
            status="confirmed" if i < n else "waiting",
            checked_in_at=at(2023, 1, 1) if i < n else None,
        )


@pytest.fixture
def year_2023():
    # 00:30 on 1 January in Beijing is still 2022 in UTC: it counts for 2023.
    council = EventFactory(kind=Event.Kind.COUNCIL_MEETING, starts_at=at(2023, 1, 1, 0, 30))
    council.ends_at = council.starts_at + timedelta(hours=2)
    council.save()
    seminar = EventFactory(kind=Event.Kind.SEMINAR, starts_at=at(2023, 12, 31, 23, 0))
    seminar.ends_at = seminar.starts_at + timedelta(minutes=30)
    seminar.save()
    EventFactory(kind=Event.Kind.SEMINAR, starts_at=at(2024, 1, 1, 0, 0))  # next year
    EventFactory(kind=Event.Kind.TRAINING, starts_at=at(2023, 6, 1, 9), published=False)
    came(council, 3, waiting=2)
    came(seminar, 1)
    Registration.objects.create(event=council, name="未到者", status="confirmed")


def test_events_and_attendance_are_indicators_of_their_year(year_2023):
    figures = annual_indicators(2023)
    assert figures["events_total"] == 2
    assert figures["events_council_meeting"] == 1
    assert figures["events_seminar"] == 1
    assert figures["events_training"] == 0  # not published
    assert figures["events_attendance"] == 4
    assert annual_indicators(2024)["events_total"] == 1


def test_a_frozen_year_keeps_the_events_and_the_report_tells_them(year_2023):
    snapshot = year_freeze(year=2023, by=StaffFactory(), reason="年度数据冻结")
    assert snapshot.sections["events"]["totals"]["events_total"] == 2
    assert snapshot.sections["events"]["totals"]["events_attendance"] == 4
    Event.objects.all().delete()  # the frozen year does not change with the records
    text = " ".join(
        " ".join(str(b.text) for b in s.blocks if getattr(b, "text", None))
        for s in build_summary(2023).sections
    )
    assert "2023年集团共举办会议与活动2场" in text and "出席4人次" in text
