"""Automatic reminders (run daily by Celery beat). Each goes out once: a ReminderLog row with a
unique (type, key) is written in the same transaction as the notice it creates.

Other apps send their own reminders through reminder_send(), and may take over a reminder type
with register_reminder() in their AppConfig.ready() (datacalls does, for its open data calls)."""

from collections.abc import Callable
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from members.models import Member, Representative, Review
from members.reviews import nonresponders
from partnerships.selectors import agreements_expiring, tasks_past_deadline

from .models import Kind, Notice, ReminderLog, ReminderSetting, ReminderType
from .sanitize import clean_html
from .selectors import SCOPE_MEMBERS, SCOPE_USERS
from .services import notice_release

PROFILE_MAX_AGE = timedelta(days=365)


def reminder_send(*, type: str, key: str, title: str, body: str, audience: dict) -> bool:
    """Create and release one reminder notice unless one with this key went out already."""
    try:
        with transaction.atomic():
            log = ReminderLog.objects.create(type=type, key=key)
            notice = Notice.objects.create(
                title=title[:200], body=clean_html(body), kind=Kind.REMINDER, audience=audience
            )
            log.notice = notice
            log.save(update_fields=["notice"])
    except IntegrityError:
        return False
    notice_release(notice_id=notice.pk, statuses=[Notice.Status.DRAFT])
    return True


def stale_profiles(today: date) -> list[Member]:
    cutoff = timezone.now() - PROFILE_MAX_AGE
    return list(
        Member.objects.current()
        .profile_not_updated_since(cutoff)
        .filter(representatives__isnull=False)
        .distinct()
    )


def remind_stale_profiles(today: date) -> int:
    sent = 0
    for member in stale_profiles(today):
        users = list(member.representatives.values_list("user_id", flat=True))
        stamp = member.profile_updated_at.date().isoformat() if member.profile_updated_at else "-"
        sent += reminder_send(
            type=ReminderType.PROFILE_STALE,
            key=f"{member.pk}:{stamp}",
            title=_("Please update the profile of %(name)s") % {"name": member.name},
            body="<p>"
            + _(
                "The profile of your organisation in the group's portal has not been updated "
                "for more than 12 months. Please check its contacts, offers and figures and "
                "save it again, so that the secretariat and the annual report use current data."
            )
            + "</p>",
            audience={"scope": SCOPE_USERS, "users": users},
        )
    return sent


def remind_expiring_agreements(today: date) -> int:
    projects = agreements_expiring(today=today)
    staff = list(
        get_user_model().objects.filter(is_staff=True, is_active=True).values_list("pk", flat=True)
    )
    sent = 0
    for project in projects:
        member_ids = [p.member_id for p in project.participants.all()]
        reps = Representative.objects.filter(member_id__in=member_ids).values_list(
            "user_id", flat=True
        )
        sent += reminder_send(
            type=ReminderType.AGREEMENT_EXPIRING,
            key=f"{project.pk}:{project.expires_on.isoformat()}",
            title=_("Cooperation agreement expires on %(date)s: %(title)s")
            % {"date": project.expires_on.isoformat(), "title": project.title},
            body="<p>"
            + _(
                "The agreement of the cooperation project “%(title)s” expires on %(date)s. "
                "Please decide with the partners whether to renew it, and tell the secretariat."
            )
            % {"title": escape(project.title), "date": project.expires_on.isoformat()}
            + "</p>",
            audience={"scope": SCOPE_USERS, "users": sorted(set(staff) | set(reps))},
        )
    return sent


def remind_data_call(today: date) -> int:
    """From 1 December (settings.NOTICES_DATA_CALL_DAY), once a year: members submit the year's
    data before the annual report. While the secretariat has a data call open, its own reminders
    (registered by datacalls) take this one's place."""
    month, day = settings.NOTICES_DATA_CALL_DAY
    if (today.month, today.day) < (month, day):
        return 0
    year = today.year
    return int(
        reminder_send(
            type=ReminderType.DATA_CALL,
            key=str(year),
            title=_("Data call: submit your %(year)s data for the annual report") % {"year": year},
            body="<p>"
            + _(
                "The secretariat is preparing the group's %(year)s annual work summary and the "
                "upload to the national platform. Please update your organisation's profile and "
                "cooperation projects in the portal and submit your %(year)s data by 15 January "
                "%(next)s."
            )
            % {"year": year, "next": year + 1}
            + "</p>",
            audience={"scope": SCOPE_MEMBERS, "representatives_only": True},
        )
    )


