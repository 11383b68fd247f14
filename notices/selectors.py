"""Reads: who a notice reaches, and the inbox."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower

from enrollment.models import Application
from members.models import Contact, Member, Representative
from partnerships.models import Participant

from .models import Delivery, Notice

SCOPE_MEMBERS = "members"
SCOPE_PROJECTS = "projects"
SCOPE_INTAKE = "intake"
SCOPE_USERS = "users"


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    user_id: int | None = None
    member_id: int | None = None


def audience_members(audience: dict) -> QuerySet[Member]:
    scope = audience.get("scope", SCOPE_MEMBERS)
    members = Member.objects.current()
    if scope == SCOPE_PROJECTS:
        project_ids = audience.get("projects") or []
        member_ids = Participant.objects.filter(project_id__in=project_ids).values("member_id")
        return Member.objects.filter(pk__in=member_ids)
    if audience.get("kinds"):
        members = members.filter(kind__in=audience["kinds"])
    if audience.get("regions"):
        members = members.filter(region__in=audience["regions"])
    if audience.get("industries"):
        members = members.filter(industry__in=audience["industries"])
    return members


def _member_recipients(audience: dict) -> list[Recipient]:
    members = audience_members(audience)
    reps = (
        Representative.objects.filter(member__in=members, user__is_active=True)
        .select_related("user")
        .order_by("member__name", "pk")
    )
    found = [
        Recipient(email=r.user.email, name=str(r.user), user_id=r.user_id, member_id=r.member_id)
        for r in reps
    ]
    if not audience.get("representatives_only"):
        contacts = (
            Contact.objects.filter(member__in=members)
            .exclude(email="")
            .order_by("member__name", "-is_primary", "name")
        )
        contacts = list(contacts)
        accounts = _users_by_email([c.email for c in contacts])
        for c in contacts:
            user = accounts.get(c.email.lower())
            found.append(
                Recipient(
                    email=c.email,
                    name=c.name,
                    user_id=user.pk if user else None,
                    member_id=c.member_id,
                )
            )
    return found


def _users_by_email(emails: list[str]) -> dict:
    if not emails:
        return {}
    wanted = {e.lower() for e in emails}
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .annotate(email_lower=Lower("email"))
        .filter(email_lower__in=wanted)
    )
    return {u.email_lower: u for u in users}


def _applicant_recipients(audience: dict) -> list[Recipient]:
    applications = Application.objects.filter(intake_id=audience.get("intake"))
    if audience.get("statuses"):
        applications = applications.filter(status__in=audience["statuses"])
    applications = applications.select_related("applicant").order_by("full_name", "pk")
    return [
        Recipient(email=a.applicant.email, name=a.full_name, user_id=a.applicant_id)
        for a in applications
        if a.applicant.is_active
    ]


def _user_recipients(audience: dict) -> list[Recipient]:
    users = get_user_model().objects.filter(pk__in=audience.get("users") or [], is_active=True)
    return [Recipient(email=u.email, name=str(u), user_id=u.pk) for u in users.order_by("pk")]


def audience_recipients(audience: dict) -> list[Recipient]:
    """Everyone the audience reaches, each person once (by account, then by e-mail)."""
    scope = audience.get("scope", SCOPE_MEMBERS)
    if scope == SCOPE_INTAKE:
        found = _applicant_recipients(audience)
    elif scope == SCOPE_USERS:
        found = _user_recipients(audience)
    else:
        found = _member_recipients(audience)
    seen_users: set[int] = set()
    seen_emails: set[str] = set()
    unique = []
    for r in found:
        email = r.email.strip().lower()
        if (r.user_id and r.user_id in seen_users) or (email and email in seen_emails):
            continue
        if not r.user_id and not email:
            continue
        if r.user_id:
            seen_users.add(r.user_id)
        if email:
            seen_emails.add(email)
        unique.append(r)
    return unique


def notice_counts(notice: Notice) -> dict:
    """Delivery states of a notice for the staff page."""
    counts = notice.deliveries.aggregate(
        total=Count("pk"),
        queued=Count("pk", filter=Q(message__status__in=["queued", "sending"])),
        sent=Count("pk", filter=Q(message__status="sent")),
        failed=Count("pk", filter=Q(message__status="failed")),
        inbox_only=Count("pk", filter=Q(message__isnull=True)),
        read=Count("pk", filter=Q(read_at__isnull=False)),
        acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)),
        replied_yes=Count("pk", filter=Q(reply="yes")),
        replied_no=Count("pk", filter=Q(reply="no")),
    )
    return counts


def inbox_for(user) -> QuerySet[Delivery]:
    return Delivery.objects.for_inbox(user).select_related("notice")


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Delivery.objects.for_inbox(user).unread().count()
