"""The year's data for the national vocational-education-group platform (年度资料入库).

The platform collects the data category by category, one spreadsheet each. CATEGORIES below is
the ONE table that maps our records to those categories: the file name, the column headers the
platform expects and where each value comes from. When the platform changes its template, change
this table and nothing else. Headers are the platform's own (Chinese) field names, so they are
data, not interface text, and are not translated.

The group's own categories read the year's records (reports.records), the same rows the XLSX and
the summary show: a frozen year's from its snapshot. A category another app registers reads its
rows with rows(year); the freeze stores what it returned, so a frozen year's ZIP can be made again
whatever changes later.
"""

import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import translation

from core.spreadsheets import XlsxWriter
from members.models import Member
from partnerships.models import Participant, PlanTask, Project, ProjectClass, SharedResource

from .figures import year_indicators, year_snapshot
from .records import YearRecords, freeze_rows
from .selectors import data_version_text

ZIP_TYPE = "application/zip"


@dataclass(frozen=True)
class Category:
    """`rows(year)` reads the year's rows (a category another app registers: its rows are
    stored when the year is frozen); the group's own categories read the shared records
    instead (`records(year_records)`), which the freeze stores once for every file."""

    code: str
    title: str
    headers: list[str]
    rows: Callable[[int], Iterable[list[Any]]]
    records: Callable[[YearRecords], Iterable[list[Any]]] | None = None

    @property
    def filename(self) -> str:
        return f"{self.code}_{self.title}.xlsx"


def _labels(choices) -> dict[str, str]:
    return {value: str(label) for value, label in choices}


def _from_records(read: Callable[[YearRecords], Iterable[list[Any]]]):
    """A category's rows(year) for callers that only have the year."""

    def rows(year: int) -> Iterable[list[Any]]:
        return read(YearRecords(year, year_snapshot(year)))

    return rows


def _basic(records: YearRecords) -> Iterable[list[Any]]:
    for indicator in year_indicators(records.year).indicators:
        yield [indicator.code, indicator.name_zh, indicator.value]


def _members(records: YearRecords) -> Iterable[list[Any]]:
    kinds, roles = _labels(Member.Kind.choices), _labels(Member.GroupRole.choices)
    for m in records["members"]:
        yield [
            m["name"],
            m["credit_code"],
            kinds[m["kind"]],
            roles[m["group_role"]],
            m["region"],
            m["industry"],
            m["joined_on"],
        ]


def partners_text(project: dict, role: str | None = None) -> str:
    return "、".join(name for r, name in project["participants"] if role is None or r == role)


def _cooperation(records: YearRecords) -> Iterable[list[Any]]:
    kinds, statuses = _labels(Project.Kind.choices), _labels(Project.Status.choices)
    for p in records["projects"]:
        yield [
            p["title"],
            kinds[p["kind"]],
            statuses[p["status"]],
            p["signed_on"],
            p["starts_on"],
            p["ends_on"],
            p["students"],
            p["investment_cny"],
            partners_text(p),
        ]


def _of_kind(records: YearRecords, kinds: list[str]) -> list[dict]:
    return [p for p in records["projects"] if p["kind"] in kinds]


def _classes(records: YearRecords) -> Iterable[list[Any]]:
    kinds = _labels(Project.Kind.choices)
    order_kinds = [Project.Kind.ORDER_CLASS, Project.Kind.APPRENTICESHIP]
    for p in _of_kind(records, order_kinds):
        enterprise = partners_text(p, Participant.Role.ENTERPRISE)
        yield [p["title"], kinds[p["kind"]], enterprise, p["students"], p["signed_on"]]


def _internships(records: YearRecords) -> Iterable[list[Any]]:
    for p in _of_kind(records, [Project.Kind.INTERNSHIP]):
        enterprise = partners_text(p, Participant.Role.ENTERPRISE)
        yield [p["title"], enterprise, p["students"], p["starts_on"], p["ends_on"]]


def _enrollment(records: YearRecords) -> Iterable[list[Any]]:
    for i in records["enrollment"]:
        yield [i["programme"], i["year"], i["quota"], i["registered"], i["approved"], i["enrolled"]]


def _class_outcomes(records: YearRecords) -> Iterable[list[Any]]:
    bands = _labels(ProjectClass.SalaryBand.choices)
    for c in records["classes"]:
        yield [
            c["project"],
            c["name"],
            c["intake_year"],
            c["selected"],
            c["enrolled"],
            c["graduated"],
            c["employed_at_partner"],
            c["employed_elsewhere"],
            c["further_study"],
            bands.get(c["salary_band"], c["salary_band"]),
            c["origin_region"],
            c["from_origin_region"],
        ]


def _internship_pool(records: YearRecords) -> Iterable[list[Any]]:
    for o in records["internship_pool"]:
        yield [
            o["enterprise"],
            o["position"],
            o["places"],
            o["placed"],
            o["location"],
            o["starts_on"],
            o["ends_on"],
            o["allowance_cny"],
            o["rating_supervision"],
            o["rating_safety"],
            o["rating_learning"],
        ]


