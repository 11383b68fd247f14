"""The annual work summary's content, shaped like the group's own (seed 000).

One structure (sections of headings, paragraphs and tables) feeds the DOCX and the PDF, so the two
documents always say the same thing. The figures come from reports.figures and the detail rows from
reports.records: a frozen year's summary reads both from its snapshot, so it says the same thing
whatever changes in the live records afterwards.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.branding import group_name
from partnerships.models import PlanTask, Project, ProjectClass, SharedResource

from .figures import latest_snapshots, year_indicators
from .indicators import AnnualIndicators, Number
from .models import ReportDraft
from .records import Row, YearRecords
from .selectors import Figure, data_version_text, section_figures
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

    def numbered_heading(self, template: str) -> None:
        """A heading numbered after the headings before it: template holds %(number)s."""
        number = sum(1 for block in self.blocks if block.kind == "heading") + 1
        self.heading(template % {"number": number})


@dataclass
class AnnualSummary:
    year: int
    group_name: str
    title: str
    indicators: AnnualIndicators
    sections: list[Section]
    projects: list[Row]  # the records of the projects that count for the year
    # Where the figures come from: "Data version v2, frozen on ..." for a frozen year.
    data_version: str = ""
    # Totals of the sections registered in reports.snapshots, from the year's snapshot.
    section_totals: dict[str, list[Figure]] = field(default_factory=dict)
    # The detail rows the XLSX, the narrative and the national files share (reports.records).
    records: YearRecords | None = None


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


def sentence_gap() -> str:
    """Between two sentences of one paragraph: Chinese runs them on, English has a space."""
    return "" if (translation.get_language() or "").startswith("zh") else " "


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


def project_sentence(project: Row) -> str:
    parts = []
    if project["signed_on"]:
        parts.append(_("signed on %(date)s") % {"date": date_format(project["signed_on"])})
    partners = "、".join(name for _role, name in project["participants"])
    if partners:
        parts.append(_("with %(partners)s") % {"partners": partners})
    if project["students"]:
        parts.append(_("%(count)s students") % {"count": project["students"]})
    if project["investment_cny"]:
        parts.append(
            _("%(amount)s of equipment and funds brought in")
            % {"amount": money_text(project["investment_cny"])}
        )
    details = _("; ").join(parts)
    title = project["title"]
    return f"{title}：{details}。" if details else f"{title}。"


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
    section: Section, ind: AnnualIndicators, draft: ReportDraft, records: YearRecords
) -> None:
    v = ind.values()
    projects = records["projects"]
    section.paragraphs(fill_figures(draft.main_work, v))
    labels = dict(Project.Kind.choices)
    by_kind = [(k, [p for p in projects if p["kind"] == k]) for k in Project.Kind.values]
    by_kind = [(k, of_kind) for k, of_kind in by_kind if of_kind]
    for number, (kind, of_kind) in enumerate(by_kind, start=1):
        section.heading(
            _("%(number)s. %(kind)s (%(count)s)")
            % {"number": number, "kind": labels[kind], "count": len(of_kind)}
        )
        largest = sorted(of_kind, key=lambda p: (-p["investment_cny"], -p["students"], p["title"]))
        for project in largest[:LISTED_PER_KIND]:
            section.paragraph(project_sentence(project))
        if len(of_kind) > LISTED_PER_KIND:
            section.paragraph(
                _("Another %(count)s projects of this kind are listed in the XLSX workbook.")
                % {"count": len(of_kind) - LISTED_PER_KIND}
            )
    if not projects:
        section.paragraph(_("No cooperation project counts for this year yet."))
    class_outcomes(section, records["classes"])
    internship_pool(section, records["internship_pool"])
    in_preparation(section, records["projects_in_preparation"])
    shared_resources(section, records["shared_resources"])
    work_plan_progress(section, records["work_plan"])
    section.numbered_heading(_("%(number)s. Part-time enrollment"))
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
                number_text(sum(p["students"] for p in of_kind)),
                money_text(sum((p["investment_cny"] for p in of_kind), Decimal(0))),
            ]
            for kind, of_kind in by_kind
        ]
        section.add_table([_("Kind"), _("Projects"), _("Students"), _("Investment")], rows)


# The parts of "main work" on what the group's own records hold besides the projects, written
# as the group's summary writes them (seed 000): each heading only when there is something to say.


def class_sentence(row: Row, bands: dict[str, str]) -> str:
    parts = [
        _("%(selected)s students selected, %(enrolled)s enrolled")
        % {"selected": row["selected"], "enrolled": row["enrolled"]}
    ]
    if row["from_origin_region"] and row["origin_region"]:
        parts.append(
            _("%(count)s of them from %(region)s")
            % {"count": row["from_origin_region"], "region": row["origin_region"]}
        )
    if row["graduated"]:
        parts.append(
            _(
                "%(graduated)s graduated: %(partner)s employed at the partner enterprise, "
                "%(elsewhere)s elsewhere, %(study)s in further study"
            )
            % {
                "graduated": row["graduated"],
                "partner": row["employed_at_partner"],
                "elsewhere": row["employed_elsewhere"],
                "study": row["further_study"],
            }
        )
    if row["salary_band"]:
        parts.append(_("typical salary %(band)s") % {"band": bands[row["salary_band"]]})
    name = row["name"] if row["name"] == row["project"] else f"{row['name']}（{row['project']}）"
    return f"{name}：{_('; ').join(parts)}。"


def class_outcomes(section: Section, rows: list[Row]) -> None:
    if not rows:
        return
    section.numbered_heading(_("%(number)s. Order classes and their graduates"))
    graduated = sum(r["graduated"] for r in rows)
    text = _(
        "%(classes)s classes studied with partner enterprises, %(students)s students enrolled."
    )
    text %= {"classes": len(rows), "students": sum(r["enrolled"] for r in rows)}
    if graduated:
        employed = sum(r["employed_at_partner"] + r["employed_elsewhere"] for r in rows)
        text += sentence_gap() + _(
            "%(graduated)s graduated, %(employed)s of them employed and %(partner)s at the "
            "partner enterprises."
        ) % {
            "graduated": graduated,
            "employed": employed,
            "partner": sum(r["employed_at_partner"] for r in rows),
        }
    section.paragraph(text)
    bands = {value: str(label) for value, label in ProjectClass.SalaryBand.choices}
    largest = sorted(rows, key=lambda r: (-max(r["selected"], r["enrolled"]), r["name"]))
    for row in largest[:LISTED_PER_KIND]:
        section.paragraph(class_sentence(row, bands))
    by_band: dict[str, list[int]] = {}
    for row in rows:
        counts = by_band.setdefault(row["salary_band"], [0, 0])
        counts[0] += 1
        counts[1] += row["graduated"]
    if any(band for band in by_band):
        section.add_table(
            [_("Typical monthly salary"), _("Classes"), _("Graduates")],
            [
                [bands[band], number_text(n), number_text(g)]
                for band, (n, g) in sorted(by_band.items(), key=lambda item: item[0] == "")
            ],
        )


def _average(rows: list[Row], key: str) -> str:
    """The mean of the offers' ratings, weighted by the placements rated."""
    rated = [(r[key], r[f"{key}_count"]) for r in rows if r[key] is not None]
    count = sum(n for _rating, n in rated)
    if not count:
        return "—"
    return str((sum(v * n for v, n in rated) / count).quantize(Decimal("0.1")))


