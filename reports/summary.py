"""The annual work summary's content, shaped like the group's own (seed 000).

One structure (sections of headings, paragraphs and tables) feeds the DOCX and the PDF, so the two
documents always say the same thing; every figure comes from reports.indicators.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from partnerships.models import Participant, Project
from vetgroup.branding import group_name

from .indicators import AnnualIndicators, Number, project_counts_for
from .models import ReportDraft
from .selectors import Figure, data_version_text, section_figures, year_indicators
from .snapshots import snapshot_sections

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    numeric_from: int = 1  # columns from this one on hold figures (aligned right)


@dataclass
class Block:
    kind: str  # "heading", "paragraph" or "table"
    text: str = ""
    table: Table | None = None


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def heading(self, text: str) -> None:
        self.blocks.append(Block("heading", text))

    def paragraph(self, text: str) -> None:
        self.blocks.append(Block("paragraph", text))

    def paragraphs(self, text: str, empty: str = "") -> None:
        """Staff text, one paragraph a line; `empty` stands in when there is none."""
        parts = [p.strip() for p in text.splitlines() if p.strip()]
        for part in parts or ([empty] if empty else []):
            self.paragraph(part)

    def add_table(self, headers: list[str], rows: list[list[str]], numeric_from: int = 1) -> None:
        self.blocks.append(Block("table", table=Table(headers, rows, numeric_from)))


@dataclass
class AnnualSummary:
    year: int
    group_name: str
    title: str
    indicators: AnnualIndicators
    sections: list[Section]
    projects: list[Project]
    # Where the figures come from: "Data version v2, frozen on ..." for a frozen year.
    data_version: str = ""
    # Totals of the sections registered in reports.snapshots, from the year's snapshot.
    section_totals: dict[str, list[Figure]] = field(default_factory=dict)


def number_text(value: Number | str) -> str:
    if isinstance(value, str):  # a money total, kept in the snapshot as a decimal string
        try:
            value = Decimal(value)
        except ArithmeticError:
            return value
    if isinstance(value, Decimal):
        value = value.normalize() if value == value.to_integral() else value
        return f"{value:,.0f}" if value == value.to_integral() else f"{value:,.2f}"
    return f"{value:,}"


def money_text(value: Decimal) -> str:
    """RMB in the way the group writes it: 3000 万元 in Chinese, RMB 30,000,000 in English."""
    if (translation.get_language() or "").startswith("zh"):
        if value >= 10_000:
            wan = (value / 10_000).quantize(Decimal("0.01")).normalize()
            return f"{wan:f} 万元"
        return f"{number_text(value)} 元"
    return f"RMB {number_text(value)}"


def fill_figures(text: str, values: dict[str, Number]) -> str:
    """Replace {code} placeholders in staff-written text with the year's figures."""

    def replace(match: re.Match) -> str:
        code = match.group(1)
        return number_text(values[code]) if code in values else match.group(0)

    return PLACEHOLDER.sub(replace, text)


def projects_of_the_year(year: int) -> list[Project]:
    """The projects that count for the year, with their participants (two queries)."""
    participants = Participant.objects.select_related("member").order_by("role", "member__name")
    return list(
        Project.objects.filter(project_counts_for(year))
        .prefetch_related(Prefetch("participants", queryset=participants))
        .order_by("kind", "signed_on", "title")
    )


def project_sentence(project: Project) -> str:
    parts = []
    if project.signed_on:
        parts.append(_("signed on %(date)s") % {"date": date_format(project.signed_on)})
    partners = "、".join(p.member.name for p in project.participants.all())
    if partners:
        parts.append(_("with %(partners)s") % {"partners": partners})
    if project.students:
        parts.append(_("%(count)s students") % {"count": project.students})
    if project.investment_cny:
        parts.append(
            _("%(amount)s of equipment and funds brought in")
            % {"amount": money_text(project.investment_cny)}
        )
    details = _("; ").join(parts)
    return f"{project.title}：{details}。" if details else f"{project.title}。"


def basic_situation(section: Section, ind: AnnualIndicators, draft: ReportDraft) -> None:
    v = ind.values()
    section.paragraphs(fill_figures(draft.introduction, v))
    section.paragraph(
        _(
            "At the end of %(year)s the group had %(total)s member organisations: "
            "%(universities)s universities, %(schools)s vocational schools, %(associations)s "
            "industry associations, %(institutes)s research institutes, %(enterprises)s "
            "enterprises and %(government)s government bodies."
        )
        % {
            "year": ind.year,
            "total": v["members_total"],
            "universities": v["members_university"],
            "schools": v["members_vocational_school"],
            "associations": v["members_association"],
            "institutes": v["members_research_institute"],
            "enterprises": v["members_enterprise"],
            "government": v["members_government"],
        }
    )
    section.paragraph(
        _(
            "%(joined)s organisations joined the group during the year and %(left)s left; "
            "enterprises make up %(share)s%% of the members (%(previous)s%% a year before)."
        )
        % {
            "joined": v["members_joined"],
            "left": v["members_left"],
            "share": ind.enterprise_share,
            "previous": ind.previous_enterprise_share,
        }
    )
    section.paragraph(
        _(
            "%(projects)s cooperation projects were under way in %(year)s, %(signed)s of them "
            "signed during the year; enterprises brought in %(investment)s of equipment and "
            "funds. %(order_class)s students studied in order and project classes and "
            "%(interns)s students took internship placements."
        )
        % {
            "projects": v["projects_total"],
            "year": ind.year,
            "signed": v["projects_signed"],
            "investment": money_text(v["investment_cny"]),
            "order_class": v["students_order_class"],
            "interns": v["students_internship"],
        }
    )
    rows = [
        [str(i.name), number_text(i.value), number_text(i.previous), signed_text(i.change)]
        for i in ind.indicators
    ]
    section.add_table(
        [_("Indicator"), str(ind.year), str(ind.year - 1), _("Change from last year")],
        rows,
    )


