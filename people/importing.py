"""The people sheet: one row per role (a person with two roles takes two rows), Chinese headers,
a preview, then every row or none. The sheet reader and the cell helpers are the member import's
(members.importing); validation is the models' (Person and Role clean) and the representative's
right to link the organisations (permissions.may_link)."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.spreadsheets import XlsxWriter, restore_cell
from enrollment.crypto import lookup_hash
from members.importing import (
    SheetError,
    _choice,
    _choice_words,
    _date,
    _read_csv,
    _read_xlsx,
    _text,
)
from members.models import Member
from partnerships.models import Project, ProjectClass

from .models import Person, Role
from .permissions import may_link

COLUMNS = [
    ("member", "所属单位"),
    ("full_name", "姓名"),
    ("sex", "性别"),
    ("job_title", "职务"),
    ("origin_region", "生源地"),
    ("from_pairing_area", "对口帮扶地区"),
    ("id_number", "身份证号"),
    ("phone", "手机号"),
    ("kind", "角色"),
    ("partner", "合作单位"),
    ("project", "项目"),
    ("project_class", "班级"),
    ("year", "年度"),
    ("term", "学期"),
    ("starts_on", "开始日期"),
    ("ends_on", "结束日期"),
    ("hours", "课时"),
    ("days", "天数"),
    ("courses", "课程"),
    ("studio", "大师工作室"),
    ("honours", "荣誉"),
    ("apprentices_taught", "带徒人数"),
    ("apprenticeship_kind", "学徒形式"),
    ("qualification", "取得资格"),
    ("agreement_on_file", "三方协议"),
    ("insurance_on_file", "实习保险"),
    ("evaluation", "企业导师评价"),
    ("outcome", "毕业去向"),
    ("employer_name", "就业单位（非成员）"),
    ("job", "岗位"),
    ("salary_band", "月薪区间"),
]
HEADERS = dict(COLUMNS)
HEADER_TO_FIELD = {header: name for name, header in COLUMNS}
YES = {"是", "有", "yes", "y", "true", "1", "√"}
NUMBERS = ("year", "hours", "days", "apprentices_taught")
CHOICES = {
    "sex": Person.Sex,
    "kind": Role.Kind,
    "term": Role.Term,
    "apprenticeship_kind": Role.ApprenticeshipKind,
    "evaluation": Role.Evaluation,
    "outcome": Role.Outcome,
    "salary_band": ProjectClass.SalaryBand,
}
MAX_ROWS = 20_000


@dataclass
class Row:
    line: int
    person: Person
    role: Role
    errors: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.person.full_name


@dataclass
class Preview:
    rows: list[Row]

    @property
    def bad_rows(self) -> list[Row]:
        return [row for row in self.rows if row.errors]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.bad_rows


def read_sheet(content: bytes, filename: str) -> list[tuple[int, dict]]:
    name = filename.lower()
    if name.endswith(".csv"):
        table = _read_csv(content)
    elif name.endswith((".xlsx", ".xlsm")):
        table = _read_xlsx(content)
    else:
        raise SheetError(_("Upload an Excel file (.xlsx) or a CSV file."))
    lines = list(table)
    if not lines:
        raise SheetError(_("The file is empty."))
    fields = [HEADER_TO_FIELD.get(str(cell or "").strip()) for cell in lines[0][1]]
    if "full_name" not in fields or "kind" not in fields or "member" not in fields:
        raise SheetError(
            _("The first row must hold the column headers, among them “%(header)s”.")
            % {"header": "、".join(HEADERS[f] for f in ("member", "full_name", "kind"))}
        )
    rows = []
    for line, cells in lines[1:]:
        values = {f: restore_cell(c) for f, c in zip(fields, cells, strict=False) if f}
        if any(_text(v) for v in values.values()):
            rows.append((line, values))
    if not rows:
        raise SheetError(_("The sheet has no rows below the headers."))
    if len(rows) > MAX_ROWS:
        raise SheetError(_("A sheet may hold at most %(n)d rows.") % {"n": MAX_ROWS})
    return rows


class _Lookups:
    """Members, projects and classes by name, read once for the whole sheet."""

    def __init__(self, raw_rows: list[tuple[int, dict]]) -> None:
        def names(key):
            return {_text(raw.get(key)) for _line, raw in raw_rows} - {""}

        self.members = {
            m.name: m for m in Member.objects.filter(name__in=names("member") | names("partner"))
        }
        self.projects = {p.title: p for p in Project.objects.filter(title__in=names("project"))}
        self.classes = {
            c.name: c for c in ProjectClass.objects.filter(name__in=names("project_class"))
        }
        self.words = {key: _choice_words(choices) for key, choices in CHOICES.items()}


def _named(value, table: dict, errors: list[str], column: str):
    text = _text(value)
    if not text:
        return None
    found = table.get(text)
    if found is None:
        errors.append(
            _("%(column)s: “%(value)s” is not known.") % {"column": column, "value": text}
        )
    return found


def _number(value, errors: list[str], column: str) -> int | None:
    text = _text(value)
    if not text:
        return None
    if not text.isdigit():
        message = _("%(column)s: “%(value)s” is not a whole number.")
        errors.append(message % {"column": column, "value": text})
        return None
    return int(text)


def _row(line: int, raw: dict, look: _Lookups, user) -> Row:
    errors: list[str] = []
    member = _named(raw.get("member"), look.members, errors, HEADERS["member"])
    person = Person(
        member=member,
        full_name=_text(raw.get("full_name")),
        job_title=_text(raw.get("job_title")),
        origin_region=_text(raw.get("origin_region")),
        from_pairing_area=_text(raw.get("from_pairing_area")).lower() in YES,
        id_number=_text(raw.get("id_number")).upper(),
        phone=_text(raw.get("phone")),
    )
    role = Role(
        partner=_named(raw.get("partner"), look.members, errors, HEADERS["partner"]),
        project=_named(raw.get("project"), look.projects, errors, HEADERS["project"]),
        project_class=_named(
            raw.get("project_class"), look.classes, errors, HEADERS["project_class"]
        ),
        starts_on=_date(raw.get("starts_on"), errors, HEADERS["starts_on"]),
        ends_on=_date(raw.get("ends_on"), errors, HEADERS["ends_on"]),
        agreement_on_file=_text(raw.get("agreement_on_file")).lower() in YES,
        insurance_on_file=_text(raw.get("insurance_on_file")).lower() in YES,
    )
    for name in ("courses", "studio", "honours", "qualification", "employer_name", "job"):
        setattr(role, name, _text(raw.get(name)))
    for name in NUMBERS:
        setattr(role, name, _number(raw.get(name), errors, HEADERS[name]))
    for name, words in look.words.items():
        target = person if name == "sex" else role
        message = _("%(column)s: “%%(value)s” is not one of the choices.") % {
            "column": HEADERS[name]
        }
        setattr(target, name, _choice(raw.get(name), words, "", errors, message))
    if not role.kind:
        errors.append(_("%(column)s is missing.") % {"column": HEADERS["kind"]})
    if member is not None and not may_link(user, member_id=member.pk, partner_id=role.partner_id):
        errors.append(_("You may only record people of an organisation you represent."))
    _validate(person, errors, exclude=["member"] if member is None else [])
    if role.kind:
        _validate(role, errors, exclude=["person"])
    return Row(line=line, person=person, role=role, errors=errors)


def _validate(instance, errors: list[str], exclude: list[str]) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            label = HEADERS.get(name, "")
            errors.extend(f"{label}: {m}" if label else m for m in messages)


def build_preview(raw_rows: list[tuple[int, dict]], *, user) -> Preview:
    look = _Lookups(raw_rows)
    rows = [_row(line, raw, look, user) for line, raw in raw_rows]
    _check_id_numbers(rows)
    return Preview(rows=rows)


def _check_id_numbers(rows: list[Row]) -> None:
    """An ID number new to the registry, and for one person only within the sheet."""
    hashes = {lookup_hash(r.person.id_number): r for r in rows if r.person.id_number}
    taken = set(
        Person.objects.filter(id_number_hash__in=list(hashes)).values_list(
            "id_number_hash", flat=True
        )
    )
    first: dict[str, Row] = {}
    for row in rows:
        if not row.person.id_number:
            continue
        digest = lookup_hash(row.person.id_number)
        if digest in taken:
            row.errors.append(_("A person with this ID number is recorded already."))
        elif digest in first and _key(first[digest]) != _key(row):
            row.errors.append(
                _("The ID number of line %(line)d is given to another person.")
                % {"line": first[digest].line}
            )
        first.setdefault(digest, row)


def _key(row: Row) -> tuple:
    return (row.person.member_id, row.person.full_name, row.person.id_number)


def people_import(*, preview: Preview, by) -> tuple[int, int]:
    """Store every row of a clean preview, or nothing: (people created, roles created). Rows of
    the same organisation, name and ID number are one person."""
    if not preview.ok:
        raise SheetError(_("Nothing was imported: the sheet has errors."))
    people: dict[tuple, Person] = {}
    now = timezone.now()
    try:
        with transaction.atomic():
            for row in preview.rows:
                person = people.get(_key(row))
                if person is None:
                    person = row.person
                    person.created_by = by
                    if by.is_staff:
                        person.confirmed_at, person.confirmed_by = now, by
                    person.save()
                    people[_key(row)] = person
                row.role.person = person
                row.role.save()
    except IntegrityError as exc:
        raise SheetError(
            _("Nothing was imported: an ID number was recorded meanwhile. Check again.")
        ) from exc
    return len(people), len(preview.rows)


def template_workbook() -> bytes:
    writer = XlsxWriter()
    example = {
        "member": "东莞市艾尔玛科技有限公司",
        "full_name": "李工",
        "job_title": "注塑工程师",
        "kind": "企业工程师兼职任教",
        "partner": "东莞市机电工程学校",
        "year": 2021,
        "term": "秋季学期",
        "hours": 64,
        "courses": "注塑成型工艺",
    }
    people = writer.sheet("人员", [header for _name, header in COLUMNS])
    people.append([example.get(name, "") for name, _header in COLUMNS])
    notes = writer.sheet("填写说明", ["列", "可填写的值"])
    with translation.override("zh-hans"):
        for name, choices in CHOICES.items():
            notes.append([HEADERS[name], "、".join(str(label) for _v, label in choices.choices)])
    notes.append(["所属单位、合作单位", "成员单位全称，须与系统一致"])
    notes.append(["对口帮扶地区、三方协议、实习保险", "是 / 否"])
    notes.append(["开始日期、结束日期", "如 2021-07-01 或 2021年7月1日"])
    notes.append(["", "一人多个角色时每个角色一行；请删除示例行后再导入"])
    return writer.content()
