"""A frozen year's files are made again the same after the live records change (issue 18 item 4),
and what the portal holds besides the projects reaches them (item 5).

The formats embed the time they were written (XLSX and DOCX properties, ZIP entry times, the PDF's
creation date), so the files are compared cell for cell and text for text, read back with
openpyxl, python-docx and poppler's pdftotext.
"""

import io
import subprocess
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from docx import Document
from openpyxl import load_workbook

from enrollment.models import Application
from members.models import Member
from partnerships.models import (
    Participant,
    Placement,
    PlanTask,
    Project,
    ProjectClass,
    SharedResource,
)
from reports import national
from reports import summary as summary_module
from reports.exporters import EXPORTERS, render_docx, render_pdf, render_xlsx
from reports.national import Category, register_category, render_national_zip
from reports.services import year_freeze
from reports.summary import build_summary, register_main_work_part
from tests.factories import MemberFactory, StaffFactory
from tests.partnerships.factories import OfferFactory, PlanTaskFactory, WorkPlanFactory

from .factories import ApplicationFactory, IntakeFactory, ParticipantFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2021():
    """A small group of 2021 with a record of every kind the report shows."""
    school = MemberFactory(
        name="东莞市机电工程学校",
        kind=Member.Kind.VOCATIONAL_SCHOOL,
        region="东莞市长安镇",
        joined_on=date(2015, 1, 1),
    )
    enterprise = MemberFactory(
        name="东莞市艾尔玛科技有限公司", region="东莞市长安镇", joined_on=date(2015, 1, 1)
    )
    project = ProjectFactory(
        title="艾尔玛模具制造191班",
        signed_on=date(2021, 3, 10),
        students=35,
        investment_cny=Decimal("200000"),
    )
    ParticipantFactory(project=project, member=enterprise, role=Participant.Role.ENTERPRISE)
    ParticipantFactory(project=project, member=school, role=Participant.Role.SCHOOL)
    ProjectClass.objects.create(
        project=project,
        name="艾尔玛模具制造191班",
        intake_year=2019,
        selected=35,
        enrolled=31,
        graduated=30,
        origin_region="云南巧家",
        from_origin_region=25,
        employed_at_partner=20,
        employed_elsewhere=6,
        further_study=2,
        salary_band=ProjectClass.SalaryBand.FROM_6000,
    )
    offer = OfferFactory(
        member=enterprise,
        position="注塑技术员",
        places=20,
        starts_on=date(2021, 3, 1),
        ends_on=date(2021, 8, 31),
    )
    Placement.objects.create(
        offer=offer,
        school=school,
        students=12,
        placed_on=date(2021, 3, 5),
        rating_supervision=5,
        rating_safety=4,
        rating_learning=3,
    )
    Placement.objects.create(
        offer=offer,
        school=school,
        students=8,
        placed_on=date(2021, 4, 5),
        rating_supervision=4,
        rating_safety=4,
        rating_learning=4,
    )
    plan = WorkPlanFactory(year=2021, title="2021年度工作计划")
    PlanTaskFactory(plan=plan, number=1, title="筹建模具产业学院", lead=school)
    PlanTaskFactory(
        plan=plan, number=2, title="完善岗位实习企业资源库", status=PlanTask.Status.DONE
    )
    SharedResource.objects.create(
        member=school,
        kind=SharedResource.Kind.TRAINING_BASE,
        name="模具实训中心",
        location="东莞市长安镇",
        contact_name="王老师",
    )
    talks = ProjectFactory(
        title="捷荣模具产业学院",
        kind=Project.Kind.INDUSTRY_COLLEGE,
        status=Project.Status.NEGOTIATING,
    )
    ParticipantFactory(project=talks, member=enterprise, role=Participant.Role.ENTERPRISE)
    Project.objects.filter(pk=talks.pk).update(created_at="2021-10-01T08:00:00+08:00")
    intake = IntakeFactory(year=2021, programme="模具制造技术", quota=800)
    ApplicationFactory(intake=intake, status=Application.Status.APPROVED)
    return {"school": school, "enterprise": enterprise, "project": project, "plan": plan}


def change_everything(records) -> None:
    """Edit a member, a project, a class, a task and a resource; add one of each."""
    Member.objects.filter(pk=records["enterprise"].pk).update(
        name="艾尔玛科技改名后", region="东莞市虎门镇"
    )
    Project.objects.filter(pk=records["project"].pk).update(
        title="改过名的项目", students=99, investment_cny=Decimal("1")
    )
    ProjectClass.objects.update(graduated=31, employed_at_partner=31, salary_band="ge8000")
    PlanTask.objects.update(status=PlanTask.Status.DONE, progress="都做完了")
    SharedResource.objects.update(name="改过名的实训中心")
    newcomer = MemberFactory(name="新加入的企业", joined_on=date(2021, 5, 1))
    added = ProjectFactory(title="后来补录的项目", signed_on=date(2021, 5, 1), students=7)
    ParticipantFactory(project=added, member=newcomer)
    ProjectClass.objects.create(project=added, name="后来补录的班", selected=7, enrolled=7)
    OfferFactory(member=newcomer, starts_on=date(2021, 1, 1), ends_on=date(2021, 12, 31))
    PlanTaskFactory(plan=records["plan"], number=3, title="后来补录的任务")
    SharedResource.objects.create(
        member=newcomer, kind=SharedResource.Kind.EQUIPMENT, name="新设备", contact_name="张工"
    )
    ApplicationFactory(intake=Application.objects.first().intake)