def remind_late_plan_tasks(today: date) -> int:
    """Work-plan tasks past their deadline and not done, to the lead member's representatives.
    The key holds the deadline: a task given a new deadline that passes too is reminded again."""
    tasks = (
        tasks_past_deadline(today)
        .filter(lead__in=Member.objects.current())
        .prefetch_related("lead__representatives")
    )
    sent = 0
    for task in tasks:
        users = [rep.user_id for rep in task.lead.representatives.all()]
        if not users:
            continue
        deadline = task.deadline.isoformat()
        sent += reminder_send(
            type=ReminderType.PLAN_TASK_LATE,
            key=f"{task.pk}:{deadline}",
            title=_("Work-plan task past its deadline: %(title)s") % {"title": task.title},
            body="<p>"
            + _(
                "Task %(number)s “%(title)s” of the %(plan)s, led by %(member)s, was due on "
                "%(date)s and is not marked done yet. Please tell the secretariat how far it "
                "has come and when it will be finished."
            )
            % {
                "number": task.number,
                "title": escape(task.title),
                "plan": escape(task.plan.title),
                "member": escape(task.lead.name),
                "date": deadline,
            }
            + "</p>",
            audience={"scope": SCOPE_USERS, "users": sorted(set(users))},
        )
    return sent


REVIEW_DUE_DAYS = 7


def remind_review_due(today: date) -> int:
    """A week before a yearly review's deadline, once, to the members that have not confirmed."""
    sent = 0
    due = Review.objects.filter(
        deadline__gte=today, deadline__lte=today + timedelta(REVIEW_DUE_DAYS)
    )
    for review in due:
        members = [entry.member for entry in nonresponders(review)]
        sent += remind_review_nonresponders(review, members, when="due")
    return sent


def remind_review_nonresponders(review, members: list[Member], when: str = "") -> int:
    """The yearly review's reminder: when staff ask, once a day per member; `when` names
    another occasion (the automatic one before the deadline), once per member."""
    today = when or timezone.localdate().isoformat()
    sent = 0
    for member in members:
        users = list(member.representatives.values_list("user_id", flat=True))
        if not users:
            continue
        sent += reminder_send(
            type=ReminderType.MEMBER_REVIEW,
            key=f"{review.pk}:{member.pk}:{today}",
            title=_("Annual review %(year)s: please confirm the profile of %(name)s")
            % {"year": review.year, "name": member.name},
            body="<p>"
            + _(
                "The secretariat is reviewing the members of the group for %(year)s. Please "
                "open the member area, check your organisation's profile and contacts and "
                "confirm them by %(date)s."
            )
            % {"year": review.year, "date": review.deadline.isoformat()}
            + "</p>",
            audience={"scope": SCOPE_USERS, "users": sorted(set(users))},
        )
    return sent


RUNNERS = {
    ReminderType.PROFILE_STALE: remind_stale_profiles,
    ReminderType.AGREEMENT_EXPIRING: remind_expiring_agreements,
    ReminderType.DATA_CALL: remind_data_call,
    ReminderType.PLAN_TASK_LATE: remind_late_plan_tasks,
    ReminderType.MEMBER_REVIEW: remind_review_due,
}


# type -> runner(today) returning how many it sent, or None to leave the day to RUNNERS[type].
_TAKEN_OVER: dict[str, Callable[[date], int | None]] = {}


def register_reminder(type: str, runner: Callable[[date], int | None]) -> None:
    """Let another app send the reminders of a type (called from its AppConfig.ready())."""
    _TAKEN_OVER[type] = runner


def _run(kind: str, today: date) -> int:
    taken_over = _TAKEN_OVER.get(kind)
    sent = taken_over(today) if taken_over else None
    return RUNNERS[kind](today) if sent is None else sent


def reminders_run(today: date | None = None) -> dict:
    today = today or timezone.localdate()
    return {
        str(kind): _run(kind, today) if ReminderSetting.is_enabled(kind) else "off"
        for kind in RUNNERS
    }
