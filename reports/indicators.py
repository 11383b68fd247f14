"""The annual indicators: the ONE place that defines them (see docs/contract.md).

The dashboard, the annual work summary (XLSX, DOCX, PDF) and the API all read these figures. Every
figure is an SQL aggregate: one query per table whatever the data size, and the years compared
(the year and the year before it) are computed in the same queries.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, Sum
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from enrollment.models import (
    Application,
    application_approved,
    application_ever_submitted,
    application_registered_for,
)
from members.models import Member, member_at_end_of
from partnerships.models import Project, project_counts_for, project_signed_in

__all__ = [  # the rules, for the report's modules that read them from here
    "application_approved",
    "application_registered_for",
    "member_at_end_of",
    "project_counts_for",
]

Number = int | Decimal


@dataclass(frozen=True)
class Definition:
    code: str
    name: Promise


def _definitions() -> list[Definition]:
    rows = [Definition("members_total", _("Member organisations at the end of the year"))]
    rows += [
        Definition(f"members_{value}", format_lazy(_("Members: {kind}"), kind=label))
        for value, label in Member.Kind.choices
    ]
    rows += [
        Definition("members_joined", _("Members joined during the year")),
        Definition("members_left", _("Members left during the year")),
        Definition("projects_total", _("Cooperation projects counting for the year")),
    ]
    rows += [
        Definition(f"projects_{value}", format_lazy(_("Projects: {kind}"), kind=label))
        for value, label in Project.Kind.choices
    ]
    rows += [
        Definition("projects_signed", _("Projects signed during the year")),
        Definition("students_order_class", _("Students in order / project classes")),
        Definition("students_internship", _("Students in internship placements")),
        Definition("investment_cny", _("Enterprise investment signed during the year (RMB)")),
        Definition("enrollment_registered", _("Part-time applicants registered")),
        Definition("enrollment_approved", _("Part-time applicants approved")),
        Definition("enrollment_enrolled", _("Part-time applicants enrolled")),
    ]
    return rows


DEFINITIONS: list[Definition] = _definitions()
CODES: list[str] = [d.code for d in DEFINITIONS]


@dataclass(frozen=True)
class IndicatorSource:
    """Indicators another app defines and computes: `values(years)` returns {year: {code: n}}."""

    definitions: list[Definition]
    values: Callable[[list[int]], dict[int, dict[str, Number]]]


_SOURCES: dict[str, IndicatorSource] = {}


def register_indicators(
    name: str,
    definitions: list[Definition],
    values: Callable[[list[int]], dict[int, dict[str, Number]]],
) -> None:
    """Add (or replace: ready() may run twice) an app's indicators after the contract's own.
    DEFINITIONS and CODES are extended in place, so every reader sees them."""
    _SOURCES[name] = IndicatorSource(list(definitions), values)
    DEFINITIONS[:] = _definitions() + [d for s in _SOURCES.values() for d in s.definitions]
    CODES[:] = [d.code for d in DEFINITIONS]


@dataclass(frozen=True)
class Indicator:
    code: str
    name: Promise
    value: Number
    previous: Number

    @property
    def change(self) -> Number:
        return self.value - self.previous

    @property
    def name_zh(self) -> str:
        with translation.override("zh-hans"):
            return str(self.name)

    @property
    def name_en(self) -> str:
        with translation.override("en"):
            return str(self.name)


@dataclass
class AnnualIndicators:
    year: int
    indicators: list[Indicator]
    members_by_region: list[tuple[str, int]] = field(default_factory=list)
    # The year's latest YearSnapshot when the figures were read from it (reports.selectors).
    snapshot: Any = None

    def __post_init__(self) -> None:
        self.by_code = {i.code: i for i in self.indicators}

    def __getitem__(self, code: str) -> Number:
        return self.by_code[code].value

    def values(self) -> dict[str, Number]:
        return {i.code: i.value for i in self.indicators}

    @property
    def enterprise_share(self) -> Decimal:
        """Enterprises among the members at the end of the year, in per cent (one decimal)."""
        return share(self["members_enterprise"], self["members_total"])

    @property
    def previous_enterprise_share(self) -> Decimal:
        previous = self.by_code
        return share(previous["members_enterprise"].previous, previous["members_total"].previous)


def share(part: Number, whole: Number) -> Decimal:
    if not whole:
        return Decimal("0.0")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def first_day(year: int) -> date:
    return date(year, 1, 1)


def last_day(year: int) -> date:
    return date(year, 12, 31)


# The contract's rules are Q objects defined by the apps owning the models (imported above), so
# that the counts below and the detail tables of the report select exactly the same rows.


# Speed: each table is read once, grouped. Members are grouped by kind and region with a few
# filtered counts per year. Projects and applications are grouped by the rules themselves: each
# rule (a Q above) is evaluated once per row as a true/false grouping column, the rows are
# counted and summed per group, and the figures are sums over the matching groups in Python.
# Far fewer expressions per row than one filtered aggregate per indicator and kind, which is what
# the time grows with as the tables grow (benchmarks/run.py, target 3).
def _member_aggregates(year: int) -> dict:
    return {
        "at_end": Count("id", filter=member_at_end_of(year)),
        "members_joined": Count(
            "id", filter=Q(joined_on__gte=first_day(year), joined_on__lte=last_day(year))
        ),
        "members_left": Count(
            "id", filter=Q(left_on__gte=first_day(year), left_on__lte=last_day(year))
        ),
    }


def _grouped(queryset, group_by: list[str], builder, years: list[int]) -> list[dict]:
    """One query: a row per group with builder's aggregates of each year as (name, year) keys."""
    names, expressions = {}, {}
    for year in years:
        for name, expression in builder(year).items():
            alias = f"agg{len(expressions)}"
            names[alias] = (name, year)
            expressions[alias] = expression
    rows = queryset.order_by().values(*group_by).annotate(**expressions)
    return [
        {
            **{key: row[key] for key in group_by},
            **{names[alias]: row[alias] or 0 for alias in names},
        }
        for row in rows
    ]


