"""The annual report's files: XLSX (indicators and detail tables), DOCX and PDF (the summary).

Every exporter has one shape, `render(summary) -> (filename, mimetype, bytes)` (EXPORTERS, and
reports.national.render for the national platform's ZIP); render_xlsx, render_docx and render_pdf
return the bytes alone. The detail sheets read the summary's records (reports.records): a frozen
year's from its snapshot.
"""

import io
import logging
from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from core.spreadsheets import XLSX_TYPE, XlsxWriter
from members.models import Member
from partnerships.models import PlanTask, Project, ProjectClass, SharedResource

from . import national
from .records import YearRecords
from .summary import AnnualSummary

CJK_FONT_DOCX = "宋体"  # what Chinese secretariats' Word installations have
# WeasyPrint logs each layout step at INFO: nine lines per PDF in the worker's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"


class Rendered(NamedTuple):
    filename: str
    mimetype: str
    content: bytes


def _records(summary: AnnualSummary) -> YearRecords:
    return summary.records or YearRecords(summary.year, summary.indicators.snapshot)


def render_xlsx(summary: AnnualSummary) -> bytes:
    """Sheet `indicators` (code, name, value) as the contract says, then detail sheets."""
    year = summary.year
    records = _records(summary)
    book = XlsxWriter()
    sheet = book.sheet("indicators", ["code", "name", "value"])
    for indicator in summary.indicators.indicators:
        sheet.append([indicator.code, indicator.name, indicator.value])

    sheet = book.sheet("comparison", ["code", "name", str(year), str(year - 1), "change"])
    for i in summary.indicators.indicators:
        sheet.append([i.code, i.name, i.value, i.previous, i.change])

    book.sheet("data_version", ["key", "value"]).extend(_version_rows(summary))

    sheet = book.sheet("sections", ["section", "code", "name", "value"])
    for name, figures in summary.section_totals.items():
        for f in figures:
            sheet.append([name, f.code, f.label, _cell(f.value)])

    sheet = book.sheet("members_by_region", ["region", "members"])
    sheet.extend(summary.indicators.members_by_region)

    sheet = book.sheet(
        "members", ["name", "kind", "credit_code", "region", "industry", "joined_on", "left_on"]
    )
    kinds = labels(Member.Kind.choices)  # get_FOO_display() per row is slow on big sheets
    for m in records["members"]:
        sheet.append(
            [m["name"], kinds[m["kind"]], m["credit_code"], m["region"], m["industry"]]
            + [m["joined_on"], m["left_on"]]
        )
    _project_sheet(book, "projects", records["projects"])
    sheet = book.sheet(
        "enrollment", ["intake", "programme", "quota", "registered", "approved", "enrolled"]
    )
    for i in records["enrollment"]:
        sheet.append(
            [i["id"], i["programme"], i["quota"], i["registered"], i["approved"], i["enrolled"]]
        )
    for write in DETAIL_SHEETS:
        write(book, records)
    return book.content()


def _project_sheet(book: XlsxWriter, title: str, projects: list[dict]) -> None:
    sheet = book.sheet(
        title,
        ["title", "kind", "status", "signed_on", "starts_on", "ends_on", "students"]
        + ["investment_cny", "participants"],
    )
    kinds, statuses = labels(Project.Kind.choices), labels(Project.Status.choices)
    for p in projects:
        sheet.append(
            [p["title"], kinds[p["kind"]], statuses[p["status"]], p["signed_on"], p["starts_on"]]
            + [p["ends_on"], p["students"], p["investment_cny"], national.partners_text(p)]
        )


def _classes_sheet(book: XlsxWriter, records: YearRecords) -> None:
    columns = ["project", "name", "intake_year", "selected", "enrolled", "graduated"]
    columns += ["employed_at_partner", "employed_elsewhere", "further_study", "salary_band"]
    columns += ["origin_region", "from_origin_region"]
    sheet = book.sheet("classes", columns)
    bands = labels(ProjectClass.SalaryBand.choices)
    for row in records["classes"]:
        sheet.append([bands[row[c]] if c == "salary_band" else row[c] for c in columns])


def _internship_pool_sheet(book: XlsxWriter, records: YearRecords) -> None:
    columns = ["enterprise", "position", "places", "placed", "programmes", "location"]
    columns += ["starts_on", "ends_on", "allowance_cny", "rating_supervision"]
    columns += ["rating_safety", "rating_learning"]
    sheet = book.sheet("internship_pool", columns)
    sheet.extend([row[c] for c in columns] for row in records["internship_pool"])


