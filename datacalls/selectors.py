"""Reads for data calls: what the portal already knows (to pre-fill a form), a call's progress,
and the data-quality checks of a year."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Min, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.roles import has_permission
from members.models import Member
from partnerships.models import Participant, Placement, Project, ProjectClass, SharedResource

from .models import (
    EDITABLE,
    FIELDS_BY_FORM,
    NUMBER_FIELDS,
    DataCall,
    Form,
    MemberReturn,
    ProjectFigure,
)

R = MemberReturn.Status
K = Project.Kind
JUMP_THRESHOLD = 50  # per cent


# --- pre-filling -----------------------------------------------------------------------------


def _projects(member: Member, year: int, role: str) -> QuerySet[Project]:
    return Project.objects.counting_for(year).filter(
        participants__member=member, participants__role=role
    )


# Other apps' figures for a member's return, e.g. people.datacall: suggest(member, year) returns
# {return field: value}; registered in their AppConfig.ready(), they win over the guesses below.
_SUGGESTERS: dict[str, Callable[[Member, int], dict]] = {}


def register_suggestions(name: str, suggest: Callable[[Member, int], dict]) -> None:
    _SUGGESTERS[name] = suggest


def suggestions(member_return: MemberReturn) -> dict:
    """Values the portal already has for the member's year, to pre-fill its form."""
    member, year = member_return.member, member_return.call.year
    if member_return.form == Form.ENTERPRISE:
        found = _enterprise_suggestions(member, year)
    elif member_return.form == Form.SCHOOL:
        found = _school_suggestions(member, year)
    else:
        found = {"groups_joined": 1}
    found["training_bases_shared"] = SharedResource.objects.filter(
        member=member, kind=SharedResource.Kind.TRAINING_BASE
    ).count()
    for suggest in _SUGGESTERS.values():
        found.update(suggest(member, year))
    return {k: v for k, v in found.items() if k in FIELDS_BY_FORM[member_return.form]}


def _sum(projects: QuerySet[Project], kind: str) -> int:
    return projects.filter(kind=kind).aggregate(n=Sum("students"))["n"] or 0


def _enterprise_suggestions(member: Member, year: int) -> dict:
    projects = _projects(member, year, Participant.Role.ENTERPRISE)
    schools = (
        Member.objects.filter(
            participations__project__in=projects, participations__role=Participant.Role.SCHOOL
        )
        .distinct()
        .order_by("name")
    )
    started = Project.objects.filter(
        participants__member=member, signed_on__year__lte=year
    ).aggregate(first=Min("starts_on"), signed=Min("signed_on"))
    first = min([d for d in started.values() if d], default=None)
    invested = projects.filter(signed_on__year=year).aggregate(total=Sum("investment_cny"))
    return {
        "partner_schools": schools.count(),
        "partner_school_names": "\n".join(s.name for s in schools),
        "cooperation_started": first.replace(day=1) if first else None,
        "order_class_students": _sum(projects, K.ORDER_CLASS),
        "interns_taken": _sum(projects, K.INTERNSHIP),
        "graduates_hired": ProjectClass.objects.filter(
            project__in=projects.filter(kind=K.ORDER_CLASS)
        ).aggregate(n=Sum("employed_at_partner"))["n"]
        or 0,
        "equipment_invested_cny": invested["total"] or Decimal("0"),
        "part_time_teachers": member.offers_part_time_teachers or None,
    }


def _school_suggestions(member: Member, year: int) -> dict:
    projects = _projects(member, year, Participant.Role.SCHOOL)
    with_enterprise = projects.filter(
        kind__in=[K.ORDER_CLASS, K.PROGRAMME_DEVELOPMENT, K.APPRENTICESHIP, K.INDUSTRY_COLLEGE]
    )
    return {
        "groups_led": 1 if member.group_role == Member.GroupRole.LEAD else 0,
        "groups_joined": 1,
        "programmes_with_enterprises": with_enterprise.count(),
        "teacher_practice_person_times": _sum(projects, K.TEACHER_PRACTICE) or None,
        "graduates_hired_by_partners": ProjectClass.objects.filter(
            project__in=projects.filter(kind=K.ORDER_CLASS)
        ).aggregate(n=Sum("employed_at_partner"))["n"]
        or 0,
    }


# --- a call at a glance ----------------------------------------------------------------------


@dataclass
class Progress:
    total: int
    by_status: dict[str, int]
    by_kind: list[dict]
    late: int
    percent_accepted: int
    percent_submitted: int


def calls_progress(calls) -> dict[int, Progress]:
    """The progress of each call, in one query whatever the number of calls."""
    late = Q(submitted_at__date__gt=F("call__deadline")) | Q(
        status__in=EDITABLE, call__deadline__lt=timezone.localdate()
    )
    rows = (
        MemberReturn.objects.filter(call__in=calls)
        .values("call_id", "member__kind", "status")
        .annotate(n=Count("pk"), late=Count("pk", filter=late))
    )
    grouped: dict[int, list[dict]] = {call.pk: [] for call in calls}
    for row in rows:
        grouped[row["call_id"]].append(row)
    return {pk: _progress(call_rows) for pk, call_rows in grouped.items()}


