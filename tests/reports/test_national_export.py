"""The national platform's files (年度资料入库): one XLSX per category in a ZIP."""

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from enrollment.models import Application
from partnerships.models import Participant, Project
from reports.national import CATEGORIES, render_national_zip
from tests.factories import MemberFactory

from .factories import ApplicationFactory, IntakeFactory, ParticipantFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def sheets(year: int) -> dict[str, list[tuple]]:
    archive = zipfile.ZipFile(io.BytesIO(render_national_zip(year)))
    out = {}
    for name in archive.namelist():
        book = load_workbook(io.BytesIO(archive.read(name)))
        out[name] = list(book.worksheets[0].iter_rows(values_only=True))
    return out


def test_one_file_per_category_with_the_platforms_headers(django_assert_max_num_queries):
    # 20 for the group's own eleven categories (classes, the internship pool, the work plan,
    # shared resources and projects in preparation one query each, or two with participants),
    # six for the people app's categories and indicators (people/report.py), and one for the
    # events' indicators (file 01)
    with django_assert_max_num_queries(27):
        files = sheets(2021)
    assert list(files) == [f"2021/{c.filename}" for c in CATEGORIES]
    for category in CATEGORIES:
        assert files[f"2021/{category.filename}"][0] == tuple(category.headers)


def test_the_categories_hold_the_years_records():
    enterprise = MemberFactory(name="东莞市艾尔玛科技有限公司", joined_on=date(2015, 1, 1))
    MemberFactory(name="已退出的企业", joined_on=date(2015, 1, 1), left_on=date(2021, 6, 1))
    order_class = ProjectFactory(
        title="艾尔玛模具制造191班", signed_on=date(2021, 3, 10), students=35
    )
    ParticipantFactory(project=order_class, member=enterprise, role=Participant.Role.ENTERPRISE)
    internship = ProjectFactory(
        title="艾尔玛顶岗实习",
        kind=Project.Kind.INTERNSHIP,
        signed_on=date(2021, 6, 1),
        students=20,
        investment_cny=Decimal("0"),
    )
    ParticipantFactory(project=internship, member=enterprise, role=Participant.Role.ENTERPRISE)
    ProjectFactory(title="洽谈中", status=Project.Status.NEGOTIATING, signed_on=date(2021, 1, 1))
    intake = IntakeFactory(year=2021, programme="模具制造技术", quota=800)
    ApplicationFactory(intake=intake, status=Application.Status.APPROVED)
    ApplicationFactory(intake=intake, status=Application.Status.DRAFT, submitted_at=None)
    files = sheets(2021)

    members = files["2021/02_成员单位.xlsx"]
    assert [row[0] for row in members[1:]] == ["东莞市艾尔玛科技有限公司"]
    projects = [row[0] for row in files["2021/03_校企合作项目.xlsx"][1:]]
    assert sorted(projects) == ["艾尔玛模具制造191班", "艾尔玛顶岗实习"]
    classes = files["2021/04_订单班与学徒制.xlsx"]
    title, _form, partner, students, _signed = classes[1]
    assert (title, partner, students) == ("艾尔玛模具制造191班", "东莞市艾尔玛科技有限公司", 35)
    internships = files["2021/05_学生岗位实习.xlsx"]
    assert internships[1][:3] == ("艾尔玛顶岗实习", "东莞市艾尔玛科技有限公司", 20)
    enrollment = files["2021/06_非全日制招生.xlsx"]
    assert enrollment[1] == ("模具制造技术", 2021, 800, 1, 1, 0)
    basic = {row[0]: row[2] for row in files["2021/01_集团基本情况.xlsx"][1:]}
    assert basic["members_total"] == 1
    assert basic["students_internship"] == 20
