"""The member sheet: import (XLSX or CSV, Chinese headers, preview then all-or-nothing) and export.

Headers and choice labels are fixed Chinese words, the ones a secretariat's own sheet uses, so an
exported sheet imports again unchanged. A secretariat's own list usually has a title, a date line
and a 序号 column above and beside the data and a 合计 line below it: the header row is found by its
column names among the first rows, and title, date, empty and total lines are skipped and named in
the preview. Validation is the model's (field validators and Member.clean); uniqueness is checked
against the database and within the sheet in bulk, so a 10,000-row sheet needs a handful of
queries, not one per row.

A workbook is read in openpyxl's streaming mode, never more rows or columns than the limits below,
and refused before reading when it declares (or unpacks to) a size no member list has.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from simple_history.utils import bulk_create_with_history

from core.datacache import data_changed
from core.spreadsheets import XlsxWriter, restore_cell
from core.validators import normalize_credit_code

from .demo import demo_credit_code
from .models import Contact, Member, normalize_spaces

# (field, header) in sheet order; contact_* is the member's primary contact.
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
    ("contact_name", "联系人"),
    ("contact_title", "职务"),
    ("contact_phone", "联系电话"),
    ("contact_email", "电子邮箱"),
]
CONTACT_FIELDS = {"contact_name": "name", "contact_title": "title", "contact_phone": "phone"}
CONTACT_FIELDS["contact_email"] = "email"
HEADER_TO_FIELD = {header: name for name, header in COLUMNS}
# Other words secretariats use for the same column (compared without spaces, case-insensitive).
HEADER_TO_FIELD.update(
    {
        "名称": "name",
        "成员单位": "name",
        "成员单位名称": "name",
        "单位": "name",
        "类型": "kind",
        "单位性质": "kind",
        "信用代码": "credit_code",
        "社会信用代码": "credit_code",
        "地区": "region",
        "所属镇街": "region",
        "镇街": "region",
        "行业": "industry",
        "角色": "group_role",
        "集团职务": "group_role",
        "加入日期": "joined_on",
        "加入时间": "joined_on",
        "入会时间": "joined_on",
        "单位地址": "address",
        "通讯地址": "address",
        "联系人姓名": "contact_name",
        "联系人职务": "contact_title",
        "职位": "contact_title",
        "电话": "contact_phone",
        "手机": "contact_phone",
        "手机号码": "contact_phone",
        "联系方式": "contact_phone",
        "联系人电话": "contact_phone",
        "邮箱": "contact_email",
        "电子邮件": "contact_email",
        "e-mail": "contact_email",
        "email": "contact_email",
    }
)
NUMBER_HEADERS = {"序号", "编号", "no.", "no"}  # a running number: read, never imported
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
TOTAL_RE = re.compile(r"^(合计|总计|小计|共计)")
NOTE_RE = re.compile(r"^(填表|制表|填报|注[:：]|说明[:：]|备注[:：])")
SPACES = re.compile(r"\s+")

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # what the workbook's XML may unpack to
MAX_ROWS = 50_000  # member rows
HEADER_SEARCH_ROWS = 10  # the header row is looked for among the first lines
MAX_LINES = MAX_ROWS + 1_000  # lines read at most, title, empty and total lines included
MAX_COLUMNS = 100  # columns read at most
ABSURD_COLUMNS = 1_000  # a declared size beyond these is refused unread
ABSURD_LINES = 2 * MAX_LINES


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
    contact: Contact | None = None

    @property
    def name(self) -> str:
        return self.values.get("name") or ""


@dataclass
class Sheet:
    """What a file holds: the member rows and the lines that were skipped, and why."""

    rows: list[tuple[int, dict]]
    header_line: int = 1
    title_lines: list[int] = field(default_factory=list)  # above the header: title, date
    total_lines: list[int] = field(default_factory=list)
    note_lines: list[int] = field(default_factory=list)
    empty_lines: int = 0
    ignored_headers: list[str] = field(default_factory=list)

    def skipped(self) -> list[str]:
        """What was not imported, one sentence each, for the preview."""
        comma = _(", ")
        out = []
        for lines, text in [
            (self.title_lines, _("Lines above the headers (title, date): %(lines)s.")),
            (self.total_lines, _("Total lines: %(lines)s.")),
            (self.note_lines, _("Notes below the list: %(lines)s.")),
        ]:
            if lines:
                out.append(text % {"lines": comma.join(str(line) for line in lines)})
        if self.empty_lines:
            out.append(_("Empty lines: %(n)d.") % {"n": self.empty_lines})
        if self.ignored_headers:
            columns = comma.join(self.ignored_headers)
            out.append(_("Columns the portal does not keep: %(columns)s.") % {"columns": columns})
        return out


@dataclass
class Preview:
    rows: list[Row]
    sheet: Sheet | None = None

    @property
    def bad_rows(self) -> list[Row]:
        return [row for row in self.rows if row.errors]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.bad_rows


def _header_key(value) -> str:
    return SPACES.sub("", _text(value)).lstrip("*").rstrip("*:：").lower()


def _find_header(lines: Iterator[tuple[int, list]], sheet: Sheet) -> list[str | None]:
    """The fields of the header row's columns; the lines above it go to sheet.title_lines."""
    for line, cells in lines:
        fields = [HEADER_TO_FIELD.get(_header_key(cell)) for cell in cells]
        known = [f for f in fields if f]
        if "name" in known and len(set(known)) >= 2:
            sheet.header_line = line
            sheet.ignored_headers = [
                _text(cell)
                for cell, f in zip(cells, fields, strict=True)
                if not f and _text(cell) and _header_key(cell) not in NUMBER_HEADERS
            ]
            return fields
        sheet.title_lines.append(line)
        if line >= HEADER_SEARCH_ROWS:
            break
    raise SheetError(
        _(
            "No header row found: one of the first %(n)d lines must hold the column headers, "
            "among them “%(header)s”."
        )
        % {"n": HEADER_SEARCH_ROWS, "header": COLUMNS[0][1]}
    )


