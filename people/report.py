"""The people figures in the annual work summary (DOCX, PDF) and the national platform's files.

Registered with the reports app in PeopleConfig.ready(): a part of "main work and results" and
four categories of the national export. The summary states the year's indicators (frozen with
the year); the tables of people name professionals only (engineers, teachers, masters), while
students and graduates appear in counts, never by name.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from .indicators import students_by_origin
from .models import Role

K = Role.Kind
ORIGIN_ROWS = 10


def _number(value) -> str:
    from reports.summary import number_text

    return number_text(value)


def summary_part(section, ind) -> None:
    """Part of section 2: the people the group's cooperation trained and placed."""
    figures = {code: value for code, value in ind.values().items() if code.startswith("people_")}
    if not any(figures.values()):  # no one recorded for the year: no empty heading
        return
    # Shares as computed, one decimal (89.7, not the report's money-style 89.70).
    v = {c: str(n) if c.endswith("_share") else _number(n) for c, n in figures.items()}
    number = sum(1 for block in section.blocks if block.kind == "heading") + 1
    section.heading(
        _("%(number)s. People: teachers, masters, apprentices, interns and graduates")
        % {"number": number}
    )
    section.paragraph(
        _(
            "%(engineers)s enterprise engineers taught part-time at member schools, "
            "%(hours)s hours in all; teachers went into enterprise practice %(practice)s times, "
            "for %(days)s days."
        )
        % {
            "engineers": v["people_part_time_teachers"],
            "hours": v["people_part_time_teaching_hours"],
            "practice": v["people_teacher_practice"],
            "days": v["people_teacher_practice_days"],
        }
    )
    section.paragraph(
        _(
            "%(masters)s skill masters ran %(studios)s master studios; %(apprentices)s "
            "apprentices trained with a school mentor and an enterprise mentor. %(interns)s "
            "interns were placed with members, %(covered)s of them with the tripartite "
            "agreement and insurance on file."
        )
        % {
            "masters": v["people_masters"],
            "studios": v["people_master_studios"],
            "apprentices": v["people_apprentices"],
            "interns": v["people_interns"],
            "covered": v["people_interns_covered"],
        }
    )
    section.paragraph(
        _(
            "Of %(graduates)s graduates recorded, %(employed)s%% are employed and %(partner)s%% "
            "were hired by member enterprises; the median monthly salary band starts at RMB "
            "%(salary)s. %(students)s students are recorded, %(pairing)s of them from "
            "poverty-alleviation pairing areas."
        )
        % {
            "graduates": v["people_graduates"],
            "employed": v["people_graduates_employed_share"],
            "partner": v["people_graduates_partner_share"],
            "salary": v["people_graduates_median_salary"],
            "students": v["people_students"],
            "pairing": v["people_students_pairing_area"],
        }
    )
    origins = students_by_origin(ind.year)
    if origins:
        section.add_table(
            [_("Region of origin"), _("Students")],
            [[region, _number(n)] for region, n in origins[:ORIGIN_ROWS]],
        )


# --- the national platform's files (reports.national) -----------------------------------------


def _roles(year: int, kind: str):
    return (
        Role.objects.counting_for(year)
        .filter(kind=kind)
        .select_related("person__member", "partner")
        .order_by("partner__name", "person__full_name", "pk")
    )


def _engineers(year: int) -> Iterable[list[Any]]:
    for r in _roles(year, K.PART_TIME_TEACHER).iterator(chunk_size=2000):
        yield (
            [
                r.person.full_name,
                r.person.member.name,
                r.partner_name,
                r.year,
                r.get_term_display(),
                r.courses,
                r.hours,
            ]
        )


def _practice(year: int) -> Iterable[list[Any]]:
    for r in _roles(year, K.TEACHER_PRACTICE).iterator(chunk_size=2000):
        yield (
            [
                r.person.full_name,
                r.person.member.name,
                r.partner_name,
                r.starts_on,
                r.ends_on,
                r.days,
            ]
        )


def _masters(year: int) -> Iterable[list[Any]]:
    for r in _roles(year, K.MASTER).iterator(chunk_size=2000):
        host = r.partner_name or r.person.member.name
        yield ([r.studio, host, r.person.full_name, r.courses, r.honours, r.apprentices_taught])


def _graduates(year: int) -> Iterable[list[Any]]:
    """Per school and class: counts only, no graduate named."""
    employed = Q(outcome=Role.Outcome.EMPLOYED)
    rows = (
        Role.objects.counting_for(year)
        .filter(kind=K.GRADUATE)
        .values("person__member__name", "project_class__name")
        .annotate(
            n=Count("person", distinct=True),
            employed=Count("person", filter=employed, distinct=True),
            hired=Count("person", filter=employed & Q(partner__isnull=False), distinct=True),
        )
        .order_by("person__member__name", "project_class__name")
    )
    for row in rows:
        yield (
            [
                row["person__member__name"],
                row["project_class__name"] or "",
                row["n"],
                row["employed"],
                row["hired"],
            ]
        )


def _origins(year: int) -> Iterable[list[Any]]:
    for region, n in students_by_origin(year):
        yield ([region, n])


CATEGORIES = [
    (
        "07",
        "企业兼职教师",
        ["姓名", "所在企业", "任教学校", "学年", "学期", "课程", "课时"],
        _engineers,
    ),
    (
        "08",
        "教师企业实践",
        ["教师", "所在学校", "实践企业", "开始日期", "结束日期", "天数"],
        _practice,
    ),
    (
        "09",
        "技能大师工作室",
        ["工作室", "所在单位", "技能大师", "授课内容", "荣誉", "带徒人数"],
        _masters,
    ),
    ("10", "毕业生就业", ["学校", "班级", "毕业生数", "就业人数", "成员企业录用人数"], _graduates),
    ("11", "学生生源地", ["生源地", "学生数"], _origins),
]


def register() -> None:
    try:
        from reports.national import CATEGORIES as NATIONAL
        from reports.national import Category
        from reports.summary import register_main_work_part
    except ImportError:
        return
    register_main_work_part("people", summary_part)
    codes = {category.code for category in NATIONAL}
    for code, title, headers, rows in CATEGORIES:
        if code not in codes:
            NATIONAL.append(Category(code, title, headers, rows))
