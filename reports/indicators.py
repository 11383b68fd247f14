"""The annual indicators: the ONE place that defines them (see docs/contract.md).

The dashboard, the annual work summary (XLSX, DOCX, PDF) and the API all read these figures. Every
figure is an SQL aggregate: one query per table whatever the data size, and the years compared
(the year and the year before it) are computed in the same queries.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from enrollment.models import Application
from members.models import Member
from partnerships.models import Project

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

    @property
    def enrollment_approval_rate(self) -> Decimal:
        return share(self["enrollment_approved"], self["enrollment_registered"])


def share(part: Number, whole: Number) -> Decimal:
    if not whole:
        return Decimal("0.0")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def first_day(year: int) -> date:
    return date(year, 1, 1)


def last_day(year: int) -> date:
    return date(year, 12, 31)


# The contract's rules, as Q objects, so that the counts below and the detail tables of the
# report select exactly the same rows.
def member_at_end_of(year: int) -> Q:
    return Q(joined_on__lte=last_day(year)) & (
        Q(left_on__isnull=True) | Q(left_on__gt=last_day(year))
    )


def project_counts_for(year: int) -> Q:
    return (
        Q(signed_on__lte=last_day(year))
        & ~Q(status__in=[Project.Status.PROPOSED, Project.Status.NEGOTIATING])
        & (Q(ends_on__isnull=True) | Q(ends_on__gte=first_day(year)))
    )


def application_registered_for(year: int) -> Q:
    """Applications to the year's intakes that were ever submitted: not a draft, and not one
    withdrawn before its first submission (submitted_at is set on it and never cleared)."""
    withdrawn_unsubmitted = Q(status=Application.Status.WITHDRAWN, submitted_at__isnull=True)
    return Q(intake__year=year) & ~Q(status=Application.Status.DRAFT) & ~withdrawn_unsubmitted


def _member_aggregates(year: int) -> dict:
    at_end = member_at_end_of(year)
    out = {"members_total": Count("id", filter=at_end)}
    for kind in Member.Kind.values:
        out[f"members_{kind}"] = Count("id", filter=at_end & Q(kind=kind))
    out["members_joined"] = Count(
        "id", filter=Q(joined_on__gte=first_day(year), joined_on__lte=last_day(year))
    )
    out["members_left"] = Count(
        "id", filter=Q(left_on__gte=first_day(year), left_on__lte=last_day(year))
    )
    return out


def _project_aggregates(year: int) -> dict:
    counts = project_counts_for(year)
    signed_in_year = Q(signed_on__gte=first_day(year), signed_on__lte=last_day(year))
    out = {"projects_total": Count("id", filter=counts)}
    for kind in Project.Kind.values:
        out[f"projects_{kind}"] = Count("id", filter=counts & Q(kind=kind))
    out["projects_signed"] = Count("id", filter=signed_in_year)
    out["students_order_class"] = Sum(
        "students", filter=counts & Q(kind=Project.Kind.ORDER_CLASS), default=0
    )
    out["students_internship"] = Sum(
        "students", filter=counts & Q(kind=Project.Kind.INTERNSHIP), default=0
    )
    out["investment_cny"] = Sum("investment_cny", filter=signed_in_year, default=Decimal("0"))
    return out


def _application_aggregates(year: int) -> dict:
    registered = application_registered_for(year)
    approved = [Application.Status.APPROVED, Application.Status.ENROLLED]
    return {
        "enrollment_registered": Count("id", filter=registered),
        "enrollment_approved": Count("id", filter=registered & Q(status__in=approved)),
        "enrollment_enrolled": Count(
            "id", filter=registered & Q(status=Application.Status.ENROLLED)
        ),
    }


def _aggregate(queryset, builder, years: list[int]) -> dict[int, dict[str, Number]]:
    """One query for all the years: each aggregate is named '<code>__<year>'."""
    expressions = {}
    for year in years:
        for code, expression in builder(year).items():
            expressions[f"{code}__{year}"] = expression
    row = queryset.aggregate(**expressions)
    result: dict[int, dict[str, Number]] = {year: {} for year in years}
    for key, value in row.items():
        code, year = key.rsplit("__", 1)
        result[int(year)][code] = value if value is not None else 0
    return result


def indicator_values(years: list[int]) -> dict[int, dict[str, Number]]:
    """The contract's indicators for each of the years, in three queries."""
    values: dict[int, dict[str, Number]] = {year: {} for year in years}
    for queryset, builder in (
        (Member.objects.all(), _member_aggregates),
        (Project.objects.all(), _project_aggregates),
        (Application.objects.filter(intake__year__in=years), _application_aggregates),
    ):
        for year, row in _aggregate(queryset, builder, years).items():
            values[year].update(row)
    for row in values.values():
        row["investment_cny"] = Decimal(row["investment_cny"]).quantize(Decimal("0.01"))
    return values


def members_by_region(year: int) -> list[tuple[str, int]]:
    """Members at the end of the year by region, largest first (one query)."""
    rows = (
        Member.objects.filter(member_at_end_of(year))
        .values_list("region")
        .annotate(n=Count("id"))
        .order_by("-n", "region")
    )
    return [(region or str(_("(region not given)")), n) for region, n in rows]


def annual_indicators(year: int) -> AnnualIndicators:
    """The year's indicators with the year before for comparison: four queries in all."""
    values = indicator_values([year, year - 1])
    indicators = [
        Indicator(d.code, d.name, values[year][d.code], values[year - 1][d.code])
        for d in DEFINITIONS
    ]
    return AnnualIndicators(year, indicators, members_by_region(year))