def read_sheet(content: bytes, filename: str) -> Sheet:
    """The member rows below the header row, (line number, {field: raw value}) each."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise SheetError(
            _("The file is larger than %(mb)d MB.") % {"mb": MAX_UPLOAD_BYTES // 2**20}
        )
    if filename.lower().endswith(".csv"):
        lines = _read_csv(content)
    elif filename.lower().endswith((".xlsx", ".xlsm")):
        lines = _read_xlsx(content)
    else:
        raise SheetError(_("Upload an Excel file (.xlsx) or a CSV file."))
    sheet = Sheet(rows=[])
    numbered = ((line, cells) for line, cells in lines if any(_text(c) for c in cells))
    fields = _find_header(numbered, sheet)
    last_line = sheet.header_line
    for line, cells in numbered:
        sheet.empty_lines += line - last_line - 1
        last_line = line
        _sort_line(sheet, line, cells, _values(fields, cells))
    if not sheet.rows:
        raise SheetError(_("The sheet has no rows below the headers."))
    return sheet


def _values(fields: list[str | None], cells: list) -> dict:
    """{field: cell}; of two columns for one field (手机 and 联系电话) the first one filled."""
    values: dict = {}
    for name, cell in zip(fields, cells, strict=False):
        if name and not _text(values.get(name)):
            values[name] = restore_cell(cell)
    return values


def _sort_line(sheet: Sheet, line: int, cells: list, values: dict) -> None:
    texts = [_header_key(c) for c in cells if _text(c)]
    has_name = bool(_text(values.get("name")))
    if TOTAL_RE.match(texts[0]):
        sheet.total_lines.append(line)
    elif NOTE_RE.match(texts[0]) and (not has_name or len(texts) == 1):
        sheet.note_lines.append(line)
    elif not any(_text(v) for v in values.values()):
        sheet.empty_lines += 1  # a running number and nothing else, say
    elif len(sheet.rows) == MAX_ROWS:
        raise SheetError(_("A sheet may hold at most %(n)d rows.") % {"n": MAX_ROWS})
    else:
        sheet.rows.append((line, values))


def _read_csv(content: bytes) -> Iterator[tuple[int, list]]:
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SheetError(_("The CSV file is neither UTF-8 nor GBK."))
    return _bounded(csv.reader(io.StringIO(text)))


def _bounded(rows: Iterable) -> Iterator[tuple[int, list]]:
    """(line, cells) of at most MAX_LINES lines and MAX_COLUMNS columns; more is refused."""
    try:
        for line, cells in enumerate(rows, start=1):
            if line > MAX_LINES:
                if any(_text(c) for c in cells):
                    raise SheetError(_("A sheet may hold at most %(n)d rows.") % {"n": MAX_ROWS})
                continue
            cells = list(cells[:MAX_COLUMNS])
            while cells and cells[-1] in (None, ""):
                cells.pop()
            yield line, cells
    except csv.Error as exc:
        raise SheetError(_("The CSV file cannot be read: %(error)s") % {"error": exc}) from exc


def _read_xlsx(content: bytes) -> Iterator[tuple[int, list]]:
    try:
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(content)).infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise SheetError(_("This file cannot be read as an Excel workbook.")) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise SheetError(
            _("This workbook unpacks to more than %(mb)d MB; a member list is far smaller.")
            % {"mb": MAX_UNPACKED_BYTES // 2**20}
        )
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise SheetError(_("This file cannot be read as an Excel workbook.")) from exc
    _refuse_absurd_size(sheet)
    return _xlsx_lines(workbook, sheet)


def _refuse_absurd_size(sheet) -> None:
    """openpyxl pads every row to the declared width: refuse a declared size no list has."""
    columns, lines = sheet.max_column or 0, sheet.max_row or 0
    if columns > ABSURD_COLUMNS or lines > ABSURD_LINES:
        raise SheetError(
            _(
                "The sheet declares a size of %(lines)d rows × %(columns)d columns (up to cell "
                "%(cell)s), far more than a member list. Copy the list into a new workbook "
                "and upload that (at most %(rows)d rows and %(max_columns)d columns are read)."
            )
            % {
                "lines": lines,
                "columns": columns,
                "cell": f"{get_column_letter(max(columns, 1))}{lines}",
                "rows": MAX_ROWS,
                "max_columns": MAX_COLUMNS,
            }
        )


def _xlsx_lines(workbook, sheet) -> Iterator[tuple[int, list]]:
    try:
        # Never the declared width: some writers declare less than they fill.
        rows = sheet.iter_rows(max_row=MAX_LINES + 1, max_col=MAX_COLUMNS, values_only=True)
        yield from _bounded(rows)
    except SheetError:
        raise
    except Exception as exc:  # a damaged sheet inside a sound ZIP
        raise SheetError(_("This file cannot be read as an Excel workbook.")) from exc
    finally:
        workbook.close()


def _text(value) -> str:
    """The cell as text, its spaces (full-width ones too) made one, none between Chinese words."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize_spaces(str(value))


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


