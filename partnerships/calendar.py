"""Agreements expiring and work-plan task deadlines for the calendar (core.calendar):
staff who read projects see all; a member's representative those of its member."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.calendar import Entry
from core.roles import has_permission

from .models import PlanTask, Project


def partnership_entries(user, start, end) -> list[Entry]:
    projects = Project.objects.filter(expires_on__range=(start, end))
    tasks = PlanTask.objects.filter(deadline__range=(start, end)).exclude(
        status=PlanTask.Status.DONE
    )
    staff = has_permission(user, "projects.view")
    if not staff:
        members = user.representations.values("member_id")
        if not members.exists():
            return []
        projects = projects.filter(participants__member__in=members).distinct()
        tasks = tasks.filter(Q(lead__in=members) | Q(partners__in=members)).distinct()
    project_url = "staff_project_detail" if staff else "member_project_detail"
    entries = [
        Entry(
            uid=f"partnerships-agreement-{p.pk}",
            title=p.title,
            start=p.expires_on,
            kind=_("Agreement expires"),
            url=reverse(project_url, args=[p.pk]),
        )
        for p in projects
    ]
    entries += [
        Entry(
            uid=f"partnerships-task-{t.pk}",
            title=f"{t.number}. {t.title}",
            start=t.deadline,
            kind=_("Work-plan task deadline"),
            url=reverse("staff_plan_detail", args=[t.plan_id]) if staff else "",
        )
        for t in tasks.select_related("plan")
    ]
    return entries