def call_progress(call: DataCall) -> Progress:
    return calls_progress([call])[call.pk]


def _progress(rows: list[dict]) -> Progress:
    by_status: Counter = Counter()
    kinds: dict[str, Counter] = {}
    for row in rows:
        by_status[row["status"]] += row["n"]
        kinds.setdefault(row["member__kind"], Counter())[row["status"]] += row["n"]
    total = sum(by_status.values())
    done = by_status[R.ACCEPTED]
    submitted = done + by_status[R.SUBMITTED]
    kind_labels = dict(Member.Kind.choices)
    by_kind = [
        {
            "kind": kind,
            "label": kind_labels.get(kind, kind),
            "total": sum(c.values()),
            "accepted": c[R.ACCEPTED],
            "submitted": c[R.SUBMITTED] + c[R.ACCEPTED],
        }
        for kind, c in sorted(kinds.items())
    ]
    return Progress(
        total=total,
        by_status={status: by_status[status] for status in R.values},
        by_kind=by_kind,
        late=sum(row["late"] for row in rows),
        percent_accepted=round(100 * done / total) if total else 0,
        percent_submitted=round(100 * submitted / total) if total else 0,
    )


def late_returns(call: DataCall) -> QuerySet[MemberReturn]:
    """Submitted after the deadline, or not submitted and the deadline passed."""
    late_submitted = Q(submitted_at__date__gt=call.deadline)
    if timezone.localdate() > call.deadline:
        return call.returns.filter(late_submitted | Q(status__in=EDITABLE))
    return call.returns.filter(late_submitted)


def call_returns(call: DataCall, status: str = "", kind: str = "") -> QuerySet[MemberReturn]:
    returns = call.returns.select_related("member", "call").order_by("member__name")
    if status in R.values:
        returns = returns.filter(status=status)
    if kind in Member.Kind.values:
        returns = returns.filter(member__kind=kind)
    return returns


def disagreements(call: DataCall) -> QuerySet[ProjectFigure]:
    return (
        call.figures.disagreeing()
        .select_related("project", "school", "enterprise", "settled_by")
        .order_by("settled_at", "project__title")
    )


def returns_for_user(user) -> QuerySet[MemberReturn]:
    """Staff see every return; a representative only its own members'."""
    returns = MemberReturn.objects.select_related("call", "member")
    if has_permission(user, "reports.view"):
        return returns
    if not user.is_authenticated:
        return returns.none()
    return returns.filter(member__representatives__user=user)


# --- data quality ----------------------------------------------------------------------------


@dataclass
class Issue:
    kind: str  # out_of_range, inconsistent, jump
    member: str
    field: str
    message: str
    url: str


# Values beyond these are almost surely typos (per member and year).
LIMITS = {
    "order_class_students": 2000,
    "interns_taken": 5000,
    "part_time_teachers": 1000,
    "enterprise_teachers": 1000,
    "teaching_hours": 200_000,
    "enterprise_teacher_hours": 200_000,
    "teacher_practice_days": 100_000,
    "money_invested_cny": Decimal("1000000000"),
    "equipment_invested_cny": Decimal("1000000000"),
    "service_income_cny": Decimal("1000000000"),
}
HOURS_PER_TEACHER = 800  # a year's teaching load is far below this


def field_label(field: str) -> str:
    return str(MemberReturn._meta.get_field(field).verbose_name)


def quality_report(year: int, threshold: int = JUMP_THRESHOLD) -> dict:
    call = DataCall.objects.filter(year=year).first()
    if call is None:
        return {"call": None}
    returns = list(call_returns(call))
    return {
        "call": call,
        "members": [(r, r.completeness()) for r in returns],
        "fields": field_completeness(returns),
        "issues": range_issues(returns)
        + consistency_issues(call)
        + jump_issues(returns, year, threshold),
    }


def field_completeness(returns: list[MemberReturn]) -> list[dict]:
    asked: Counter = Counter()
    answered: Counter = Counter()
    for r in returns:
        for field in r.required_fields:
            asked[field] += 1
            answered[field] += getattr(r, field) not in (None, "")
    return [
        {
            "field": f,
            "label": field_label(f),
            "asked": asked[f],
            "answered": answered[f],
            "percent": round(100 * answered[f] / asked[f]),
        }
        for f in asked
    ]


def _return_url(r: MemberReturn) -> str:
    return reverse("staff_return_detail", args=[r.pk])


