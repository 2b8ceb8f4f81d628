"""Resident ID numbers (居民身份证号码) as GB 11643-1999 defines them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

# GB 11643-1999: weights of the first 17 digits; the weighted sum mod 11 indexes the check characters.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"

# GB/T 2260: the first two digits of the area code name the province.
PROVINCES = {
    "11": "北京市",
    "12": "天津市",
    "13": "河北省",
    "14": "山西省",
    "15": "内蒙古自治区",
    "21": "辽宁省",
    "22": "吉林省",
    "23": "黑龙江省",
    "31": "上海市",
    "32": "江苏省",
    "33": "浙江省",
    "34": "安徽省",
    "35": "福建省",
    "36": "江西省",
    "37": "山东省",
    "41": "河南省",
    "42": "湖北省",
    "43": "湖南省",
    "44": "广东省",
    "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市",
    "51": "四川省",
    "52": "贵州省",
    "53": "云南省",
    "54": "西藏自治区",
    "61": "陕西省",
    "62": "甘肃省",
    "63": "青海省",
    "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
    "71": "台湾省",
    "81": "香港特别行政区",
    "82": "澳门特别行政区",
    # 港澳台居民居住证 numbers use 810000, 820000 and 830000 (Taiwan) as their area codes.
    "83": "台湾省",
}


class InvalidIdNumber(ValueError):
    """An ID number that is not a valid 15- or 18-digit resident ID."""


@dataclass(frozen=True)
class IdNumber:
    """What a valid ID number tells: birth date, sex and province."""

    number: str
    birth_date: date
    sex: str
    province: str


# The earliest birth date an ID number of a living person holds.
EARLIEST_BIRTH = date(1900, 1, 1)


def check_character(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def parse_id_number(raw: str) -> IdNumber:
    """Validate an 18-digit (or older 15-digit) ID number and read what it encodes.

    Full-width digits are made ASCII (NFKC) and a 15-digit number is given its 18-digit form, so one person's
    number is one string however it was typed: the site's one-account-per-ID rule compares these.
    """
    number = unicodedata.normalize("NFKC", raw).strip().upper()
    if re.fullmatch(r"[0-9]{15}", number, re.ASCII):
        first17 = number[:6] + "19" + number[6:]
        number = first17 + check_character(first17)
    elif not re.fullmatch(r"[0-9]{17}[0-9X]", number, re.ASCII):
        raise InvalidIdNumber("length")
    if check_character(number[:17]) != number[17]:
        raise InvalidIdNumber("check character")
    birth, sequence = number[6:14], number[14:17]
    province = PROVINCES.get(number[:2])
    if province is None:
        raise InvalidIdNumber("area code")
    try:
        born = date(int(birth[:4]), int(birth[4:6]), int(birth[6:]))
    except ValueError as exc:
        raise InvalidIdNumber("birth date") from exc
    if not EARLIEST_BIRTH <= born <= date.today():  # no one living was born before it, nor anyone tomorrow
        raise InvalidIdNumber("birth date")
    return IdNumber(number, born, "男" if int(sequence) % 2 else "女", province)


def canonical(raw: str) -> str:
    """The number as the site keeps and compares it (see parse_id_number), or the typed text tidied."""
    try:
        return parse_id_number(raw).number
    except InvalidIdNumber:
        return unicodedata.normalize("NFKC", raw).strip().upper()
