from datetime import timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.utils import timezone

from .models import Member, Representative


def headline_figures() -> dict:
    """Current members by kind, for the public home page and the staff dashboard."""
    by_kind = dict(Member.objects.current().values_list("kind").annotate(n=Count("id")).order_by())
    by_kind_rows = [(str(label), by_kind.get(value, 0)) for value, label in Member.Kind.choices]
    return {
        "members_total": sum(by_kind.values()),
        "schools": by_kind.get(Member.Kind.UNIVERSITY, 0)
        + by_kind.get(Member.Kind.VOCATIONAL_SCHOOL, 0),
        "enterprises": by_kind.get(Member.Kind.ENTERPRISE, 0),
        "associations": by_kind.get(Member.Kind.ASSOCIATION, 0)
        + by_kind.get(Member.Kind.RESEARCH_INSTITUTE, 0),
        "by_kind": by_kind_rows,
        "by_kind_chart": {
            "labels": [label for label, _ in by_kind_rows],
            "values": [count for _, count in by_kind_rows],
        },
    }


def counts_by_kind(queryset) -> list[tuple[str, str, int]]:
    """(kind, label, count) for every kind, in one query."""
    counts = dict(queryset.order_by().values_list("kind").annotate(n=Count("id")))
    return [(value, str(label), counts.get(value, 0)) for value, label in Member.Kind.choices]


def member_history(member: Member, limit: int = 30) -> list[dict]:
    """The member's changes, newest first: who, when, and each field's old and new value."""
    history = member.history.select_related("history_user").order_by("-history_id")
    records = list(history[: limit + 1])
    entries = []
    for index, newer in enumerate(records[:limit]):
        older = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if older is not None:
            delta = newer.diff_against(older, excluded_fields=["profile_updated_at"])
            for change in delta.changes:
                field = Member._meta.get_field(change.field)
                changes.append(
                    {
                        "field": field.verbose_name,
                        "old": _display(field, change.old),
                        "new": _display(field, change.new),
                    }
                )
        entries.append(
            {
                "record": newer,
                "user": newer.history_user,
                "date": newer.history_date,
                "type": newer.get_history_type_display(),
                "changes": changes,
            }
        )
    return entries


def _display(field, value):
    if value in (None, ""):
        return "—"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value


def gone_quiet(months: int):
    """Current members with, for `months` months, no profile update, no representative login
    and no project activity (a project of theirs changed, signed, or running)."""
    from partnerships.models import Participant, Project

    cutoff = timezone.now() - timedelta(days=round(months * 30.44))
    reps = Representative.objects.filter(member=OuterRef("pk"))
    projects = Participant.objects.filter(member=OuterRef("pk"))
    recent_project = projects.filter(
        Q(project__updated_at__gte=cutoff)
        | Q(project__signed_on__gte=cutoff.date())
        | Q(project__status=Project.Status.RUNNING)
    )
    return (
        Member.objects.filter(status=Member.Status.ACTIVE)
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


LEGAL_SUFFIXES = ["股份有限公司", "有限责任公司", "有限公司", "集团", "公司"]


def similar_members(member: Member) -> list[Member]:
    """Other members an application may duplicate: the same credit code, or a name that
    contains (or is contained in) its core name, without the legal-form suffix."""
    core = member.name
    for suffix in LEGAL_SUFFIXES:
        if core.endswith(suffix) and len(core) > len(suffix) + 1:
            core = core.removesuffix(suffix)
            break
    same = Q(name__icontains=core)
    if member.credit_code:
        same |= Q(credit_code=member.credit_code)
    return list(Member.objects.filter(same).exclude(pk=member.pk)[:10])