def build_preview(sheet: Sheet) -> Preview:
    words = {
        "kind": {**_choice_words(Member.Kind), **KIND_SYNONYMS},
        "status": _choice_words(Member.Status),
        "group_role": _choice_words(Member.GroupRole),
    }
    rows = [_row(line, raw, words) for line, raw in sheet.rows]
    _check_duplicates(rows)
    return Preview(rows=rows, sheet=sheet)


def _row(line: int, raw: dict, words: dict) -> Row:
    errors: list[str] = []
    headers = dict(COLUMNS)
    values = {
        "name": _text(raw.get("name")),
        "kind": _choice(
            raw.get("kind"), words["kind"], "", errors,
            _("Unknown kind of organisation “%(value)s”."),
        ),
        "credit_code": normalize_credit_code(_text(raw.get("credit_code"))) or None,
        "region": _text(raw.get("region")),
        "industry": _text(raw.get("industry")),
        "status": _choice(
            raw.get("status"), words["status"], Member.Status.ACTIVE, errors,
            _("Unknown status “%(value)s”."),
        ),
        "group_role": _choice(
            raw.get("group_role"), words["group_role"], Member.GroupRole.MEMBER, errors,
            _("Unknown role in the group “%(value)s”."),
        ),
        "joined_on": _date(raw.get("joined_on"), errors, headers["joined_on"]),
        "left_on": _date(raw.get("left_on"), errors, headers["left_on"]),
        "address": _text(raw.get("address")),
        "website": _text(raw.get("website")),
    }  # fmt: skip
    if not _text(raw.get("kind")):
        errors.append(_("%(column)s is missing.") % {"column": headers["kind"]})
    member = Member(**values)
    exclude = ["kind"] if not values["kind"] else []
    _full_clean(member, exclude, errors, headers)
    contact = _contact(raw, errors, headers)
    values.update({f: _text(raw.get(f)) for f in CONTACT_FIELDS})
    return Row(line=line, values=values, errors=errors, member=member, contact=contact)