def signed_text(value: Number) -> str:
    return f"+{number_text(value)}" if value > 0 else number_text(value)


# Prose for at most this many projects of a kind; the XLSX lists them all. A province-sized
# group has thousands of projects, which no reader wants (and WeasyPrint is slow on) in prose.
LISTED_PER_KIND = 10


def main_work(
    section: Section, ind: AnnualIndicators, draft: ReportDraft, projects: list[Project]
) -> None:
    v = ind.values()
    section.paragraphs(fill_figures(draft.main_work, v))
    labels = dict(Project.Kind.choices)
    by_kind = [(k, [p for p in projects if p.kind == k]) for k in Project.Kind.values]
    by_kind = [(k, of_kind) for k, of_kind in by_kind if of_kind]
    for number, (kind, of_kind) in enumerate(by_kind, start=1):
        section.heading(
            _("%(number)s. %(kind)s (%(count)s)")
            % {"number": number, "kind": labels[kind], "count": len(of_kind)}
        )
        largest = sorted(of_kind, key=lambda p: (-p.investment_cny, -p.students, p.title))
        for project in largest[:LISTED_PER_KIND]:
            section.paragraph(project_sentence(project))
        if len(of_kind) > LISTED_PER_KIND:
            section.paragraph(
                _("Another %(count)s projects of this kind are listed in the XLSX workbook.")
                % {"count": len(of_kind) - LISTED_PER_KIND}
            )
    if not projects:
        section.paragraph(_("No cooperation project counts for this year yet."))
    section.heading(_("%(number)s. Part-time enrollment") % {"number": len(by_kind) + 1})
    section.paragraph(
        _(
            "%(registered)s people registered online for the year's part-time intakes and "
            "%(approved)s passed the review; %(enrolled)s have enrolled."
        )
        % {
            "registered": v["enrollment_registered"],
            "approved": v["enrollment_approved"],
            "enrolled": v["enrollment_enrolled"],
        }
    )
    if by_kind:
        rows = [
            [
                str(labels[kind]),
                number_text(len(of_kind)),
                number_text(sum(p.students for p in of_kind)),
                money_text(sum((p.investment_cny for p in of_kind), Decimal(0))),
            ]
            for kind, of_kind in by_kind
        ]
        section.add_table([_("Kind"), _("Projects"), _("Students"), _("Investment")], rows)


# Other apps' parts of "main work and results" (e.g. people.report), registered in their
# AppConfig.ready(): part(section, indicators) adds headings, paragraphs and tables.
_MAIN_WORK_PARTS: dict[str, Callable[[Section, AnnualIndicators], None]] = {}


def register_main_work_part(name: str, part: Callable[[Section, AnnualIndicators], None]) -> None:
    _MAIN_WORK_PARTS[name] = part


def section_narratives(year: int, snapshot) -> list[str]:
    """The registered sections' paragraphs: from the frozen year's data, or today's records."""
    paragraphs = []
    for section in snapshot_sections():
        if section.narrative is None:
            continue
        data = snapshot.sections.get(section.name) if snapshot else section.collect(year)
        if data:
            paragraphs += section.narrative(year, data)
    return paragraphs


def build_summary(year: int) -> AnnualSummary:
    """The whole summary for a year, in the active language."""
    group = group_name()
    draft = ReportDraft.objects.filter(year=year).first() or ReportDraft(year=year)
    ind = year_indicators(year)
    projects = projects_of_the_year(year)
    totals = section_figures(ind.snapshot) if ind.snapshot else {}
    not_written = _("(Not written yet.)")
    first = Section(_("1. Basic situation of %(group)s") % {"group": group})
    basic_situation(first, ind, draft)
    for figures in totals.values():
        first.add_table(
            [_("Reported by the members"), str(year)],
            [[f.label, number_text(f.value)] for f in figures],
        )
    second = Section(_("2. Main work and results of %(group)s") % {"group": group})
    main_work(second, ind, draft, projects)
    for part in _MAIN_WORK_PARTS.values():
        part(second, ind)
    for paragraph in section_narratives(year, ind.snapshot):
        second.paragraph(paragraph)
    third = Section(_("3. Problems and shortcomings of %(group)s") % {"group": group})
    third.paragraphs(fill_figures(draft.problems, ind.values()), empty=not_written)
    fourth = Section(_("4. Work plan for %(year)s") % {"year": year + 1})
    fourth.paragraphs(fill_figures(draft.next_year_plan, ind.values()), empty=not_written)
    return AnnualSummary(
        year=year,
        group_name=group,
        title=_("%(year)s annual work summary") % {"year": year},
        indicators=ind,
        sections=[first, second, third, fourth],
        projects=projects,
        data_version=data_version_text(ind.snapshot),
        section_totals=totals,
    )
