"""Validators for the domain's identifiers, shared by models, forms, the API and imports."""

import re
import unicodedata
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc

MOBILE_RE = re.compile(r"^1[3-9][0-9]{9}$")


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


ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"


def resident_id_check_character(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def resident_id_birth_date(value: str) -> date | None:
    try:
        return datetime.strptime(value[6:14], "%Y%m%d").date()
    except ValueError:
        return None


def resident_id_sex(value: str) -> str:
    """'M' or 'F' from the 17th digit of a resident ID number (odd: male)."""
    return "M" if int(value[16]) % 2 else "F"


def validate_resident_id(value: str) -> None:
    """Resident ID number, GB 11643-1999: 17 digits, a check character, a real birth date.

    The region code is not checked strictly: codes are renamed and retired, and stdnum's region
    table refuses real people (e.g. 441900 before 1988).
    """
    number = (value or "").strip().upper()
    if not re.fullmatch(r"[0-9]{17}[0-9X]", number):
        raise ValidationError(
            _("A resident ID number has 17 digits followed by a digit or X."), code="id_format"
        )
    birth = resident_id_birth_date(number)
    if birth is None or birth < date(1900, 1, 1) or birth > date.today():
        raise ValidationError(
            _("The birth date in this resident ID number is not a real date."), code="id_birth_date"
        )
    if resident_id_check_character(number[:17]) != number[17]:
        raise ValidationError(
            _("The check character of this resident ID number is wrong."), code="id_checksum"
        )


# Control, format (zero-width, direction marks and overrides), private-use, unassigned and
# surrogate code points, and line or paragraph separators: invisible, or able to reorder a line.
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp"}
# Default-ignorable code points outside those categories: fillers that look blank, variation
# selectors, the combining grapheme joiner.
INVISIBLE_OTHERS = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef]"
)


def normalize_name(value: str) -> str:
    """A name as stored: NFKC (full-width letters and spaces become ordinary ones), trimmed."""
    return unicodedata.normalize("NFKC", value or "").strip()


def validate_name(value: str) -> None:
    """A person's or organisation's name: no invisible characters, at least one letter."""
    name = normalize_name(value)
    if INVISIBLE_OTHERS.search(name) or any(
        unicodedata.category(c) in INVISIBLE_CATEGORIES for c in name
    ):
        raise ValidationError(
            _(
                "A name cannot contain control or invisible characters "
                "(such as zero-width spaces or text-direction marks)."
            ),
            code="name_invisible",
        )
    if not any(unicodedata.category(c).startswith("L") for c in name):
        raise ValidationError(_("A name needs at least one letter."), code="name_no_letter")
