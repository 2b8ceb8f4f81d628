"""GB 11643-1999 ID numbers: check character, birth date, sex, province."""

from datetime import date

import pytest
from faker import Faker

from mock_server.idcard import InvalidIdNumber, check_character, parse_id_number


def test_standard_example_is_valid() -> None:
    parsed = parse_id_number("11010519491231002X")
    assert (parsed.birth_date, parsed.sex, parsed.province) == (date(1949, 12, 31), "女", "北京市")


def test_lower_case_x_is_accepted() -> None:
    assert parse_id_number("11010519491231002x").number == "11010519491231002X"


def test_check_character_is_computed_from_the_weights() -> None:
    assert check_character("11010519491231002") == "X"
    assert check_character("43010219900101001") == "6"  # sum 149, 149 mod 11 = 6


@pytest.mark.parametrize("wrong", ["110105194912310020", "110105194912310021", "110105194912310029"])
def test_wrong_check_character_is_refused(wrong: str) -> None:
    with pytest.raises(InvalidIdNumber, match="check character"):
        parse_id_number(wrong)


def test_fifteen_digit_number_reads_a_twentieth_century_date() -> None:
    parsed = parse_id_number("430102900101003")
    assert (parsed.birth_date, parsed.sex, parsed.province) == (date(1990, 1, 1), "男", "湖南省")


@pytest.mark.parametrize(
    ("number", "reason"),
    [("1101051949123100", "length"), ("990105194912310028", "area code"), ("110105194913310024", "birth date")],
)
def test_malformed_numbers_are_refused(number: str, reason: str) -> None:
    fixed = number if reason == "length" else number[:17] + check_character(number[:17])
    with pytest.raises(InvalidIdNumber, match=reason):
        parse_id_number(fixed)


def test_faker_numbers_pass_the_check() -> None:
    fake = Faker("zh_CN")
    for seed in range(300):
        fake.seed_instance(seed)
        parse_id_number(fake.ssn())


@pytest.mark.parametrize("born", ["20990101", "18000101"], ids=["还没出生", "1900年以前"])
def test_a_birth_date_no_living_person_has_is_refused(born: str) -> None:
    """校验位正确、但出生日期在今天之后或 1900 年以前的身份证号不成立"""
    first17 = f"110101{born}001"
    with pytest.raises(InvalidIdNumber, match="birth date"):
        parse_id_number(first17 + check_character(first17))