def internship_pool(section: Section, rows: list[Row]) -> None:
    if not rows:
        return
    section.numbered_heading(_("%(number)s. Internship pool"))
    section.paragraph(
        _(
            "The internship pool offered %(places)s places in %(offers)s positions at "
            "%(enterprises)s enterprises; schools placed %(placed)s students during the year."
        )
        % {
            "places": number_text(sum(r["places"] for r in rows)),
            "offers": len(rows),
            "enterprises": len({r["enterprise"] for r in rows}),
            "placed": number_text(sum(r["placed"] for r in rows)),
        }
    )
    if any(r["rating_supervision_count"] for r in rows):
        section.paragraph(
            _(
                "Schools rated the placements %(supervision)s for supervision, %(safety)s for "
                "safety and %(learning)s for learning (out of 5)."
            )
            % {
                "supervision": _average(rows, "rating_supervision"),
                "safety": _average(rows, "rating_safety"),
                "learning": _average(rows, "rating_learning"),
            }
        )


def in_preparation(section: Section, rows: list[Row]) -> None:
    if not rows:
        return
    section.numbered_heading(_("%(number)s. Cooperation in preparation"))
    named = []
    for row in rows[:LISTED_PER_KIND]:
        partners = "、".join(name for _role, name in row["participants"])
        named.append(f"{row['title']}（{partners}）" if partners else row["title"])
    section.paragraph(
        _("%(count)s projects are being prepared or negotiated: %(projects)s.")
        % {"count": len(rows), "projects": "、".join(named)}
    )


