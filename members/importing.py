"""The member sheet: import (XLSX or CSV, Chinese headers, preview then all-or-nothing) and export.

Headers and choice labels are fixed Chinese words, the ones a secretariat's own sheet uses, so an
exported sheet imports again unchanged. Validation is the model's (field validators and
Member.clean); uniqueness is checked against the database and within the sheet in bulk, so a
10,000-row sheet needs a handful of queries, not one per row.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from simple_history.utils import bulk_create_with_history

from vetgroup.validators import normalize_credit_code

from .demo import demo_credit_code
from .models import Member

# (field, header) in sheet order.
COLUMNS = [
    ("name", "单位名称"),
    ("kind", "单位类型"),
    ("credit_code", "统一社会信用代码"),
    ("region", "所在地区"),
    ("industry", "所属行业"),
    ("status", "状态"),
    ("group_role", "集团角色"),
    ("joined_on", "入会日期"),
    ("left_on", "退出日期"),
    ("address", "地址"),
    ("website", "网址"),
]
HEADER_TO_FIELD = {header: name for name, header in COLUMNS}
# Other words secretariats use for the same column.
HEADER_TO_FIELD.update(
    {
        "名称": "name",
        "成员单位": "name",
        "类型": "kind",
        "信用代码": "credit_code",
        "地区": "region",
        "行业": "industry",
        "角色": "group_role",
        "加入日期": "joined_on",
    }
)
KIND_SYNONYMS = {
    "高校": Member.Kind.UNIVERSITY,
    "高等学校": Member.Kind.UNIVERSITY,
    "本科院校": Member.Kind.UNIVERSITY,
    "中职学校": Member.Kind.VOCATIONAL_SCHOOL,
    "中职": Member.Kind.VOCATIONAL_SCHOOL,
    "高职院校": Member.Kind.VOCATIONAL_SCHOOL,
    "技工院校": Member.Kind.VOCATIONAL_SCHOOL,
    "技工学校": Member.Kind.VOCATIONAL_SCHOOL,
    "职业学校": Member.Kind.VOCATIONAL_SCHOOL,
    "协会": Member.Kind.ASSOCIATION,
    "学会": Member.Kind.ASSOCIATION,
    "研究院": Member.Kind.RESEARCH_INSTITUTE,
    "研究所": Member.Kind.RESEARCH_INSTITUTE,
    "政府": Member.Kind.GOVERNMENT,
    "政府机关": Member.Kind.GOVERNMENT,
    "公司": Member.Kind.ENTERPRISE,
}
DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
MAX_ROWS = 50_000


class SheetError(Exception):
    """The file cannot be read as a member sheet at all."""


def _choice_words(choices) -> dict[str, str]:
    """Every way to write a choice: its code, its English label, its Chinese label."""
    words = {}
    for value, label in choices.choices:
        words[value] = value
        words[str(label).lower()] = value
        with translation.override("zh-hans"):
            words[str(label)] = value
    return words


def _chinese_label(choices, value: str) -> str:
    with translation.override("zh-hans"):
        return str(choices(value).label)


@dataclass
class Row:
    line: int
    values: dict
    errors: list[str] = field(default_factory=list)
    member: Member | None = None


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
    """(line number, {field: raw value}) for every non-empty row below the header row."""
    if filename.lower().endswith(".csv"):
        table = _read_csv(content)
    elif filename.lower().endswith((".xlsx", ".xlsm")):
        table = _read_xlsx(content)
    else:
        raise SheetError(_("Upload an Excel file (.xlsx) or a CSV file."))
    if not table:
        raise SheetError(_("The file is empty."))
    header = [str(cell or "").strip() for cell in table[0]]
    fields = [HEADER_TO_FIELD.get(h) for h in header]
    if "name" not in fields:
        raise SheetError(
            _("The first row must hold the column headers, among them “%(header)s”.")
            % {"header": COLUMNS[0][1]}
        )
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        values = {f: cell for f, cell in zip(fields, cells, strict=False) if f}
        if any(str(v).strip() for v in values.values() if v is not None):
            rows.append((line, values))
    if not rows:
        raise SheetError(_("The sheet has no rows below the headers."))
    if len(rows) > MAX_ROWS:
        raise SheetError(_("A sheet may hold at most %(n)d rows.") % {"n": MAX_ROWS})
    return rows


def _read_csv(content: bytes) -> list[list]:
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SheetError(_("The CSV file is neither UTF-8 nor GBK."))
    return list(csv.reader(io.StringIO(text)))


def _read_xlsx(content: bytes) -> list[list]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise SheetError(_("This file cannot be read as an Excel workbook.")) from exc
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value, errors: list[str], label: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = DATE_RE.match(_text(value))
    if match:
        try:
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    errors.append(
        _("%(column)s: “%(value)s” is not a date (write e.g. 2021-09-15).")
        % {"column": label, "value": _text(value)}
    )
    return None


def _choice(value, words: dict, default: str, errors: list[str], message: str) -> str:
    text = _text(value)
    if not text:
        return default
    found = words.get(text) or words.get(text.lower())
    if found is None:
        errors.append(message % {"value": text})
        return default
    return found


def build_preview(raw_rows: list[tuple[int, dict]]) -> Preview:
    kinds = {**_choice_words(Member.Kind), **KIND_SYNONYMS}
    statuses = _choice_words(Member.Status)
    roles = _choice_words(Member.GroupRole)
    headers = dict(COLUMNS)
    rows = []
    for line, raw in raw_rows:
        errors: list[str] = []
        values = {
            "name": _text(raw.get("name")),
            "kind": _choice(
                raw.get("kind"), kinds, "", errors, _("Unknown kind of organisation “%(value)s”.")
            ),
            "credit_code": normalize_credit_code(_text(raw.get("credit_code"))) or None,
            "region": _text(raw.get("region")),
            "industry": _text(raw.get("industry")),
            "status": _choice(
                raw.get("status"),
                statuses,
                Member.Status.ACTIVE,
                errors,
                _("Unknown status “%(value)s”."),
            ),
            "group_role": _choice(
                raw.get("group_role"),
                roles,
                Member.GroupRole.MEMBER,
                errors,
                _("Unknown role in the group “%(value)s”."),
            ),
            "joined_on": _date(raw.get("joined_on"), errors, headers["joined_on"]),
            "left_on": _date(raw.get("left_on"), errors, headers["left_on"]),
            "address": _text(raw.get("address")),
            "website": _text(raw.get("website")),
        }
        if not _text(raw.get("kind")):
            errors.append(_("%(column)s is missing.") % {"column": headers["kind"]})
        member = Member(**values)
        try:
            member.full_clean(
                exclude=["kind"] if not values["kind"] else None,
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                label = headers.get(name, "")
                errors.extend(f"{label}: {m}" if label else m for m in messages)
        rows.append(Row(line=line, values=values, errors=errors, member=member))
    _check_duplicates(rows)
    return Preview(rows=rows)


def _check_duplicates(rows: list[Row]) -> None:
    """Names and credit codes must be new to the registry and appear once in the sheet."""
    names = [row.values["name"] for row in rows if row.values["name"]]
    codes = [row.values["credit_code"] for row in rows if row.values["credit_code"]]
    taken_names = set(_existing("name", names))
    taken_codes = set(_existing("credit_code", codes))
    first_line: dict[tuple[str, str], int] = {}
    for row in rows:
        for key, taken, in_db, again in [
            (
                "name",
                taken_names,
                _("A member named “%(value)s” exists already."),
                _("The name “%(value)s” appears already in line %(line)d."),
            ),
            (
                "credit_code",
                taken_codes,
                _("The credit code %(value)s belongs to a member already."),
                _("The credit code %(value)s appears already in line %(line)d."),
            ),
        ]:
            value = row.values[key]
            if not value:
                continue
            if value in taken:
                row.errors.append(in_db % {"value": value})
            elif (key, value) in first_line:
                row.errors.append(again % {"value": value, "line": first_line[(key, value)]})
            else:
                first_line[(key, value)] = row.line


def _existing(field_name: str, values: list[str]) -> list[str]:
    found = []
    for start in range(0, len(values), 500):  # SQLite limits the parameters of one query
        chunk = values[start : start + 500]
        found += Member.objects.filter(**{f"{field_name}__in": chunk}).values_list(
            field_name, flat=True
        )
    return found


def members_import(*, preview: Preview, by) -> int:
    """Store every row of a clean preview, or nothing; returns how many were created."""
    if not preview.ok:
        raise SheetError(_("Nothing was imported: the sheet has errors."))
    members = [row.member for row in preview.rows]
    try:
        with transaction.atomic():
            bulk_create_with_history(members, Member, batch_size=500, default_user=by)
    except IntegrityError as exc:  # someone added the same name or code meanwhile
        raise SheetError(
            _("Nothing was imported: a name or credit code was taken meanwhile. Check again.")
        ) from exc
    return len(members)


def template_workbook() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "成员单位"
    sheet.append([header for _field, header in COLUMNS])
    sheet.append(
        [
            "东莞市示例模具有限公司",
            "企业",
            demo_credit_code(Member.Kind.ENTERPRISE, 10_000_099),
            "东莞市长安镇",
            "模具制造",
            "正常",
            "成员单位",
            "2021-09-15",
            "",
            "",
            "",
        ]
    )
    for column, (_field, header) in zip(sheet.columns, COLUMNS, strict=False):
        sheet.column_dimensions[column[0].column_letter].width = max(12, len(header) * 2 + 4)
    notes = workbook.create_sheet("填写说明")
    notes.append(["列", "可填写的值"])
    notes.append(
        [
            dict(COLUMNS)["kind"],
            "、".join(_chinese_label(Member.Kind, v) for v in Member.Kind.values),
        ]
    )
    notes.append(
        [
            dict(COLUMNS)["status"],
            "、".join(_chinese_label(Member.Status, v) for v in Member.Status.values)
            + "（空白为正常）",
        ]
    )
    notes.append(
        [
            dict(COLUMNS)["group_role"],
            "、".join(_chinese_label(Member.GroupRole, v) for v in Member.GroupRole.values),
        ]
    )
    notes.append([dict(COLUMNS)["credit_code"], "18 位，校验位按 GB 32100-2015 检查；可空白"])
    notes.append([dict(COLUMNS)["joined_on"], "如 2021-09-15 或 2021年9月15日"])
    notes.append(["", "请删除示例行后再导入"])
    return _save(workbook)


def export_workbook(queryset) -> bytes:
    """The members of the queryset as a sheet the import reads back."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("成员单位")
    sheet.append([header for _field, header in COLUMNS])
    labels = {
        "kind": {v: _chinese_label(Member.Kind, v) for v in Member.Kind.values},
        "status": {v: _chinese_label(Member.Status, v) for v in Member.Status.values},
        "group_role": {v: _chinese_label(Member.GroupRole, v) for v in Member.GroupRole.values},
    }
    fields = [name for name, _header in COLUMNS]
    for values in queryset.values_list(*fields).iterator(chunk_size=2000):
        row = []
        for name, value in zip(fields, values, strict=True):
            if name in labels:
                value = labels[name].get(value, value)
            row.append(value if value is not None else "")
        sheet.append(row)
    return _save(workbook)


def _save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
