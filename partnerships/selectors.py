"""Reads for the staff pages, the member area and the dashboard."""

from collections import defaultdict
from datetime import timedelta

from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from members.models import Member, Representative

from .models import AGREEMENT_EXPIRY_NOTICE_DAYS, Participant, PlanTask, Project, WorkPlan

BOARD_COLUMN_LIMIT = 30


def with_participants(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Projects with their participants and the participants' members in two extra queries."""
    return projects.prefetch_related(
        Prefetch(
            "participants",
            queryset=Participant.objects.select_related("member").order_by("role", "id"),
        )
    )


def plans_with_tasks(plans) -> list[WorkPlan]:
    """The plans with their tasks (plan.task_list), each task with partner_ids and project_ids,
    in three queries whatever the plans hold (prefetch_related skips the tasks' own queries
    when no plan has a task, so a page's query count would depend on its rows)."""
    plans = list(plans)
    partner_ids = _task_links(PlanTask.partners.through, "member", plans)
    project_ids = _task_links(PlanTask.projects.through, "project", plans)
    tasks = defaultdict(list)
    for task in PlanTask.objects.filter(plan__in=plans).order_by("number"):
        task.partner_ids, task.project_ids = partner_ids[task.pk], project_ids[task.pk]
        tasks[task.plan_id].append(task)
    for plan in plans:
        plan.task_list = tasks[plan.pk]
    return plans


def _task_links(through, other: str, plans: list[WorkPlan]) -> dict[int, list[int]]:
    """Ids of the other side of a task relation per task, in the other model's order."""
    links = defaultdict(list)
    rows = through.objects.filter(plantask__plan__in=plans).order_by(other, "id")
    for task_id, other_id in rows.values_list("plantask_id", f"{other}_id"):
        links[task_id].append(other_id)
    return links


def agreements_expiring(days: int = AGREEMENT_EXPIRY_NOTICE_DAYS, today=None) -> QuerySet[Project]:
    """Projects whose agreement expires within `days` days from today (today included),
    excluding projects already over; the dashboard lists them, reminders build on them."""
    today = today or timezone.localdate()
    return with_participants(
        Project.objects.filter(expires_on__gte=today, expires_on__lte=today + timedelta(days=days))
        .exclude(status__in=[Project.Status.FINISHED, Project.Status.ENDED])
        .order_by("expires_on", "title")
    )


def tasks_past_deadline(today=None) -> QuerySet[PlanTask]:
    """Work plan tasks whose deadline has passed and that are not done."""
    return (
        PlanTask.objects.past_deadline(today)
        .select_related("plan", "lead")
        .order_by("deadline", "plan", "number")
    )


def board_columns(projects: QuerySet[Project]) -> list[dict]:
    """The status board: one column per status with its count and its most recent projects."""
    counts = dict(projects.values_list("status").annotate(n=Count("id")).order_by())
    columns = []
    for status, label in Project.Status.choices:
        cards = with_participants(projects.filter(status=status).order_by("-updated_at", "-id"))[
            :BOARD_COLUMN_LIMIT
        ]
        columns.append(
            {"status": status, "label": label, "count": counts.get(status, 0), "projects": cards}
        )
    return columns


def project_page(project: Project) -> dict:
    """Everything the project page shows beyond the project's own fields."""
    return {
        "participants": project.participants.select_related("member").order_by("role", "id"),
        "events": project.events.select_related("created_by"),
        "classes": project.classes.all(),
        "placements": project.placements.select_related("offer__member", "school"),
        "tasks": project.plan_tasks.select_related("plan"),
    }


def plan_overview(plan: WorkPlan) -> dict:
    tasks = list(
        plan.tasks.select_related("lead")
        .prefetch_related("partners", "projects")
        .order_by("number")
    )
    states = {"done": 0, "on_track": 0, "late": 0}
    for task in tasks:
        states[task.state] += 1
    total = len(tasks) or 1
    return {
        "tasks": tasks,
        "states": states,
        "percent": {key: round(100 * value / total) for key, value in states.items()},
    }


def plan_progress(year: int, late_limit: int = 10, today=None) -> dict:
    """The dashboard's work-plan card: the year's plans with their done / on track / late task
    counts (the plan page's states) and the first late tasks, in two queries."""
    today = today or timezone.localdate()
    open_statuses = [PlanTask.Status.NOT_STARTED, PlanTask.Status.IN_PROGRESS]
    plans = list(
        WorkPlan.objects.filter(year=year)
        .annotate(
            total=Count("tasks"),
            done=Count("tasks", filter=Q(tasks__status=PlanTask.Status.DONE)),
            late=Count(
                "tasks", filter=Q(tasks__status__in=open_statuses, tasks__deadline__lt=today)
            ),
        )
        .order_by("title")
    )
    for plan in plans:
        plan.on_track = plan.total - plan.done - plan.late
    states = {key: sum(getattr(p, key) for p in plans) for key in ("done", "on_track", "late")}
    total = sum(states.values())
    late_tasks = list(tasks_past_deadline(today).filter(plan__year=year)[:late_limit])
    return {
        "plans": plans,
        "states": states,
        "total": total,
        "percent": {key: round(100 * n / (total or 1)) for key, n in states.items()},
        "late_tasks": late_tasks,
    }


def project_totals(projects: QuerySet[Project]) -> dict:
    return projects.aggregate(students=Sum("students"), investment=Sum("investment_cny"))


def members_gone_quiet(months: int) -> QuerySet[Member]:
    """Active members with, for `months` months, no profile update, no representative login
    and no project activity (a project of theirs changed, signed, or running)."""
    cutoff = timezone.now() - timedelta(days=round(months * 30.44))
    reps = Representative.objects.filter(member=OuterRef("pk"))
    projects = Participant.objects.filter(member=OuterRef("pk"))
    recent_project = projects.filter(
        Q(project__updated_at__gte=cutoff)
        | Q(project__signed_on__gte=cutoff.date())
        | Q(project__status=Project.Status.RUNNING)
    )
    return (
        Member.objects.active()
        .filter(Q(joined_on__isnull=True) | Q(joined_on__lte=cutoff.date()))
        .filter(Q(profile_updated_at__isnull=True) | Q(profile_updated_at__lt=cutoff))
        .annotate(
            last_login=Subquery(
                reps.order_by(F("user__last_login").desc(nulls_last=True)).values(
                    "user__last_login"
                )[:1]
            ),
            last_project_change=Subquery(
                projects.order_by("-project__updated_at").values("project__updated_at")[:1]
            ),
        )
        .exclude(Exists(reps.filter(user__last_login__gte=cutoff)))
        .exclude(Exists(recent_project))
        .order_by("profile_updated_at", "name")
    )


def members_without_recent_signing(years: int = 2) -> QuerySet[Member]:
    """Current members with no project signed in the last `years` years, longest first: the
    dashboard's short list, a narrower signal than members_gone_quiet.

    The recent signers are one set (an anti-join) and each remaining member's last signing
    is read from its own participations, not an aggregate over every member joined to every
    participation."""
    since = timezone.localdate() - timedelta(days=365 * years)
    recent = Participant.objects.filter(project__signed_on__gte=since).values("member_id")
    # from the member's own participations (its FK index), not a walk down every project
    last = (
        Participant.objects.filter(member=OuterRef("pk"))
        .order_by()
        .values("member")
        .annotate(last=Max("project__signed_on"))
        .values("last")
    )
    return (
        Member.objects.current()
        .filter(joined_on__lt=since)
        .exclude(pk__in=recent)
        .annotate(last_project=Subquery(last))
        .order_by("last_project", "joined_on", "name")
    )
