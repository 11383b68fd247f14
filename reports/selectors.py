"""Small reads for the dashboard and the report pages (the indicators live in indicators.py)."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations

from django.db.models import Count, Max, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Member
from partnerships.models import Participant, Project
from partnerships.selectors import agreements_expiring

from .indicators import Number, indicator_values, member_at_end_of, project_counts_for
from .models import AnnualReportJob, YearSnapshot


def year_snapshot(year: int) -> YearSnapshot | None:
    """The year's latest frozen version, or None while the year is not frozen (one query)."""
    return (
        YearSnapshot.objects.filter(year=year)
        .select_related("created_by")
        .order_by("-version")
        .first()
    )


def year_figures(year: int) -> dict[str, Number]:
    """The year's indicator values: from its latest snapshot once frozen (one query, whatever
    the data size), live from reports.indicators otherwise."""
    snapshot = year_snapshot(year)
    if snapshot is not None:
        return snapshot.figures()
    return indicator_values([year])[year]


def chart(labels: list, values: list) -> dict:
    """The shape static/js/charts.js draws."""
    return {"labels": [str(label) for label in labels], "values": values}


def members_by_kind_chart(indicators) -> dict:
    kinds = Member.Kind.choices
    return chart([label for kind, label in kinds], [indicators[f"members_{k}"] for k, lbl in kinds])


def members_joined_per_year(last_year: int, span: int = 10) -> dict:
    """Members joined in each of the last `span` years (one query)."""
    first_year = last_year - span + 1
    rows = dict(
        Member.objects.filter(joined_on__year__gte=first_year, joined_on__year__lte=last_year)
        .annotate(y=ExtractYear("joined_on"))
        .values_list("y")
        .annotate(n=Count("id"))
        .order_by()
    )
    years = list(range(first_year, last_year + 1))
    return chart(years, [rows.get(y, 0) for y in years])


def projects_by_kind_and_status() -> dict:
    """All projects by kind, one stacked series per status (one query)."""
    counts = {
        (kind, status): n
        for kind, status, n in Project.objects.values_list("kind", "status")
        .annotate(n=Count("id"))
        .order_by()
    }
    kinds = [k for k in Project.Kind.values if any(key[0] == k for key in counts)]
    labels = dict(Project.Kind.choices)
    return {
        "labels": [str(labels[k]) for k in kinds],
        "datasets": [
            {"label": str(label), "data": [counts.get((k, status), 0) for k in kinds]}
            for status, label in Project.Status.choices
        ],
    }


def enrollment_funnel_chart(indicators) -> dict:
    return chart(
        [_("Registered"), _("Approved"), _("Enrolled")],
        [
            indicators["enrollment_registered"],
            indicators["enrollment_approved"],
            indicators["enrollment_enrolled"],
        ],
    )


def expiring_agreements(days: int = 90, limit: int = 10) -> list[Project]:
    """Projects whose agreement expires within `days` (partnerships owns the definition)."""
    return list(agreements_expiring(days=days)[:limit])


def quiet_members(years: int = 2, limit: int = 10) -> list[Member]:
    """Current members with no project signed in the last `years` years, longest quiet first."""
    since = timezone.localdate() - timedelta(days=365 * years)
    return list(
        Member.objects.current()
        .annotate(
            last_project=Max("participations__project__signed_on"),
            recent=Count(
                "participations",
                filter=Q(participations__project__signed_on__gte=since),
            ),
        )
        .filter(recent=0, joined_on__lt=since)
        .order_by("last_project", "joined_on", "name")[:limit]
    )


def report_versions(year: int) -> list[AnnualReportJob]:
    return list(
        AnnualReportJob.objects.filter(year=year)
        .select_related("created_by")
        .order_by("-created_at", "-id")
    )


def default_report_year() -> int:
    """Last year: the summary is written early in the following year."""
    return date.today().year - 1


@dataclass
class NetworkNode:
    id: int
    name: str
    kind: str
    partners: int = 0
    x: float = 0
    y: float = 0


@dataclass
class Network:
    nodes: list[NetworkNode]
    edges: list[tuple[NetworkNode, NetworkNode, int]]  # the two members, shared projects
    alone: list[Member]
    alone_count: int
    width: int
    height: int
    truncated: bool


SCHOOL_KINDS = {Member.Kind.UNIVERSITY, Member.Kind.VOCATIONAL_SCHOOL}
ENTERPRISE_KINDS = {Member.Kind.ENTERPRISE}
COLUMN_X = (260, 470, 680)  # schools, others (associations, institutes, government), enterprises
ROW_HEIGHT = 24


def cooperation_network(year: int, per_column: int = 60, alone_limit: int = 30) -> Network:
    """Who works with whom in the projects that count for the year (two queries): members
    joined by a shared project, in three columns, and the members that stand alone."""
    rows = Participant.objects.filter(
        project__in=Project.objects.filter(project_counts_for(year))
    ).values_list("project_id", "member_id", "member__name", "member__kind")
    by_project: dict[int, set[int]] = defaultdict(set)
    nodes: dict[int, NetworkNode] = {}
    for project_id, member_id, name, kind in rows:
        by_project[project_id].add(member_id)
        nodes.setdefault(member_id, NetworkNode(member_id, name, kind))
    weights: Counter = Counter()
    for members in by_project.values():
        for a, b in combinations(sorted(members), 2):
            weights[(a, b)] += 1
    for a, b in weights:
        nodes[a].partners += 1
        nodes[b].partners += 1
    columns: list[list[NetworkNode]] = [[], [], []]
    for node in sorted(nodes.values(), key=lambda n: (-n.partners, n.name)):
        column = 0 if node.kind in SCHOOL_KINDS else 2 if node.kind in ENTERPRISE_KINDS else 1
        columns[column].append(node)
    truncated = any(len(c) > per_column for c in columns)
    shown = {}
    for x, column in zip(COLUMN_X, columns, strict=True):
        for row, node in enumerate(column[:per_column]):
            node.x, node.y = x, 30 + row * ROW_HEIGHT
            shown[node.id] = node
    edges = [(shown[a], shown[b], n) for (a, b), n in weights.items() if a in shown and b in shown]
    alone = (
        Member.objects.filter(member_at_end_of(year))
        .exclude(pk__in=list(nodes))
        .order_by("kind", "name")
    )
    longest = max((min(len(c), per_column) for c in columns), default=0)
    return Network(
        nodes=list(shown.values()),
        edges=edges,
        alone=list(alone[:alone_limit]),
        alone_count=alone.count(),
        width=COLUMN_X[2] + 260,
        height=40 + longest * ROW_HEIGHT,
        truncated=truncated,
    )
