"""The demo group's meetings: the annual council meeting, the seminar with the 长安电商协会 on
cross-border e-commerce (seed 000: "集团多次与长安电商协会、电商企业座谈") and a teaching seminar
(seed 004, task 13: "共搭教学研讨平台"), with delegates registered and checked in.

The seeds name the meetings, not the people: the delegates' names are the demo's own. Dates are
set around the day the demo is loaded, so a new user finds a past meeting with its attendance and
a coming one open for registration with a waiting list.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from members.demo import LEAD_SCHOOL
from members.models import Member

from .models import Event, Registration

PLACE = f"{LEAD_SCHOOL} 学术报告厅"
COUNCIL = f"{settings.GROUP_NAME}年度理事会"
ECOMMERCE = "跨境电子商务校企合作座谈会（与长安电商协会）"
TEACHING = "校企教学研讨交流会"

DELEGATES = {
    LEAD_SCHOOL: ["罗校长", "何主任"],
    "东莞市端品精密科技有限公司": ["陈总经理"],
    "东莞市艾尔玛科技有限公司": ["黄副总经理"],
    "东莞市模具行业协会": ["梁秘书长"],
    "长安电商协会": ["郑会长", "林秘书长"],
    "广东创世纪智能装备股份有限公司": ["吴经理"],
    "东莞捷荣技术股份有限公司": ["周经理"],
    "广东日信高精密科技有限公司": ["袁主管"],
    "东莞市宇瞳光学科技股份有限公司": ["蔡经理"],
}

# title, kind, days from today, start hour, hours, capacity, members, checked in
EVENTS = [
    (COUNCIL, Event.Kind.COUNCIL_MEETING, -40, 9, 3, 40, list(DELEGATES), True),
    (ECOMMERCE, Event.Kind.SEMINAR, -12, 14, 2, 20,
     [LEAD_SCHOOL, "长安电商协会"], True),
    (TEACHING, Event.Kind.SEMINAR, 21, 14, 3, 6, list(DELEGATES), False),
]  # fmt: skip

DESCRIPTIONS = {
    COUNCIL: "审议集团年度工作报告和下一年度工作计划，通报成员单位变动，表决理事会决议。",
    ECOMMERCE: "就学校跨境电商校企合作方案、人才培养方案和校企共同授课进行协商，"
    "为2022年9月增设跨境电子商务专业做准备。",
    TEACHING: "共搭教学研讨平台：校企双方交流用工需求，设计符合需求的教学方案。",
}


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _event(title, kind, days, hour, hours, capacity) -> Event:
    starts = _at(days, hour)
    event, _created = Event.objects.get_or_create(
        title=title,
        defaults={
            "kind": kind,
            "description": DESCRIPTIONS[title],
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=hours),
            "place": PLACE,
            "capacity": capacity,
            "registration_closes_at": starts - timedelta(days=2),
        },
    )
    return event


def _register(event: Event, names: list[str], came: bool) -> None:
    if event.registrations.exists():
        return  # loaded before: registrations made since are kept
    members = {m.name: m for m in Member.objects.filter(name__in=names)}
    rows = [(members[n], person) for n in names if n in members for person in DELEGATES[n]]
    for index, (member, person) in enumerate(rows):
        confirmed = event.capacity is None or index < event.capacity
        Registration.objects.create(
            event=event,
            member=member,
            name=person,
            position=person[1:],
            status=Registration.Status.CONFIRMED if confirmed else Registration.Status.WAITING,
            # The past meetings: all but the last delegate came.
            checked_in_at=event.starts_at - timedelta(minutes=20 - index)
            if came and confirmed and index < len(rows) - 1
            else None,
        )


def load() -> str:
    for title, kind, days, hour, hours, capacity, names, came in EVENTS:
        _register(_event(title, kind, days, hour, hours, capacity), names, came)
    registrations = Registration.objects.count()
    checked_in = Registration.objects.filter(checked_in_at__isnull=False).count()
    return f"{Event.objects.count()} events, {registrations} registrations, {checked_in} checked in"
