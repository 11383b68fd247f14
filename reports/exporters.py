"""The annual report's files: XLSX (indicators and detail tables), DOCX and PDF (the summary).

Each renderer takes the AnnualSummary of reports.summary and returns the file's bytes.
"""

import io
import logging
from decimal import Decimal

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from enrollment.models import Application
from members.models import Member
from partnerships.models import Project
from vetgroup.spreadsheets import XlsxWriter

from .indicators import application_approved, application_registered_for, member_at_end_of
from .summary import AnnualSummary

CJK_FONT_DOCX = "宋体"  # what Chinese secretariats' Word installations have
# WeasyPrint logs each layout step at INFO: nine lines per PDF in the worker's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def render_xlsx(summary: AnnualSummary) -> bytes:
    """Sheet `indicators` (code, name, value) as the contract says, then detail sheets."""
    year = summary.year
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
    members = Member.objects.filter(member_at_end_of(year)).order_by("kind", "name")
    kinds = labels(Member.Kind.choices)  # get_FOO_display() per row is slow on big sheets
    for m in members.iterator(chunk_size=2000):
        sheet.append(
            [m.name, kinds[m.kind], m.credit_code or "", m.region, m.industry]
            + [m.joined_on, m.left_on]
        )

    sheet = book.sheet(
        "projects",
        ["title", "kind", "status", "signed_on", "starts_on", "ends_on", "students"]
        + ["investment_cny", "participants"],
    )
    kinds, statuses = labels(Project.Kind.choices), labels(Project.Status.choices)
    for p in summary.projects:
        partners = "、".join(x.member.name for x in p.participants.all())
        sheet.append(
            [p.title, kinds[p.kind], statuses[p.status], p.signed_on, p.starts_on]
            + [p.ends_on, p.students, p.investment_cny, partners]
        )

    sheet = book.sheet(
        "enrollment", ["intake", "programme", "quota", "registered", "approved", "enrolled"]
    )
    rows = (
        Application.objects.filter(application_registered_for(year))
        .values_list("intake_id", "intake__programme", "intake__quota")
        .annotate(
            registered=Count("id"),
            approved=Count("id", filter=application_approved()),
            enrolled=Count("id", filter=Q(status=Application.Status.ENROLLED)),
        )
        .order_by("intake__programme", "intake_id")
    )
    sheet.extend(rows)
    return book.content()


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