def _contact(raw: dict, errors: list[str], headers: dict) -> Contact | None:
    """The row's contact columns as the member's primary contact (None when all are empty)."""
    values = {name: _text(raw.get(column)) for column, name in CONTACT_FIELDS.items()}
    if not any(values.values()):
        return None
    if not values["name"]:
        errors.append(_("%(column)s is missing.") % {"column": headers["contact_name"]})
        return None
    contact = Contact(**values, is_primary=True)
    labels = {name: headers[column] for column, name in CONTACT_FIELDS.items()}
    _full_clean(contact, ["member"], errors, labels)
    return contact


def _full_clean(instance, exclude: list[str], errors: list[str], labels: dict) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            label = labels.get(name, "")
            errors.extend(f"{label}: {m}" if label else m for m in messages)


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
            contacts = []
            for row in preview.rows:
                if row.contact is not None:
                    row.contact.member = row.member
                    contacts.append(row.contact)
            bulk_create_with_history(contacts, Contact, batch_size=500, default_user=by)
            data_changed()  # bulk_create sends no post_save
    except IntegrityError as exc:  # someone added the same name or code meanwhile
        raise SheetError(
            _("Nothing was imported: a name or credit code was taken meanwhile. Check again.")
        ) from exc
    return len(members)


def _labels() -> dict[str, dict[str, str]]:
    return {
        "kind": {v: _chinese_label(Member.Kind, v) for v in Member.Kind.values},
        "status": {v: _chinese_label(Member.Status, v) for v in Member.Status.values},
        "group_role": {v: _chinese_label(Member.GroupRole, v) for v in Member.GroupRole.values},
    }


def _widths() -> list[int]:
    return [max(12, len(header) * 2 + 4) for _field, header in COLUMNS]


def template_workbook() -> bytes:
    book = XlsxWriter()
    sheet = book.sheet("成员单位", [header for _field, header in COLUMNS], widths=_widths())
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
            "张三",
            "办公室主任",
            "0769-85000000",
            "zhangsan@example.com",
        ]
    )
    labels = _labels()
    headers = dict(COLUMNS)
    notes = book.sheet("填写说明", ["列", "可填写的值"])
    notes.extend(
        [
            [headers["kind"], "、".join(labels["kind"].values())],
            [headers["status"], "、".join(labels["status"].values()) + "（空白为正常）"],
            [headers["group_role"], "、".join(labels["group_role"].values())],
            [headers["credit_code"], "18 位，校验位按 GB 32100-2015 检查；可空白"],
            [headers["joined_on"], "如 2021-09-15 或 2021年9月15日"],
            [headers["contact_name"], "成员单位的主要联系人；职务、联系电话、电子邮箱可空白"],
            ["", "标题行、填表日期行、序号列和合计行可以保留，导入时跳过"],
            ["", "请删除示例行后再导入"],
        ]
    )
    return book.content()


def export_workbook(queryset) -> bytes:
    """The members of the queryset, with their primary contact, as a sheet the import reads back."""
    book = XlsxWriter()
    sheet = book.sheet("成员单位", [header for _field, header in COLUMNS], widths=_widths())
    labels = _labels()
    fields = [name for name, _header in COLUMNS if name not in CONTACT_FIELDS]
    contacts = _primary_contacts(queryset)
    for values in queryset.values_list("pk", *fields).iterator(chunk_size=2000):
        row = []
        for name, value in zip(fields, values[1:], strict=True):
            if name in labels:
                value = labels[name].get(value, value)
            row.append(value if value is not None else "")
        sheet.append(row + list(contacts.get(values[0], ())))
    return book.content()


def _primary_contacts(queryset) -> dict[int, tuple]:
    """Each member's primary contact, or its first one by name: one query."""
    found: dict[int, tuple] = {}
    contacts = Contact.objects.filter(member__in=queryset.values("pk")).order_by(
        "member_id", "-is_primary", "name", "pk"
    )
    for member_id, *values in contacts.values_list("member_id", *CONTACT_FIELDS.values()):
        found.setdefault(member_id, tuple(values))
    return found
