"""The year's data for the national vocational-education-group platform (年度资料入库).

The platform collects the data category by category, one spreadsheet each. CATEGORIES below is
the ONE table that maps our records to those categories: the file name, the column headers the
platform expects and where each value comes from. When the platform changes its template, change
this table and nothing else. Headers are the platform's own (Chinese) field names, so they are
data, not interface text, and are not translated.

Every category reads its rows in a fixed number of queries (rows come from reports.indicators'
rules, so these files, the summary and the dashboard count the same records).
"""

import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.utils import translation

from enrollment.models import Application, Intake
from members.models import Member
from partnerships.models import Participant, Project
from vetgroup.spreadsheets import XlsxWriter

from .indicators import application_registered_for, member_at_end_of, project_counts_for
from .selectors import data_version_text, year_indicators, year_snapshot


@dataclass(frozen=True)
class Category:
    code: str
    title: str
    headers: list[str]
    rows: Callable[[int], Iterable[list[Any]]]

    @property
    def filename(self) -> str:
        return f"{self.code}_{self.title}.xlsx"


def _labels(choices) -> dict[str, str]:
    return {value: str(label) for value, label in choices}


def _basic(year: int) -> Iterable[list[Any]]:
    for indicator in year_indicators(year).indicators:
        yield [indicator.code, indicator.name_zh, indicator.value]


def _members(year: int) -> Iterable[list[Any]]:
    kinds, roles = _labels(Member.Kind.choices), _labels(Member.GroupRole.choices)
    members = Member.objects.filter(member_at_end_of(year)).order_by("kind", "name")
    for m in members.iterator(chunk_size=2000):
        yield [
            m.name,
            m.credit_code or "",
            kinds[m.kind],
            roles[m.group_role],
            m.region,
            m.industry,
            m.joined_on,
        ]


def _projects(year: int, kinds: list[str] | None = None):
    participants = Participant.objects.select_related("member").order_by("role", "member__name")
    projects = Project.objects.filter(project_counts_for(year))
    if kinds:
        projects = projects.filter(kind__in=kinds)
    return projects.prefetch_related(Prefetch("participants", queryset=participants)).order_by(
        "kind", "signed_on", "title"
    )


def _partners(project: Project, role: str | None = None) -> str:
    return "、".join(
        p.member.name for p in project.participants.all() if role is None or p.role == role
    )


def _cooperation(year: int) -> Iterable[list[Any]]:
    kinds, statuses = _labels(Project.Kind.choices), _labels(Project.Status.choices)
    for p in _projects(year):
        yield [
            p.title,
            kinds[p.kind],
            statuses[p.status],
            p.signed_on,
            p.starts_on,
            p.ends_on,
            p.students,
            p.investment_cny,
            _partners(p),
        ]


def _classes(year: int) -> Iterable[list[Any]]:
    kinds = _labels(Project.Kind.choices)
    order_kinds = [Project.Kind.ORDER_CLASS, Project.Kind.APPRENTICESHIP]
    for p in _projects(year, order_kinds):
        enterprise = _partners(p, Participant.Role.ENTERPRISE)
        yield [p.title, kinds[p.kind], enterprise, p.students, p.signed_on]


def _internships(year: int) -> Iterable[list[Any]]:
    for p in _projects(year, [Project.Kind.INTERNSHIP]):
        enterprise = _partners(p, Participant.Role.ENTERPRISE)
        yield [p.title, enterprise, p.students, p.starts_on, p.ends_on]


def _enrollment(year: int) -> Iterable[list[Any]]:
    registered = Q(applications__in=Application.objects.filter(application_registered_for(year)))
    approved = registered & Q(applications__status__in=Application.COUNTING_FOR_QUOTA)
    intakes = (
        Intake.objects.filter(year=year)
        .annotate(
            n_registered=Count("applications", filter=registered),
            n_approved=Count("applications", filter=approved),
            n_enrolled=Count(
                "applications",
                filter=registered & Q(applications__status=Application.Status.ENROLLED),
            ),
        )
        .order_by("programme")
    )
    for intake in intakes:
        yield [
            intake.programme,
            intake.year,
            intake.quota,
            intake.n_registered,
            intake.n_approved,
            intake.n_enrolled,
        ]


CATEGORIES: list[Category] = [
    Category("01", "集团基本情况", ["指标代码", "指标名称", "数值"], _basic),
    Category(
        "02",
        "成员单位",
        ["单位名称", "统一社会信用代码", "单位类型", "集团职务"]
        + ["所在地区", "所属行业", "加入时间"],
        _members,
    ),
    Category(
        "03",
        "校企合作项目",
        ["项目名称", "项目类型", "项目状态", "签约日期", "开始日期", "结束日期"]
        + ["参与学生数", "企业投入（元）", "合作单位"],
        _cooperation,
    ),
    Category(
        "04",
        "订单班与学徒制",
        ["班级名称", "培养形式", "合作企业", "学生数", "签约日期"],
        _classes,
    ),
    Category(
        "05",
        "学生岗位实习",
        ["实习项目", "实习企业", "实习学生数", "开始日期", "结束日期"],
        _internships,
    ),
    Category(
        "06",
        "非全日制招生",
        ["专业", "年度", "招生计划", "报名人数", "审核通过人数", "注册入学人数"],
        _enrollment,
    ),
]


def register_category(category: Category) -> None:
    """Add an app's own category (from its AppConfig.ready()); registering a code again
    replaces it."""
    CATEGORIES[:] = [c for c in CATEGORIES if c.code != category.code] + [category]


def render_category(category: Category, year: int) -> bytes:
    book = XlsxWriter()
    book.sheet(category.title, category.headers).extend(category.rows(year))
    return book.content()


def render_national_zip(year: int) -> bytes:
    """One XLSX per category, in a ZIP named for the year, ready to upload."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        # Where the figures come from, without adding a file the platform does not expect.
        with translation.override("zh-hans"):
            archive.comment = data_version_text(year_snapshot(year)).encode()
        for category in CATEGORIES:
            archive.writestr(f"{year}/{category.filename}", render_category(category, year))
    return out.getvalue()