def range_issues(returns: list[MemberReturn]) -> list[Issue]:
    issues = []
    for r in returns:
        for field, limit in LIMITS.items():
            value = getattr(r, field) if field in r.fields else None
            if value is not None and (value < 0 or value > limit):
                issues.append(
                    Issue(
                        "out_of_range",
                        r.member.name,
                        field_label(field),
                        _("%(value)s is beyond what is plausible (%(limit)s).")
                        % {"value": value, "limit": limit},
                        _return_url(r),
                    )
                )
        for teachers, hours in (
            ("part_time_teachers", "teaching_hours"),
            ("enterprise_teachers", "enterprise_teacher_hours"),
        ):
            if teachers not in r.fields:
                continue
            n, h = getattr(r, teachers), getattr(r, hours)
            if h and (not n or h > n * HOURS_PER_TEACHER):
                issues.append(
                    Issue(
                        "out_of_range",
                        r.member.name,
                        field_label(hours),
                        _("%(hours)s hours for %(teachers)s teachers.")
                        % {"hours": h, "teachers": n or 0},
                        _return_url(r),
                    )
                )
    return issues


def consistency_issues(call: DataCall) -> list[Issue]:
    issues = []
    figures = call.figures.filter(what=ProjectFigure.What.ORDER_CLASS).select_related(
        "project", "enterprise"
    )
    sizes = dict(
        ProjectClass.objects.filter(project__in=[f.project_id for f in figures])
        .values("project")
        .annotate(size=Sum("selected"))
        .values_list("project", "size")
    )
    for f in figures:
        size = sizes.get(f.project_id)
        sides = (
            (_("The school gives %(value)s students; the class had %(size)s."), f.school_value),
            (
                _("The enterprise gives %(value)s students; the class had %(size)s."),
                f.enterprise_value,
            ),
        )
        for message, value in sides:
            if size is not None and value is not None and value > size:
                issues.append(
                    Issue(
                        "inconsistent",
                        f.project.title,
                        f.get_what_display(),
                        message % {"value": value, "size": size},
                        reverse("staff_project_detail", args=[f.project_id]),
                    )
                )
    issues += _left_member_issues(call)
    return issues


def _left_member_issues(call: DataCall) -> list[Issue]:
    """Interns placed with an enterprise that had left the group by then."""
    year_start = f"{call.year}-01-01"
    issues = []
    placements = Placement.objects.filter(
        placed_on__year=call.year,
        offer__member__left_on__isnull=False,
        offer__member__left_on__lt=F("placed_on"),
    ).select_related("offer__member", "school")
    for p in placements:
        issues.append(
            Issue(
                "inconsistent",
                p.offer.member.name,
                _("Interns placed"),
                _("%(n)s interns placed on %(date)s, after the member left on %(left)s.")
                % {"n": p.students, "date": p.placed_on, "left": p.offer.member.left_on},
                reverse("staff_member_detail", args=[p.offer.member_id]),
            )
        )
    figures = call.figures.filter(
        what=ProjectFigure.What.INTERNS, enterprise__left_on__lt=year_start
    ).select_related("project", "enterprise")
    for f in figures:
        issues.append(
            Issue(
                "inconsistent",
                f.enterprise.name,
                f.get_what_display(),
                _("Interns counted for %(year)s at a member that left on %(left)s.")
                % {"year": call.year, "left": f.enterprise.left_on},
                reverse("staff_project_detail", args=[f.project_id]),
            )
        )
    return issues


def jump_issues(returns: list[MemberReturn], year: int, threshold: int) -> list[Issue]:
    previous = {
        r.member_id: r for r in MemberReturn.objects.filter(call__year=year - 1, status=R.ACCEPTED)
    }
    issues = []
    for r in returns:
        before = previous.get(r.member_id)
        if before is None:
            continue
        for field in r.fields:
            if field not in NUMBER_FIELDS:
                continue
            old, new = getattr(before, field), getattr(r, field)
            if old is None or new is None or old == new:
                continue
            change = 100 * abs(new - old) / old if old else None
            if change is None or change > threshold:
                issues.append(
                    Issue(
                        "jump",
                        r.member.name,
                        field_label(field),
                        _("%(old)s in %(before)s, %(new)s in %(year)s.")
                        % {"old": old, "new": new, "before": year - 1, "year": year},
                        _return_url(r),
                    )
                )
    return issues


def attach_figures(returns: list[MemberReturn]) -> None:
    """Give each return of a page its `figure_list` (what figures_of would answer) in one query."""
    pairs = {(r.call_id, r.member_id) for r in returns}
    members = {member for _, member in pairs}
    figures = (
        ProjectFigure.objects.filter(call_id__in={call for call, _ in pairs})
        .filter(Q(school_id__in=members) | Q(enterprise_id__in=members))
        .select_related("project")
        .order_by("project__title", "pk")
    )
    by_return: dict[tuple[int, int], list[ProjectFigure]] = {pair: [] for pair in pairs}
    for figure in figures:
        for member in (figure.school_id, figure.enterprise_id):
            if (figure.call_id, member) in by_return:
                by_return[(figure.call_id, member)].append(figure)
    for r in returns:
        r.figure_list = by_return[(r.call_id, r.member_id)]
