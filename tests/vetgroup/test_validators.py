import pytest
from django.core.exceptions import ValidationError
from stdnum.cn import ric

from core.validators import (
    resident_id_check_character,
    validate_credit_code,
    validate_mobile,
    validate_resident_id,
)

VALID_CODE = "91441900MA4UJ5R94E"


def test_valid_credit_code_passes_with_spaces_or_lower_case():
    validate_credit_code(VALID_CODE)
    validate_credit_code(" 91441900ma4uj5r94e ")


def test_credit_code_with_a_wrong_check_character_is_refused_with_that_reason():
    with pytest.raises(ValidationError) as error:
        validate_credit_code(VALID_CODE[:-1] + "F")
    assert error.value.code == "credit_code_checksum"


@pytest.mark.parametrize("code", ["91441900", "91441900ABCDEFGHI", "914419001234567891"])
def test_malformed_or_wrong_credit_codes_are_refused(code):
    with pytest.raises(ValidationError):
        validate_credit_code(code)


@pytest.mark.parametrize("phone", ["13800138000", "19912345678"])
def test_mainland_mobile_numbers_pass(phone):
    validate_mobile(phone)


@pytest.mark.parametrize("phone", ["1380013800", "23800138000", "138-0013-8000", "+8613800138000"])
def test_other_numbers_are_refused(phone):
    with pytest.raises(ValidationError):
        validate_mobile(phone)


def make_resident_id(first17: str) -> str:
    """A valid number whose check character comes from python-stdnum, not the code under test."""
    return first17 + ric.calc_check_digit(first17 + "?")


# Worked examples of GB 11643-1999, checked by hand with the weights 7 9 10 5 8 4 2 1 6 3 7 9
# 10 5 8 4 2 and the table 1 0 X 9 8 7 6 5 4 3 2 (indexed by the weighted sum mod 11):
# 11010519491231002 -> sum 167, 167 mod 11 = 2 -> X;  44052418800101001 -> sum 195, mod 11 = 8 -> 4.
STANDARD_EXAMPLE = "11010519491231002X"  # Beijing Chaoyang, born 1949-12-31, a woman


def test_the_worked_examples_of_the_standard_have_their_check_characters():
    assert resident_id_check_character("11010519491231002") == "X"
    assert resident_id_check_character("44052418800101001") == "4"


def test_the_standards_example_passes_and_each_other_check_character_is_refused():
    validate_resident_id(STANDARD_EXAMPLE)
    for wrong in "0123456789":
        with pytest.raises(ValidationError) as error:
            validate_resident_id(STANDARD_EXAMPLE[:17] + wrong)
        assert error.value.code == "id_checksum"


def test_every_position_and_digit_gets_the_check_character_python_stdnum_gives():
    """Each of the 17 digits in turn takes every value: every weight and every entry of the
    check table is exercised, against python-stdnum's independent implementation."""
    base = "44190019900101123"
    for position in range(17):
        for digit in "0123456789":
            first17 = base[:position] + digit + base[position + 1 :]
            expected = ric.calc_check_digit(first17 + "?")  # stdnum ignores the last character
            assert resident_id_check_character(first17) == expected, first17


def test_resident_id_with_right_check_character_passes_even_for_an_old_region_code():
    validate_resident_id(make_resident_id("44190019800101123"))  # Dongguan, code from 1988 on
    validate_resident_id(make_resident_id("11010519491231002").lower())


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("4419001980010112", "id_format"),
        ("44190019801301123X", "id_birth_date"),
        ("44190021000101123X", "id_birth_date"),
    ],
)
def test_bad_resident_ids_are_refused_with_the_reason(number, code):
    with pytest.raises(ValidationError) as error:
        validate_resident_id(number)
    assert error.value.code == code


def test_resident_id_with_a_wrong_check_character_is_refused():
    good = make_resident_id("44190019800101123")
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(ValidationError) as error:
        validate_resident_id(wrong)
    assert error.value.code == "id_checksum"


def test_full_width_or_other_script_digits_are_refused():
    from core.validators import validate_resident_id

    with pytest.raises(ValidationError):
        validate_mobile("１３８００１３８０００")
    with pytest.raises(ValidationError):
        validate_resident_id("４４１９００１９８００１０１１２３４")
