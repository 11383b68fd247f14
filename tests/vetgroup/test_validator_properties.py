"""Every valid identifier passes; every one-character change of a valid one fails."""

import string
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from core.validators import (
    validate_credit_code,
    validate_mobile,
    validate_resident_id,
)

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@st.composite
def resident_ids(draw) -> str:
    region = draw(st.from_regex(r"[1-8][0-9]{5}", fullmatch=True))
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date.today()))
    serial = draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    first17 = region + born.strftime("%Y%m%d") + serial
    return first17 + ric.calc_check_digit(first17 + "?")  # python-stdnum: independent of the code


@st.composite
def credit_codes(draw) -> str:
    head = draw(st.from_regex(r"[1-9][1-9][0-9]{6}", fullmatch=True))
    body = "".join(draw(st.lists(st.sampled_from(CREDIT_ALPHABET), min_size=9, max_size=9)))
    partial = head + body
    return partial + uscc.calc_check_digit(partial)


mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)


def one_character_changes(value: str, alphabet: str, position: int, replacement: str) -> str:
    position %= len(value)
    if value[position] == replacement:
        replacement = alphabet[(alphabet.index(replacement) + 1) % len(alphabet)]
    return value[:position] + replacement + value[position + 1 :]


@given(resident_ids())
def test_every_valid_resident_id_passes(number):
    validate_resident_id(number)


@st.composite
def resident_id_candidates(draw) -> str:
    """Real-looking numbers with any check character (about one in eleven right), dates either
    side of the allowed range, and now and then arbitrary digits (mostly impossible dates)."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.from_regex(r"[0-9]{17}[0-9X]", fullmatch=True))
    region = draw(st.from_regex(r"[1-8][0-9]{5}", fullmatch=True))
    born = draw(st.dates(min_value=date(1890, 1, 1), max_value=date.today() + timedelta(days=400)))
    serial = draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    return region + born.strftime("%Y%m%d") + serial + draw(st.sampled_from(string.digits + "X"))


@settings(max_examples=400)
@given(resident_id_candidates())
def test_the_validator_agrees_with_python_stdnum_on_check_character_and_birth_date(number):
    """python-stdnum's cn.ric is the oracle for the check character and the date; its region
    table is left out (it refuses real people, e.g. 441900 before 1988)."""
    try:
        born = ric.get_birth_date(number)
    except ValueError:  # stdnum raises its own InvalidComponent, a ValueError
        born = None
    expected = (
        ric.calc_check_digit(number[:17] + "?") == number[17]
        and born is not None
        and date(1900, 1, 1) <= born <= date.today()
    )
    try:
        validate_resident_id(number)
    except ValidationError:
        assert not expected, number
    else:
        assert expected, number


@settings(max_examples=300)
@given(resident_ids(), st.integers(0, 17), st.sampled_from(string.digits + "X"))
def test_every_one_character_change_of_a_resident_id_fails(number, position, replacement):
    changed = one_character_changes(number, string.digits + "X", position, replacement)
    with pytest.raises(ValidationError):
        validate_resident_id(changed)


@given(credit_codes())
def test_every_valid_credit_code_passes(code):
    validate_credit_code(code)


@settings(max_examples=300)
@given(credit_codes(), st.integers(0, 17), st.sampled_from(CREDIT_ALPHABET))
def test_every_one_character_change_of_a_credit_code_fails(code, position, replacement):
    changed = one_character_changes(code, CREDIT_ALPHABET, position, replacement)
    with pytest.raises(ValidationError):
        validate_credit_code(changed)


@given(mobiles)
def test_every_mainland_mobile_number_passes(phone):
    validate_mobile(phone)


@given(mobiles, st.integers(0, 2), st.sampled_from("0125"))
def test_changing_the_prefix_of_a_mobile_number_fails(phone, position, replacement):
    changed = one_character_changes(phone, "0125", position, replacement)
    if changed[1] in "3456789" and changed[0] == "1":
        changed = changed[0] + "2" + changed[2:]
    with pytest.raises(ValidationError):
        validate_mobile(changed)


def test_a_birth_date_in_the_future_is_refused():
    tomorrow = date.today() + timedelta(days=1)
    first17 = "441900" + tomorrow.strftime("%Y%m%d") + "123"
    with pytest.raises(ValidationError):
        validate_resident_id(first17 + ric.calc_check_digit(first17 + "?"))