def shared_resources(section: Section, rows: list[Row]) -> None:
    if not rows:
        return
    section.numbered_heading(_("%(number)s. Shared resources"))
    kinds = {value: str(label) for value, label in SharedResource.Kind.choices}
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["kind"]] = counts.get(row["kind"], 0) + 1
    section.paragraph(
        _("Members share %(count)s resources with the group (%(kinds)s): %(names)s.")
        % {
            "count": len(rows),
            "kinds": "、".join(
                _("%(kind)s %(count)s") % {"kind": kinds[k], "count": n} for k, n in counts.items()
            ),
            "names": "、".join(f"{r['name']}（{r['member']}）" for r in rows[:LISTED_PER_KIND]),
        }
    )


def work_plan_progress(section: Section, rows: list[Row]) -> None:
    if not rows:
        return
    section.numbered_heading(_("%(number)s. Progress of the work plan"))
    status = {s: sum(1 for r in rows if r["status"] == s) for s in PlanTask.Status.values}
    section.paragraph(
        _(
            "Of the %(total)s tasks of the year's work plan, %(done)s are done, %(running)s "
            "in progress and %(waiting)s not started."
        )
        % {
            "total": len(rows),
            "done": status[PlanTask.Status.DONE],
            "running": status[PlanTask.Status.IN_PROGRESS],
            "waiting": status[PlanTask.Status.NOT_STARTED],
        }
    )
    labels = {value: str(label) for value, label in PlanTask.Status.choices}
    section.add_table(
        [_("No."), _("Task"), _("Lead member"), _("Status")],
        [[str(r["number"]), r["title"], r["lead"] or "—", labels[r["status"]]] for r in rows],
        numeric_from=4,
    )


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


def _main_work_parts(section: Section, ind: AnnualIndicators, records: YearRecords) -> None:
    """The registered parts: as the freeze stored them in this language, or written now."""
    language = translation.get_language()
    for name, part in _MAIN_WORK_PARTS.items():
        frozen = records.frozen_part("main_work", name) or {}
        if language in frozen:
            section.blocks += [block_from_json(block) for block in frozen[language]]
        else:
            part(section, ind)


def block_to_json(block: Block) -> dict:
    table = block.table
    return {
        "kind": block.kind,
        "text": block.text,
        "table": [table.headers, table.rows, table.numeric_from] if table else None,
    }


def block_from_json(data: dict) -> Block:
    table = Table(*data["table"]) if data["table"] else None
    return Block(data["kind"], data["text"], table)


def main_work_parts_to_freeze(year: int) -> dict[str, dict[str, list[dict]]]:
    """What each registered part writes now, in every language of the portal (what a freeze
    stores: the parts read their apps' live records)."""
    records = YearRecords(year)
    draft = ReportDraft.objects.filter(year=year).first() or ReportDraft(year=year)
    before = latest_snapshots([year - 1])  # the year itself is read live
    frozen: dict[str, dict[str, list[dict]]] = {name: {} for name in _MAIN_WORK_PARTS}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            ind = year_indicators(year, snapshots=before)
            section = Section("")
            main_work(section, ind, draft, records)
            for name, part in _MAIN_WORK_PARTS.items():
                start = len(section.blocks)
                part(section, ind)
                frozen[name][language] = [block_to_json(b) for b in section.blocks[start:]]
    return frozen


def build_summary(year: int) -> AnnualSummary:
    """The whole summary for a year, in the active language."""
    group = group_name()
    draft = ReportDraft.objects.filter(year=year).first() or ReportDraft(year=year)
    ind = year_indicators(year)
    records = YearRecords(year, ind.snapshot)
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
    main_work(second, ind, draft, records)
    _main_work_parts(second, ind, records)
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
        projects=records["projects"],
        data_version=data_version_text(ind.snapshot),
        section_totals=totals,
        records=records,
    )
