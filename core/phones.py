"""Mainland mobile numbers: parsed and checked with phonenumbers, stored as E.164 (+86...)."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MOBILE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}


def normalize_mobile(raw: str) -> str:
    """'138 0013 8000', '+86 13800138000' or '8613800138000' -> '+8613800138000'.

    Raises ValidationError with a message saying what is wrong (malformed, landline, foreign)."""
    text = "".join(ch for ch in (raw or "") if ch.isdigit() or ch == "+")
    if text.startswith("0086"):
        text = "+" + text[2:]
    elif text.startswith("86") and len(text) == 13:
        text = "+" + text
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        raise ValidationError(
            _("Enter an 11-digit mainland mobile number, e.g. 13800138000."), code="invalid_phone"
        )
    if number.country_code != 86:
        raise ValidationError(
            _("Only mainland China mobile numbers (+86) can receive our text messages."),
            code="foreign_phone",
        )
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("Enter an 11-digit mainland mobile number, e.g. 13800138000."), code="invalid_phone"
        )
    if phonenumbers.number_type(number) not in MOBILE_TYPES:
        raise ValidationError(
            _("This looks like a landline: enter a mobile number that can receive text messages."),
            code="landline_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def national_mobile(e164: str) -> str:
    """'+8613800138000' -> '13800138000' (what forms, SMS files and vendors use)."""
    return e164[3:] if e164.startswith("+86") else e164


def mask_mobile(number: str) -> str:
    """'+8613800138000' or '13800138000' -> '138****8000'."""
    national = national_mobile(number or "")
    return national[:3] + "****" + national[-4:] if len(national) == 11 else "*" * len(national)
