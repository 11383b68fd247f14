"""The people figures reach the dashboard, the XLSX, the DOCX narrative, the national export and
open data, with nothing personal in open data."""

import io
import zipfile
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from partnerships.models import ProjectClass
from people.models import Role
from reports.exporters import render_docx, render_xlsx
from reports.national import render_national_zip
from reports.services import year_freeze
from reports.summary import build_summary
from tests.partnerships.factories import ProjectFactory

from .factories import EnterpriseFactory, PersonFactory, RoleFactory, SchoolFactory

pytestmark = pytest.mark.django_db
K = Role.Kind


@pytest.fixture
def year_2021(db):
    """3 interns at 艾尔玛 (2 covered), 1 engineer teaching 64 hours, 1 graduate hired."""
    school, aierma = SchoolFactory(), EnterpriseFactory(name="东莞市艾尔玛科技有限公司")
    for n in range(3):
        RoleFactory(
            person=PersonFactory(
                member=school,
                origin_region="云南巧家",
                from_pairing_area=True,
                full_name=f"实习生{n}",
            ),
            partner=aierma,
            starts_on=date(2021, 7, 1),
            agreement_on_file=n < 2,
            insurance_on_file=n < 2,
        )
    RoleFactory(
        person=PersonFactory(member=aierma, full_name="李工", phone="13812345678"),
        kind=K.PART_TIME_TEACHER,
        partner=school,
        starts_on=None,
        year=2021,
        term="autumn",
        hours=64,
        courses="注塑成型",
    )
    cohort = ProjectClass.objects.create(project=ProjectFactory(), name="艾尔玛模具制造181班")
    RoleFactory(
        person=PersonFactory(
            member=school, full_name="周发印", origin_region="云南巧家", from_pairing_area=True
        ),
        kind=K.GRADUATE,
        partner=aierma,
        starts_on=None,
        year=2021,
        outcome="employed",
        salary_band="6000_8000",
        project_class=cohort,
    )


def test_the_xlsx_indicators_sheet_has_the_people_codes(year_2021):
    book = load_workbook(io.BytesIO(render_xlsx(build_summary(2021))))
    rows = {r[0]: r[2] for r in book["indicators"].iter_rows(min_row=2, values_only=True)}
    assert rows["people_interns"] == 3
    assert rows["people_interns_covered"] == 2
    assert rows["people_part_time_teaching_hours"] == 64
    assert rows["people_graduates_hired_by_partners"] == 1


def test_the_docx_narrative_states_the_people(year_2021):
    document = Document(io.BytesIO(render_docx(build_summary(2021))))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "1 名企业工程师在成员学校兼职任教，共授课 64 课时" in text
    # 1 graduate, employed by a member: both shares 100.0
    assert "就业率 100.0%，成员企业录用比例 100.0%" in text
    tables = ["|".join(c.text for c in row.cells) for t in document.tables for row in t.rows]
    assert "云南巧家|4" in tables  # 3 interns and 周发印


def test_the_national_export_lists_the_people_categories(year_2021):
    archive = zipfile.ZipFile(io.BytesIO(render_national_zip(2021)))
    names = archive.namelist()
    assert "2021/07_企业兼职教师.xlsx" in names and "2021/11_学生生源地.xlsx" in names

    def rows(name):
        book = load_workbook(io.BytesIO(archive.read(f"2021/{name}")))
        return list(book.worksheets[0].iter_rows(values_only=True))

    assert rows("07_企业兼职教师.xlsx")[1][0] == "李工"
    assert rows("10_毕业生就业.xlsx")[1][1:] == ("艾尔玛模具制造181班", 1, 1, 1)
    assert rows("11_学生生源地.xlsx")[1] == ("云南巧家", 4)
    basic = {r[0]: r[2] for r in rows("01_集团基本情况.xlsx")[1:]}
    assert basic["people_interns"] == 3
    for category in names:  # graduates and students are counted, never named
        assert "周发印" not in str(rows(category.split("/", 1)[1]))


def test_open_data_has_the_figures_and_nothing_personal(year_2021, staff, api_client, client):
    year_freeze(year=2021, by=staff, reason="closed")
    response = api_client.get("/api/v1/open-data/years/2021/")
    assert response.json()["indicators"]["people_interns"] == 3
    for body in (response.content.decode(), client.get("/open-data/").content.decode()):
        assert "周发印" not in body and "李工" not in body and "13812345678" not in body


def test_the_dashboard_shows_the_people_card(year_2021, client_for, staff):
    body = client_for(staff).get("/staff/?year=2021").content.decode()
    assert 'data-testid="people-figures"' in body