def xlsx_cells(content: bytes) -> dict[str, list[tuple]]:
    book = load_workbook(io.BytesIO(content))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def docx_text(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += ["|".join(cell.text for cell in row.cells) for row in table.rows]
    return lines


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def zip_cells(content: bytes) -> dict:
    archive = zipfile.ZipFile(io.BytesIO(content))
    files = {name: xlsx_cells(archive.read(name)) for name in archive.namelist()}
    return {"comment": archive.comment, "files": files}


def all_files(tmp_path) -> dict:
    with translation.override("zh-hans"):
        summary = build_summary(2021)
        return {
            "xlsx": xlsx_cells(render_xlsx(summary)),
            "docx": docx_text(render_docx(summary)),
            "pdf": pdf_text(render_pdf(summary), tmp_path),
            "zip": zip_cells(render_national_zip(2021)),
        }


def test_a_frozen_years_files_stay_the_same_when_the_live_records_change(year_2021, tmp_path):
    year_freeze(year=2021, by=StaffFactory(), reason="数据征集结束")
    before = all_files(tmp_path)
    change_everything(year_2021)
    after = all_files(tmp_path)
    for fmt in ("xlsx", "docx", "pdf", "zip"):
        assert after[fmt] == before[fmt], fmt
    # The comparison is not vacuous: the files hold the records as they were frozen.
    assert ("东莞市长安镇", 2) in before["xlsx"]["members_by_region"]
    assert any("艾尔玛模具制造191班" in line for line in before["docx"])
    assert "后来补录" not in before["pdf"] and "改过名" not in before["pdf"]


def test_a_year_not_frozen_reads_the_records_as_they_are_now(year_2021, tmp_path):
    before = all_files(tmp_path)
    change_everything(year_2021)
    after = all_files(tmp_path)
    members = [row[0] for row in after["xlsx"]["members"][1:]]
    assert "新加入的企业" in members and "艾尔玛科技改名后" in members
    assert any("后来补录的项目" in line for line in after["docx"])
    assert "后来补录的项目" in after["pdf"]
    assert after["zip"]["files"] != before["zip"]["files"]


def test_a_correction_freezes_the_records_as_they_stand_then(year_2021):
    staff = StaffFactory()
    year_freeze(year=2021, by=staff, reason="数据征集结束")
    change_everything(year_2021)
    year_freeze(year=2021, by=staff, reason="补录一个项目")
    with translation.override("zh-hans"):
        cells = xlsx_cells(render_xlsx(build_summary(2021)))
    assert "后来补录的项目" in [row[0] for row in cells["projects"][1:]]


def test_registered_categories_and_summary_parts_are_frozen_with_the_year(
    year_2021, monkeypatch, tmp_path
):
    """What another app registers (people, honours) reads its own records live; the freeze
    keeps what it wrote, in every language."""
    monkeypatch.setattr(national, "CATEGORIES", list(national.CATEGORIES))
    monkeypatch.setattr(summary_module, "_MAIN_WORK_PARTS", dict(summary_module._MAIN_WORK_PARTS))

    def names(year):
        return [[m.name] for m in Member.objects.order_by("name")]

    def part(section, ind):
        section.heading("成员名单")
        section.paragraph("、".join(m.name for m in Member.objects.order_by("name")))

    register_category(Category("99", "成员名单", ["单位名称"], names))
    register_main_work_part("test_members", part)
    year_freeze(year=2021, by=StaffFactory(), reason="数据征集结束")
    before = all_files(tmp_path)
    change_everything(year_2021)
    after = all_files(tmp_path)
    assert after["zip"] == before["zip"]
    assert after["docx"] == before["docx"]
    listed = before["zip"]["files"]["2021/99_成员名单.xlsx"]["成员名单"]
    assert listed == [("单位名称",), ("东莞市机电工程学校",), ("东莞市艾尔玛科技有限公司",)]
    with translation.override("en"):
        english = docx_text(render_docx(build_summary(2021)))
    assert "东莞市机电工程学校、东莞市艾尔玛科技有限公司" in english


# --- item 5: everything the portal holds reaches the report


def test_the_workbook_has_a_sheet_for_each_kind_of_record(year_2021):
    with translation.override("zh-hans"):
        cells = xlsx_cells(render_xlsx(build_summary(2021)))
    assert cells["classes"][1] == (
        "艾尔玛模具制造191班",
        "艾尔玛模具制造191班",
        2019,
        35,
        31,
        30,
        20,
        6,
        2,
        "月薪 6000–8000 元",
        "云南巧家",
        25,
    )
    pool = dict(zip(cells["internship_pool"][0], cells["internship_pool"][1], strict=True))
    # 12 + 8 placed; ratings (5 + 4) / 2, (4 + 4) / 2, (3 + 4) / 2
    assert (pool["places"], pool["placed"]) == (20, 20)
    assert (pool["rating_supervision"], pool["rating_safety"], pool["rating_learning"]) == (
        4.5,
        4,
        3.5,
    )
    assert [row[2] for row in cells["work_plan"][1:]] == [
        "筹建模具产业学院",
        "完善岗位实习企业资源库",
    ]
    assert [row[5] for row in cells["work_plan"][1:]] == ["未开始", "已完成"]
    assert cells["shared_resources"][1] == (
        "东莞市机电工程学校",
        "实训基地",
        "模具实训中心",
        "东莞市长安镇",
    )
    preparing = cells["projects_in_preparation"][1]
    assert (preparing[0], preparing[-1]) == ("捷荣模具产业学院", "东莞市艾尔玛科技有限公司")
    assert "捷荣模具产业学院" not in [row[0] for row in cells["projects"][1:]]


def test_the_summary_tells_what_the_records_hold_in_the_groups_words(year_2021):
    with translation.override("zh-hans"):
        text = "\n".join(docx_text(render_docx(build_summary(2021))))
    # 20 at the partner and 6 elsewhere: 26 employed
    assert "在读学生 31 名。毕业 30 名，已就业 26 名，其中 20 名在合作企业就业。" in text
    assert "艾尔玛模具制造191班：选拔 35 名学生，在读 31 名；其中 25 名来自云南巧家" in text
    assert "毕业 30 名，其中合作企业就业 20 名、其他单位就业 6 名、升学 2 名" in text
    assert "1 家企业提供 1 个实习岗位、20 个实习名额；本年度各学校安排 20 名学生岗位实习" in text
    assert "实习指导 4.5 分，安全保障 4.0 分，学习收获 3.5 分" in text
    assert "正在筹建或洽谈的合作项目 1 个：捷荣模具产业学院（东莞市艾尔玛科技有限公司）" in text
    assert "共享资源 1 项（实训基地 1 项），包括模具实训中心（东莞市机电工程学校）" in text
    assert "年度工作计划共 2 项任务，已完成 1 项，推进中 0 项，未启动 1 项" in text


def test_the_national_files_map_the_new_records(year_2021):
    files = {
        name: next(iter(sheets.values()))
        for name, sheets in zip_cells(render_national_zip(2021))["files"].items()
    }
    classes = files["2021/21_订单班培养成效.xlsx"]
    assert classes[1][:6] == ("艾尔玛模具制造191班", "艾尔玛模具制造191班", 2019, 35, 31, 30)
    pool = files["2021/22_岗位实习企业资源库.xlsx"]
    assert pool[1][:4] == ("东莞市艾尔玛科技有限公司", "注塑技术员", 20, 20)
    plan = files["2021/23_年度工作计划进展.xlsx"]
    assert [row[1] for row in plan[1:]] == [1, 2]
    resources = files["2021/24_共享资源.xlsx"]
    assert resources[1][2] == "模具实训中心"
    preparing = files["2021/25_筹建中的合作项目.xlsx"]
    assert preparing[1][0] == "捷荣模具产业学院"


def test_every_exporter_answers_a_filename_a_type_and_the_bytes(year_2021):
    summary = build_summary(2021)
    expected = {
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf": "application/pdf",
        "zip": "application/zip",
    }
    for fmt, render in EXPORTERS.items():
        filename, mimetype, content = render(summary)
        assert (filename, mimetype) == (f"annual-report-2021.{fmt}", expected[fmt])
        assert content[:4] == (b"%PDF" if fmt == "pdf" else b"PK\x03\x04")


def test_an_apps_own_record_set_is_frozen_with_the_year(year_2021, monkeypatch):
    from reports import records as records_module
    from reports.figures import year_snapshot
    from reports.records import YearRecords, register_records

    monkeypatch.setattr(records_module, "_RECORD_SETS", dict(records_module._RECORD_SETS))

    def joined(year):
        return [
            {"name": m.name, "joined_on": m.joined_on}
            for m in Member.objects.filter(joined_on__year__lte=year).order_by("name")
        ]

    register_records("joined", joined)
    year_freeze(year=2021, by=StaffFactory(), reason="数据征集结束")
    change_everything(year_2021)
    frozen = YearRecords(2021, year_snapshot(2021))["joined"]
    assert frozen == [
        {"name": "东莞市机电工程学校", "joined_on": date(2015, 1, 1)},
        {"name": "东莞市艾尔玛科技有限公司", "joined_on": date(2015, 1, 1)},
    ]
    assert len(YearRecords(2021)["joined"]) == 3  # live: the newcomer joined in May 2021
