"""Readiness for the group's next accreditation: each condition checked against the portal's data.

The conditions live in CONDITIONS, one row each with its source, so a new rule is one row. The
year checked is the last complete year; thresholds marked "working threshold" are the
secretariat's own bar where the source names the condition but no figure.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Member
from reports.indicators import indicator_values
from reports.models import ReportDraft, YearSnapshot

TARGET = _("National demonstration vocational education group (全国示范性职业教育集团)")
SEED_000 = _("The group's 2021 work summary: years of complete data on the national platform")
GUIDANCE = _(
    "Ministry of Education: Opinions on deepening group-based vocational education "
    "(教职成〔2015〕4号)"
)
RECENT_YEARS = 3


@dataclass(frozen=True)
class Facts:
    """What the conditions read, gathered once."""

    year: int
    founded_on: date | None
    values: dict
    frozen_years: set[int]
    summary_years: set[int]

    @property
    def recent_years(self) -> list[int]:
        return list(range(self.year - RECENT_YEARS + 1, self.year + 1))


@dataclass(frozen=True)
class Condition:
    code: str
    label: str
    sources: tuple  # where the condition comes from (lazy texts, joined when shown)
    measure: Callable[[Facts], tuple[bool, str]]
    fix_url: str  # URL name of the page where the data is put right

    @property
    def source(self) -> str:
        return "；".join(str(s) for s in self.sources)


@dataclass(frozen=True)
class Result:
    condition: Condition
    met: bool
    figure: str


def _years_operating(f: Facts) -> tuple[bool, str]:
    if f.founded_on is None:
        return False, str(_("no member has a joining date"))
    years = f.year - f.founded_on.year
    return years >= RECENT_YEARS, str(
        _("%(n)s years (since %(date)s)") % {"n": years, "date": f.founded_on}
    )


def _at_least(code: str, minimum: int) -> Callable[[Facts], tuple[bool, str]]:
    def measure(f: Facts) -> tuple[bool, str]:
        value = f.values[code]
        return value >= minimum, f"{value} / ≥ {minimum}"

    return measure


def _schools(f: Facts) -> tuple[bool, str]:
    value = f.values["members_vocational_school"] + f.values["members_university"]
    return value >= 3, f"{value} / ≥ 3"


def _students(f: Facts) -> tuple[bool, str]:
    value = f.values["students_order_class"] + f.values["students_internship"]
    return value > 0, str(value)


def _every_recent_year(
    years_of: Callable[[Facts], set[int]],
) -> Callable[[Facts], tuple[bool, str]]:
    def measure(f: Facts) -> tuple[bool, str]:
        missing = [y for y in f.recent_years if y not in years_of(f)]
        if missing:
            return False, str(_("missing: %(years)s") % {"years": ", ".join(map(str, missing))})
        return True, "、".join(map(str, f.recent_years))

    return measure


WORKING = _("working threshold")
CONDITIONS: list[Condition] = [
    Condition(
        "years_operating",
        _("The group has run for at least three years"),
        (SEED_000, WORKING),
        _years_operating,
        "staff_member_list",
    ),
    Condition(
        "schools",
        _("Schools and universities among the members (at least 3)"),
        (GUIDANCE, WORKING),
        _schools,
        "staff_member_list",
    ),
    Condition(
        "enterprises",
        _("Enterprises among the members (at least 10)"),
        (GUIDANCE, WORKING),
        _at_least("members_enterprise", 10),
        "staff_member_list",
    ),
    Condition(
        "associations",
        _("An industry association among the members"),
        (GUIDANCE, WORKING),
        _at_least("members_association", 1),
        "staff_member_list",
    ),
    Condition(
        "frozen_years",
        _("Complete data frozen for each of the last three years"),
        (SEED_000,),
        _every_recent_year(lambda f: f.frozen_years),
        "staff_frozen_years",
    ),
    Condition(
        "projects",
        _("Cooperation projects counting for the year"),
        (GUIDANCE, WORKING),
        _at_least("projects_total", 1),
        "staff_project_list",
    ),
    Condition(
        "students",
        _("Students in order classes and internships"),
        (GUIDANCE, WORKING),
        _students,
        "staff_project_list",
    ),
    Condition(
        "investment",
        _("Enterprises' investment signed during the year"),
        (GUIDANCE, WORKING),
        lambda f: (f.values["investment_cny"] > 0, f"{f.values['investment_cny']}"),
        "staff_project_list",
    ),
    Condition(
        "summaries",
        _("An annual work summary for each of the last three years"),
        (SEED_000,),
        _every_recent_year(lambda f: f.summary_years),
        "staff_reports",
    ),
]


def gather(year: int) -> Facts:
    founded = Member.objects.exclude(status=Member.Status.APPLYING).aggregate(
        first=Min("joined_on")
    )["first"]
    drafts = ReportDraft.objects.exclude(main_work="").values_list("year", flat=True)
    return Facts(
        year=year,
        founded_on=founded,
        values=indicator_values([year])[year],
        frozen_years=set(YearSnapshot.objects.values_list("year", flat=True)),
        summary_years=set(drafts),
    )


def readiness(year: int | None = None) -> list[Result]:
    """Every condition for the last complete year (or the year given), met or not."""
    facts = gather(year or timezone.localdate().year - 1)
    return [Result(c, *c.measure(facts)) for c in CONDITIONS]
