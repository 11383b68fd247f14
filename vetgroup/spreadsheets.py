"""Cells for every XLSX and CSV the portal writes.

A spreadsheet runs text starting with one of FORMULA_TRIGGERS as a formula (OWASP "CSV injection"),
so such text is written with a leading apostrophe; `restore_cell` undoes it when the portal reads
its own files back.
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return ESCAPE + value
    return value


def safe_row(values):
    return [safe_cell(value) for value in values]


def restore_cell(value):
    escaped = isinstance(value, str) and value.startswith(ESCAPE)
    if escaped and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value