def _work_plan(records: YearRecords) -> Iterable[list[Any]]:
    statuses = _labels(PlanTask.Status.choices)
    for t in records["work_plan"]:
        yield [t["plan"], t["number"], t["title"], t["lead"], t["deadline"]] + [
            statuses[t["status"]],
            t["progress"],
        ]


def _shared_resources(records: YearRecords) -> Iterable[list[Any]]:
    kinds = _labels(SharedResource.Kind.choices)
    for r in records["shared_resources"]:
        yield [r["member"], kinds[r["kind"]], r["name"], r["location"]]


def _in_preparation(records: YearRecords) -> Iterable[list[Any]]:
    kinds, statuses = _labels(Project.Kind.choices), _labels(Project.Status.choices)
    for p in records["projects_in_preparation"]:
        yield [p["title"], kinds[p["kind"]], statuses[p["status"]], partners_text(p)]


def _own(code: str, title: str, headers: list[str], read) -> Category:
    return Category(code, title, headers, _from_records(read), read)


CATEGORIES: list[Category] = [
    _own("01", "集团基本情况", ["指标代码", "指标名称", "数值"], _basic),
    _own(
        "02",
        "成员单位",
        ["单位名称", "统一社会信用代码", "单位类型", "集团职务"]
        + ["所在地区", "所属行业", "加入时间"],
        _members,
    ),
    _own(
        "03",
        "校企合作项目",
        ["项目名称", "项目类型", "项目状态", "签约日期", "开始日期", "结束日期"]
        + ["参与学生数", "企业投入（元）", "合作单位"],
        _cooperation,
    ),
    _own(
        "04",
        "订单班与学徒制",
        ["班级名称", "培养形式", "合作企业", "学生数", "签约日期"],
        _classes,
    ),
    _own(
        "05",
        "学生岗位实习",
        ["实习项目", "实习企业", "实习学生数", "开始日期", "结束日期"],
        _internships,
    ),
    _own(
        "06",
        "非全日制招生",
        ["专业", "年度", "招生计划", "报名人数", "审核通过人数", "注册入学人数"],
        _enrollment,
    ),
    # 21-25 leave 07-20 to the categories other apps register (people, honours, events).
    _own(
        "21",
        "订单班培养成效",
        ["合作项目", "班级名称", "入学年份", "选拔人数", "在读人数", "毕业人数"]
        + ["合作企业就业人数", "其他单位就业人数", "升学人数", "典型月薪", "生源地"]
        + ["生源地学生数"],
        _class_outcomes,
    ),
    _own(
        "22",
        "岗位实习企业资源库",
        ["实习企业", "实习岗位", "岗位数", "本年安排学生数", "实习地点", "开始日期"]
        + ["结束日期", "月薪或补贴（元）", "指导评分", "安全评分", "学习评分"],
        _internship_pool,
    ),
    _own(
        "23",
        "年度工作计划进展",
        ["工作计划", "序号", "工作任务", "牵头单位", "完成时限", "进展状态", "进展情况"],
        _work_plan,
    ),
    _own("24", "共享资源", ["提供单位", "资源类型", "资源名称", "所在地点"], _shared_resources),
    _own(
        "25",
        "筹建中的合作项目",
        ["项目名称", "项目类型", "项目状态", "合作单位"],
        _in_preparation,
    ),
]


def register_category(category: Category) -> None:
    """Add an app's own category (from its AppConfig.ready()); registering a code again
    replaces it."""
    CATEGORIES[:] = [c for c in CATEGORIES if c.code != category.code] + [category]


def category_rows(category: Category, records: YearRecords) -> Iterable[list[Any]]:
    """The shared records for the group's own categories; for a registered one, the rows
    stored when the year was frozen, or its rows read now."""
    if category.records is not None:
        return category.records(records)
    frozen = records.frozen_part("national", category.code)
    return frozen if frozen is not None else category.rows(records.year)


def national_rows_to_freeze(year: int) -> dict[str, list]:
    """The registered categories' rows as they stand now (what a freeze stores)."""
    return {c.code: freeze_rows(c.rows(year)) for c in CATEGORIES if c.records is None}


def render_category(category: Category, year: int, records: YearRecords | None = None) -> bytes:
    records = records or YearRecords(year, year_snapshot(year))
    book = XlsxWriter()
    book.sheet(category.title, category.headers).extend(category_rows(category, records))
    return book.content()


def render_national_zip(year: int, records: YearRecords | None = None) -> bytes:
    """One XLSX per category, in a ZIP named for the year, ready to upload."""
    records = records or YearRecords(year, year_snapshot(year))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        # Where the figures come from, without adding a file the platform does not expect.
        with translation.override("zh-hans"):
            archive.comment = data_version_text(records.snapshot).encode()
        for category in CATEGORIES:
            content = render_category(category, year, records)
            archive.writestr(f"{year}/{category.filename}", content)
    return out.getvalue()


def render(summary) -> tuple[str, str, bytes]:
    """The exporters' shape: the national files of the summary's year, from its records."""
    content = render_national_zip(summary.year, summary.records)
    return f"annual-report-{summary.year}.zip", ZIP_TYPE, content
