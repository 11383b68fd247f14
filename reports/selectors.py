"""Small reads for the dashboard and the report pages (the indicators live in indicators.py)."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import combinations

from django.db.models import Count, Min
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from enrollment.models import Intake
from members.models import Member
from partnerships.models import Participant, Project
from partnerships.selectors import agreements_expiring

# The one door for a year's figures is reports.figures; these names are read from here too.
from .figures import (  # noqa: F401
    figures_for,
    latest_snapshots,
    latest_versions,
    year_figures,
    year_indicators,
    year_snapshot,
)
from .indicators import (
    DEFINITIONS,
    AnnualIndicators,
    Number,
    member_at_end_of,
    project_counts_for,
)
from .models import FIRST_YEAR, AnnualReportJob, YearSnapshot
from .snapshots import section_label


def data_version_text(snapshot: YearSnapshot | None) -> str:
    """What the report says about where its figures come from."""
    if snapshot is None:
        return _("Live figures as of %(date)s: the year is not frozen yet.") % {
            "date": date_format(timezone.localdate())
        }
    return _("Data version v%(version)s, frozen on %(date)s.") % {
        "version": snapshot.version,
        "date": date_format(timezone.localtime(snapshot.created_at), "DATETIME_FORMAT"),
    }


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


def expiring_agreements(limit: int = 10) -> list[Project]:
    """Projects whose agreement expires soon (partnerships owns the definition)."""
    return list(agreements_expiring()[:limit])


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


# --- frozen years (issue 9)


@dataclass
class YearVersions:
    year: int
    versions: list[YearSnapshot]  # newest first

    @property
    def latest(self) -> YearSnapshot | None:
        return self.versions[0] if self.versions else None


def founding_year() -> int:
    """The first year with a member (or a snapshot); the current year for an empty portal."""
    joined = Member.objects.aggregate(first=Min("joined_on"))["first"]
    frozen = YearSnapshot.objects.aggregate(first=Min("year"))["first"]
    years = [y for y in (joined and joined.year, frozen) if y]
    return max(min(years, default=timezone.localdate().year), FIRST_YEAR)


def frozen_years(last_year: int) -> list[YearVersions]:
    """Every year from the founding year to `last_year`, newest first, with its versions
    (three queries; the indicators themselves are not read)."""
    versions: dict[int, list[YearSnapshot]] = defaultdict(list)
    rows = YearSnapshot.objects.defer("indicators", "sections", "records")
    rows = rows.select_related("created_by")
    for snapshot in rows.order_by("-year", "-version"):
        versions[snapshot.year].append(snapshot)
    first = min(founding_year(), *versions) if versions else founding_year()
    return [YearVersions(year, versions.get(year, [])) for year in range(last_year, first - 1, -1)]


@dataclass
class Figure:
    code: str
    label: str
    value: Number | None


@dataclass
class FigureChange:
    section: str  # "" for the indicators
    code: str
    label: str
    old: Number | None
    new: Number | None

    @property
    def change(self) -> Number | None:
        numbers = (int, Decimal)
        if isinstance(self.old, numbers) and isinstance(self.new, numbers):
            return self.new - self.old
        return None


def indicator_figures(snapshot: YearSnapshot) -> list[Figure]:
    """Every indicator of the snapshot, in the definitions' order (codes no longer defined
    come last, under their code)."""
    values = snapshot.figures()
    names = {d.code: str(d.name) for d in DEFINITIONS}
    codes = [d.code for d in DEFINITIONS if d.code in values]
    codes += sorted(set(values) - set(names))
    return [Figure(code, names.get(code, code), values[code]) for code in codes]


def section_figures(snapshot: YearSnapshot) -> dict[str, list[Figure]]:
    """Each section's totals with their labels (the records stay out)."""
    return {
        name: [Figure(code, section_label(name, code), value) for code, value in totals.items()]
        for name, totals in snapshot.section_totals().items()
    }


def previous_version(snapshot: YearSnapshot) -> YearSnapshot | None:
    return (
        YearSnapshot.objects.filter(year=snapshot.year, version__lt=snapshot.version)
        .order_by("-version")
        .first()
    )


def _all_figures(snapshot: YearSnapshot | None) -> dict[tuple[str, str], Figure]:
    if snapshot is None:
        return {}
    figures = {("", f.code): f for f in indicator_figures(snapshot)}
    for name, rows in section_figures(snapshot).items():
        figures.update({(name, f.code): f for f in rows})
    return figures


def snapshot_diff(snapshot: YearSnapshot, previous: YearSnapshot | None) -> list[FigureChange]:
    """The figures (indicators and section totals) that differ from the previous version."""
    old, new = _all_figures(previous), _all_figures(snapshot)
    changes = []
    for key in list(old) + [k for k in new if k not in old]:
        before, after = old.get(key), new.get(key)
        old_value = before.value if before else None
        new_value = after.value if after else None
        if old_value != new_value:
            label = (after or before).label
            changes.append(FigureChange(key[0], key[1], label, old_value, new_value))
    return changes


