"""The one writer of every XLSX and CSV the portal makes, and the cells it writes.

A spreadsheet runs text starting with one of FORMULA_TRIGGERS as a formula (OWASP "CSV injection"),
so such text is written with a leading apostrophe, which keeps it readable; `restore_cell` undoes
it when the portal reads its own files back. Text that already starts with apostrophes before a
trigger gets one more, so that restore_cell(safe_cell(x)) == x for every x.

Times are written in the portal's time zone (TIME_ZONE), as the people reading the file live there.
"""

import csv
import io
import itertools
import re
from collections.abc import Iterable
from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"


# A plain number such as "-5" or "+86" is harmless and stays as it is.
NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def _runs_as_formula(text: str) -> bool:
    text = text.lstrip(ESCAPE)
    return text.startswith(FORMULA_TRIGGERS) and not NUMBER.fullmatch(text)


def safe_cell(value):
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and _runs_as_formula(value):
        return ESCAPE + value
    return value


def safe_row(values):
    return [safe_cell(value) for value in values]


def restore_cell(value):
    if isinstance(value, str) and value.startswith(ESCAPE) and _runs_as_formula(value):
        return value[1:]
    return value


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


class XlsxWriter:
    """A workbook written row by row (openpyxl's write-only mode: memory stays flat)."""

    def __init__(self):
        self.book = Workbook(write_only=True)

    def sheet(self, title: str, header: Iterable, widths: Iterable[int] = ()) -> "XlsxSheet":
        sheet = self.book.create_sheet(str(title)[:31])
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        return XlsxSheet(sheet, header)

    def content(self) -> bytes:
        out = io.BytesIO()
        self.book.save(out)
        return out.getvalue()


class XlsxSheet:
    def __init__(self, sheet, header: Iterable):
        self._sheet = sheet
        self.append(header)

    def append(self, values: Iterable) -> None:
        self._sheet.append(safe_row(_local(value) for value in values))

    def extend(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.append(row)


def _csv_text(value) -> str:
    value = _local(value)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def csv_response(filename: str, header: Iterable, rows: Iterable[Iterable]) -> HttpResponse:
    """A CSV download Excel opens as UTF-8 (with a BOM)."""
    response = HttpResponse(content_type=CSV_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response.write("\ufeff")
    writer = csv.writer(response)
    for row in itertools.chain([header], rows):
        writer.writerow(safe_row(_csv_text(value) for value in row))
    return response


def xlsx_response(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