def _grouped_by_rules(queryset, group_by: list[str], rules: dict, totals: dict) -> list[dict]:
    """One query: rows grouped by the fields and by whether each rule holds; totals per group.

    rules maps a name to a Q; each result row has the fields, the rules' names (True/False) and
    the totals' names."""
    flags = {f"rule{n}": ExpressionWrapper(q, BooleanField()) for n, q in enumerate(rules.values())}
    names = dict(zip(flags, rules, strict=True))
    rows = queryset.order_by().annotate(**flags).values(*group_by, *flags).annotate(**totals)
    return [{**{names.get(key, key): value for key, value in row.items()}} for row in rows]


def _total(groups: list[dict], value: str, **conditions) -> Number:
    """The sum of `value` over the groups whose keys equal the conditions (True rules)."""
    return sum((g[value] or 0 for g in groups if all(g[k] == v for k, v in conditions.items())), 0)


def _member_values(years: list[int]) -> tuple[dict[int, dict], dict[int, list]]:
    groups = _grouped(Member.objects.all(), ["kind", "region"], _member_aggregates, years)
    values, regions = {}, {}
    for year in years:
        row = {"members_total": sum(g[("at_end", year)] for g in groups)}
        for kind in Member.Kind.values:
            row[f"members_{kind}"] = sum(g[("at_end", year)] for g in groups if g["kind"] == kind)
        for code in ("members_joined", "members_left"):
            row[code] = sum(g[(code, year)] for g in groups)
        values[year] = row
        by_region: dict[str | None, int] = {}
        for g in groups:
            by_region[g["region"]] = by_region.get(g["region"], 0) + g[("at_end", year)]
        regions[year] = [(region, n) for region, n in by_region.items() if n]
    return values, regions


def _project_values(years: list[int]) -> dict[int, dict]:
    rules = {}
    for year in years:
        rules[f"counts{year}"] = project_counts_for(year)
        rules[f"signed{year}"] = project_signed_in(year)
    groups = _grouped_by_rules(
        Project.objects.all(),
        ["kind"],
        rules,
        {"n": Count("id"), "students": Sum("students"), "investment": Sum("investment_cny")},
    )
    values = {}
    for year in years:
        counts, signed = {f"counts{year}": True}, {f"signed{year}": True}
        row = {"projects_total": _total(groups, "n", **counts)}
        for kind in Project.Kind.values:
            row[f"projects_{kind}"] = _total(groups, "n", kind=kind, **counts)
        row["projects_signed"] = _total(groups, "n", **signed)
        row["students_order_class"] = _total(
            groups, "students", kind=Project.Kind.ORDER_CLASS, **counts
        )
        row["students_internship"] = _total(
            groups, "students", kind=Project.Kind.INTERNSHIP, **counts
        )
        investment = Decimal(_total(groups, "investment", **signed))
        row["investment_cny"] = investment.quantize(Decimal("0.01"))
        values[year] = row
    return values


def _application_values(years: list[int]) -> dict[int, dict]:
    """Grouped by the intake's year: that is the year part of application_registered_for."""
    ever_submitted = application_ever_submitted()
    groups = _grouped_by_rules(
        Application.objects.filter(intake__year__in=years),
        ["intake__year"],
        {
            "enrollment_registered": ever_submitted,
            "enrollment_approved": ever_submitted & application_approved(),
            "enrollment_enrolled": ever_submitted & Q(status=Application.Status.ENROLLED),
        },
        {"n": Count("id")},
    )
    codes = ("enrollment_registered", "enrollment_approved", "enrollment_enrolled")
    return {
        year: {code: _total(groups, "n", intake__year=year, **{code: True}) for code in codes}
        for year in years
    }


def _indicators_and_regions(years: list[int]) -> tuple[dict[int, dict], dict[int, list]]:
    """The contract's indicators for each of the years, and members by region, in 3 queries
    (and those of the registered sources)."""
    members, regions = _member_values(years)
    projects = _project_values(years)
    applications = _application_values(years)
    values = {year: {**members[year], **projects[year], **applications[year]} for year in years}
    for source in _SOURCES.values():
        extra = source.values(years)
        for year in years:
            values[year].update(extra[year])
    return values, regions


def indicator_values(years: list[int]) -> dict[int, dict[str, Number]]:
    """The contract's indicators for each of the years, in three queries."""
    return _indicators_and_regions(years)[0]


def _region_rows(counts: list[tuple[str | None, int]]) -> list[tuple[str, int]]:
    """Largest first, then by region; a member without a region is counted under a label."""
    ordered = sorted(counts, key=lambda item: (-item[1], item[0] or ""))
    return [(region or str(_("(region not given)")), n) for region, n in ordered]


def members_by_region(year: int) -> list[tuple[str, int]]:
    """Members at the end of the year by region, largest first (one query)."""
    return _region_rows(_member_values([year])[1][year])


def annual_indicators(year: int) -> AnnualIndicators:
    """The year's indicators with the year before for comparison: three queries in all."""
    values, regions = _indicators_and_regions([year, year - 1])
    indicators = [
        Indicator(d.code, d.name, values[year][d.code], values[year - 1][d.code])
        for d in DEFINITIONS
    ]
    return AnnualIndicators(year, indicators, _region_rows(regions[year]))
