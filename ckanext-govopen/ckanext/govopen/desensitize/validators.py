"""Scalar validators for identifiers: the reference semantics.

These are used on small samples (content classification), on the rare cells that need
the Python path, and by the independent verification pass. The vectorized equivalents in
``vector.py`` are tested against these.

Resident IDs are checked with ``stdnum.cn.ric.calc_check_digit`` only: ``ric.is_valid``
also demands that the area code existed in the birth year and rejects most real IDs.
"""

from __future__ import annotations

import datetime
import re

from stdnum import luhn
from stdnum.cn import ric

from . import patterns as P
from .surnames import COMPOUND, SINGLE

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))

_RE_ID18 = re.compile(r"[1-9][0-9]{16}[0-9Xx]")
_RE_ID15 = re.compile(r"[1-9][0-9]{14}")
_RE_MOBILE = re.compile(P.MOBILE)
_RE_LANDLINE = re.compile(P.LANDLINE)
_RE_EMAIL = re.compile(P.EMAIL, re.ASCII)
_RE_PASSPORT = re.compile(P.PASSPORT)
_RE_PLATE = re.compile(P.PLATE)
_RE_USCC = re.compile(P.USCC)
_RE_NAME = re.compile(P.render(P.NAME_HAN, P.PY))


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def id_check_char(body17: str) -> str:
    """The check character of an 18-digit resident ID for its first 17 digits."""
    return ric.calc_check_digit(body17 + "0")


def is_resident_id(value: str) -> bool:
    """An 18-digit ID with a real birth date and a correct check digit, or a 15-digit one
    with a real birth date (the old form has no check digit)."""
    v = value.strip()
    if len(v) == 18 and _RE_ID18.fullmatch(v):
        year, month, day = int(v[6:10]), int(v[10:12]), int(v[12:14])
        return (
            1800 <= year <= 2099
            and _valid_date(year, month, day)
            and id_check_char(v[:17]) == v[17].upper()
        )
    if len(v) == 15 and _RE_ID15.fullmatch(v):
        return _valid_date(1900 + int(v[6:8]), int(v[8:10]), int(v[10:12]))
    return False


def is_uscc(value: str) -> bool:
    """A unified social credit code (GB 32100) with a correct check character."""
    v = value.strip()
    if len(v) != 18 or not _RE_USCC.fullmatch(v):
        return False
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(v, _USCC_WEIGHTS))
    return _USCC_ALPHABET[(31 - total % 31) % 31] == v[17]


def is_public_uscc(value: str) -> bool:
    """A valid USCC that is not also a valid resident ID or bank card number: when a
    string is both, it is treated as the personal one (fail closed; 18-digit cards pass
    the USCC check about once in 31)."""
    return is_uscc(value) and not is_resident_id(value) and not is_bank_card(value)


def is_bank_card(value: str) -> bool:
    digits = re.sub(r"[- ]", "", value.strip())
    return (
        16 <= len(digits) <= 19
        and digits.isascii()
        and digits.isdigit()
        and digits[0] in "3456"
        and luhn.is_valid(digits)
    )


def is_mobile(value: str) -> bool:
    return bool(_RE_MOBILE.fullmatch(value.strip()))


def is_landline(value: str) -> bool:
    return bool(_RE_LANDLINE.fullmatch(value.strip()))


def is_phone(value: str) -> bool:
    return is_mobile(value) or is_landline(value)


def is_email(value: str) -> bool:
    return bool(_RE_EMAIL.fullmatch(value.strip()))


def is_passport(value: str) -> bool:
    return bool(_RE_PASSPORT.fullmatch(value.strip().upper()))


def is_plate(value: str) -> bool:
    return bool(_RE_PLATE.fullmatch(value.strip().upper()))


def is_chinese_name(value: str) -> bool:
    v = value.strip()
    if not _RE_NAME.fullmatch(v) or (len(v) > 4 and "·" not in v):
        return False
    return v[0] in SINGLE or v[:2] in COMPOUND
