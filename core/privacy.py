"""How a resident ID number or mobile number is masked, and none in full in logs, error mails
or debug pages.

Masked in one place each: every log record as it is created (so every handler and logger sees
the masked text), and the text of every exception report (admin e-mails, the debug page), whose
POST data and local variables would otherwise show what an applicant typed.
"""

import logging
import re

from django.views.debug import ExceptionReporter

# 18-character resident ID numbers and 11-digit mainland mobile numbers, not inside longer runs.
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{3})\d{11}(\d{3}[0-9Xx])(?![0-9A-Za-z])")
# Also in E.164 (+8613800138000), as phone accounts store them.
MOBILE = re.compile(r"(?<!\d)(?:\+?86)?(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def mask_id_number(value: str) -> str:
    """Keep the region's first 3 and the last 4 characters: 441***********123X."""
    if not value:
        return ""
    return value[:3] + "*" * (len(value) - 7) + value[-4:] if len(value) > 7 else "*" * len(value)


def mask_phone(value: str) -> str:
    return value[:3] + "****" + value[-4:] if len(value) == 11 else "*" * len(value)


def mask_name(name: str) -> str:
    """张三 → 张*, 欧阳小明 → 欧**明: enough to match a letter in hand, not to identify."""
    name = (name or "").strip()
    if len(name) <= 2:
        return name[:1] + "*" * (len(name) - 1)
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_personal_data(text: str) -> str:
    """Every resident ID and mobile number in a text, masked as on the portal's pages."""
    text = ID_NUMBER.sub(lambda match: mask_id_number(match[0]), text)
    return MOBILE.sub(lambda match: mask_phone(match[0][-11:]), text)  # without +86


_make_record = logging.getLogRecordFactory()


def _masked_record(*args, **kwargs) -> logging.LogRecord:
    record = _make_record(*args, **kwargs)
    try:
        message = record.getMessage()
    except Exception:  # a broken format string: leave it to logging's own error report
        return record
    masked = mask_personal_data(message)
    if masked != message:
        record.msg, record.args = masked, None
    if record.exc_info and record.exc_info[0] is not None:
        record.exc_text = mask_personal_data(logging.Formatter().formatException(record.exc_info))
    return record


def install_log_masking() -> None:
    if logging.getLogRecordFactory() is not _masked_record:
        logging.setLogRecordFactory(_masked_record)


class MaskingExceptionReporter(ExceptionReporter):
    """Django's exception report (admin e-mails, the DEBUG page) with personal numbers masked."""

    def get_traceback_text(self):
        return mask_personal_data(super().get_traceback_text())

    def get_traceback_html(self):
        return mask_personal_data(super().get_traceback_html())
