"""The roster in the column order of the school's student register import (学籍).

REGISTER_COLUMNS is the one mapping from the register's columns to the application: the header
the import expects (in Chinese whatever the user's language: the import matches them by
text) and how each cell is read. After them come the portal's own columns, which the import
ignores: the status, the first submission and the answers to the intake's own questions.
docs/enrollment-roster.md lists the columns.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _

from .models import Answer, Application, Intake

SEXES = {"M": "男", "F": "女"}


def _birth_date(a: Application) -> str:
    return a.birth_date.isoformat() if a.birth_date else ""


REGISTER_COLUMNS: list[tuple[str, Callable[[Application], object]]] = [
    ("姓名", lambda a: a.full_name),
    ("性别", lambda a: SEXES.get(a.sex, "")),
    ("出生日期", _birth_date),
    ("身份证件类型", lambda a: "居民身份证"),
    ("身份证件号", lambda a: a.id_number),
    ("民族", lambda a: a.get_ethnicity_display() if a.ethnicity else ""),
    ("政治面貌", lambda a: a.get_political_status_display() if a.political_status else ""),
    ("户籍所在地", lambda a: a.household_region),
    ("毕业学校", lambda a: a.previous_school),
    ("文化程度", lambda a: a.education),
    ("现工作单位", lambda a: a.employer),
    ("联系电话", lambda a: a.phone),
    ("家庭住址", lambda a: a.address),
    ("专业名称", lambda a: a.intake.programme),
    ("入学年份", lambda a: a.intake.year),
    ("学习形式", lambda a: "非全日制"),
]
NUMBER_HEADER = "序号"


def roster_header(intake: Intake, questions) -> list:
    return [
        NUMBER_HEADER,
        *(header for header, _read in REGISTER_COLUMNS),
        _("Status"),
        _("First submitted"),
        *(q.label_zh for q in questions),
    ]


def roster_row(number: int, application: Application, questions, answers: dict) -> list:
    """One row; `answers` maps question ids to the application's Answer."""
    given: dict[int, Answer] = answers
    return [
        number,
        *(read(application) for _header, read in REGISTER_COLUMNS),
        application.get_status_display(),
        application.submitted_at,
        *(given[q.pk].display() if q.pk in given else "" for q in questions),
    ]