def _work_plan_sheet(book: XlsxWriter, records: YearRecords) -> None:
    columns = ["plan", "number", "title", "lead", "deadline", "status", "progress"]
    statuses = labels(PlanTask.Status.choices)
    sheet = book.sheet("work_plan", columns)
    for row in records["work_plan"]:
        sheet.append([statuses[row[c]] if c == "status" else row[c] for c in columns])


def _shared_resources_sheet(book: XlsxWriter, records: YearRecords) -> None:
    kinds = labels(SharedResource.Kind.choices)
    sheet = book.sheet("shared_resources", ["member", "kind", "name", "location"])
    for row in records["shared_resources"]:
        sheet.append([row["member"], kinds[row["kind"]], row["name"], row["location"]])


def _in_preparation_sheet(book: XlsxWriter, records: YearRecords) -> None:
    _project_sheet(book, "projects_in_preparation", records["projects_in_preparation"])


DETAIL_SHEETS: list[Callable[[XlsxWriter, YearRecords], None]] = [
    _classes_sheet,
    _internship_pool_sheet,
    _work_plan_sheet,
    _shared_resources_sheet,
    _in_preparation_sheet,
]


def _version_rows(summary: AnnualSummary) -> list[tuple[str, str | int]]:
    snapshot = summary.indicators.snapshot
    rows = [("data_version", summary.data_version)]
    if snapshot is not None:
        frozen_at = timezone.localtime(snapshot.created_at).isoformat(timespec="seconds")
        rows += [
            ("version", snapshot.version),
            ("frozen_at", frozen_at),
            ("frozen_by", snapshot.created_by_name),
            ("reason", snapshot.reason),
        ]
    return rows


def _cell(value):
    """openpyxl writes Decimal as a number; anything else that is not a number as text."""
    return value if isinstance(value, int | Decimal) else str(value)


def labels(choices) -> dict[str, str]:
    return {value: str(label) for value, label in choices}


def _set_cjk_font(run_or_style, name: str = CJK_FONT_DOCX) -> None:
    element = run_or_style.element
    rpr = element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def render_docx(summary: AnnualSummary) -> bytes:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    _set_cjk_font(normal)
    for style_name in ("Title", "Heading 1", "Heading 2"):
        _set_cjk_font(document.styles[style_name])

    for text in (summary.group_name, summary.title):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = True
        run.font.size = Pt(18)
    if summary.data_version:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(summary.data_version).font.size = Pt(10)
    for section in summary.sections:
        document.add_heading(section.title, level=1)
        for block in section.blocks:
            if block.kind == "heading":
                document.add_heading(block.text, level=2)
            elif block.kind == "paragraph":
                paragraph = document.add_paragraph(block.text)
                paragraph.paragraph_format.first_line_indent = Pt(24)
            else:
                _docx_table(document, block.table.headers, block.table.rows)
    closing = document.add_paragraph(summary.group_name)
    closing.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_table(document, headers: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    document.add_paragraph()


def render_pdf(summary: AnnualSummary) -> bytes:
    from weasyprint import HTML  # imported late: loading pango takes a moment

    html = render_to_string(
        "reports/annual_report_pdf.html",
        {"summary": summary, "prepared_by": _("Secretariat")},
    )
    return HTML(string=html).write_pdf()


def _filename(summary: AnnualSummary, extension: str) -> str:
    return f"annual-report-{summary.year}.{extension}"


def xlsx_file(summary: AnnualSummary) -> Rendered:
    return Rendered(_filename(summary, "xlsx"), XLSX_TYPE, render_xlsx(summary))


def docx_file(summary: AnnualSummary) -> Rendered:
    return Rendered(_filename(summary, "docx"), DOCX_TYPE, render_docx(summary))


def pdf_file(summary: AnnualSummary) -> Rendered:
    return Rendered(_filename(summary, "pdf"), PDF_TYPE, render_pdf(summary))


def national_file(summary: AnnualSummary) -> Rendered:
    return Rendered(*national.render(summary))


# format -> render(summary) -> (filename, mimetype, bytes), in the order a job writes them.
EXPORTERS: dict[str, Callable[[AnnualSummary], Rendered]] = {
    "xlsx": xlsx_file,
    "docx": docx_file,
    "pdf": pdf_file,
    "zip": national_file,
}
