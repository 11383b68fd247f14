"""Validators for the domain's identifiers, shared by models, forms, the API and imports."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


def normalize_credit_code(value: str) -> str:
    return uscc.compact(value or "").upper()


def validate_credit_code(value: str) -> None:
    """Unified social credit code, GB 32100-2015: 18 characters, check character verified."""
    code = normalize_credit_code(value)
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters."), code="credit_code_length"
        )
    try:
        uscc.validate(code)
    except uscc.InvalidChecksum as exc:
        raise ValidationError(
            _("The check character of this unified social credit code is wrong."),
            code="credit_code_checksum",
        ) from exc
    except uscc.ValidationError as exc:
        raise ValidationError(
            _("This is not a valid unified social credit code."), code="credit_code_format"
        ) from exc


def validate_mobile(value: str) -> None:
    """A mainland China mobile number: 11 digits starting with 1."""
    if not MOBILE_RE.match(value or ""):
        raise ValidationError(
            _("Enter an 11-digit mainland mobile number, e.g. 13800138000."), code="mobile"
        )