# Hundreds of applicants would flatten the other lines: they get the right-hand axis.
OWN_AXIS = {"enrollment_registered"}
TREND_CODES = (
    "members_total",
    "members_enterprise",
    "projects_total",
    "students_order_class",
    "students_internship",
    "enrollment_registered",
)


@dataclass
class TrendYear:
    year: int
    values: dict[str, Number]
    snapshot: YearSnapshot | None  # None: live figures of the current, unfrozen year

    @property
    def is_live(self) -> bool:
        return self.snapshot is None


def year_trend(
    current_year: int,
    snapshots: dict[int, YearSnapshot] | None = None,
    figures: dict[int, dict] | None = None,
) -> list[TrendYear]:
    """The frozen years up to the current one, oldest first, then the current year live if it
    is not frozen yet (one query, and three more for the live year)."""
    if snapshots is None:
        snapshots = latest_snapshots()
    years = sorted(y for y in snapshots if y < current_year) + [current_year]
    figures = figures_for(years, snapshots, known=figures)
    return [TrendYear(y, figures[y], snapshots.get(y)) for y in years]


def trend_chart(years: list[TrendYear], codes=TREND_CODES) -> dict:
    """The shape static/reports/trend-chart.js draws: one line per indicator, the live year
    marked in its label (and drawn dashed)."""
    names = {d.code: str(d.name) for d in DEFINITIONS}
    return {
        "labels": [
            str(_("%(year)s (live)") % {"year": t.year}) if t.is_live else str(t.year)
            for t in years
        ],
        "live": [t.is_live for t in years],
        "datasets": [
            {
                "label": names[code],
                "data": [float(t.values.get(code, 0)) for t in years],
                "yAxisID": "y1" if code in OWN_AXIS else "y",
            }
            for code in codes
        ],
        "axes": {"y": str(_("Members, projects, students")), "y1": str(_("Applicants"))},
    }


@dataclass
class ComparisonRow:
    code: str
    name: str
    # (value, change from the year before, whether the value is live) per year
    cells: list[tuple[Number | None, Number | None, bool]]


def year_on_year(years: list[TrendYear]) -> list[ComparisonRow]:
    """Every indicator across the years, each with its change from the column before."""
    rows = []
    for definition in DEFINITIONS:
        cells, before = [], {}
        for t in years:
            value = t.values.get(definition.code)
            # A change only from the year just before: a gap of unfrozen years is no change.
            previous = before.get(t.year - 1)
            change = value - previous if value is not None and previous is not None else None
            cells.append((value, change, t.is_live))
            before[t.year] = value
        rows.append(ComparisonRow(definition.code, str(definition.name), cells))
    return rows


def open_data_years():
    """The approved figures: the latest version of each frozen year, newest year first."""
    return latest_versions().order_by("-year")


@dataclass
class OpenDataRow:
    code: str
    name: str
    values: list[Number | None]  # one per year, in the order of the snapshots given


def open_data_rows(snapshots: list[YearSnapshot]) -> list[OpenDataRow]:
    """Every indicator, then every section total, across the given years (no query)."""
    figures = [s.figures() for s in snapshots]
    rows = [OpenDataRow(d.code, str(d.name), [f.get(d.code) for f in figures]) for d in DEFINITIONS]
    totals = [s.section_totals() for s in snapshots]
    keys = dict.fromkeys((name, code) for t in totals for name in t for code in t[name])
    for name, code in keys:
        values = [t.get(name, {}).get(code) for t in totals]
        rows.append(OpenDataRow(code, section_label(name, code), values))
    return rows


# What happens in a year of its own (not carried over from earlier years).
ACTIVITY = ("members_joined", "members_left", "projects_signed", "enrollment_registered")


def year_without_data(indicators: AnnualIndicators) -> int | None:
    """For a year in which nothing was recorded, the latest year up to this one in which
    something was (a member joined, a project was signed, someone registered); None if the year
    has data or no year has."""
    if any(indicators[code] for code in ACTIVITY):
        return None
    this_year = timezone.localdate().year
    end = date(this_year, 12, 31)
    joined = Member.objects.filter(joined_on__lte=end).values_list(ExtractYear("joined_on"))
    signed = Project.objects.filter(signed_on__lte=end).values_list(ExtractYear("signed_on"))
    registered = Intake.objects.filter(
        year__lte=this_year, applications__submitted_at__isnull=False
    ).values_list("year")
    # One query; a compound statement allows no ORDER BY in its parts (models have orderings).
    years = joined.order_by().union(signed.order_by(), registered.order_by())
    return max((y for (y,) in years if y is not None and y != indicators.year), default=None)
