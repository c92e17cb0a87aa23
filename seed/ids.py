"""Identifier numbers with correct check characters.

Resident identity numbers (GB 11643) carry an ISO 7064 MOD 11-2 check digit; unified social
credit codes (GB 32100) embed a GB 11714 organization code with its own check character and
end with a MOD 31 check character. The check characters come from python-stdnum, whose
`calc_check_digit` functions are exact (its `ric.is_valid` rejected most correctly
check-digited resident IDs when measured, so it is not used).
"""
from __future__ import annotations

import datetime as dt
import random

from stdnum.cn import ric, uscc

# GB 11714 organization code: weights of the eight body characters.
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# GB 32100 position 1 (registering authority) and 2 (entity category).
ENTITY_PREFIXES = {
    "agency": "11",  # 机构编制 · 机关
    "institution": "12",  # 机构编制 · 事业单位
    "social_group": "51",  # 民政 · 社会团体
    "private_nonprofit": "52",  # 民政 · 民办非企业单位
    "enterprise": "91",  # 工商 · 企业
    "individual": "92",  # 工商 · 个体工商户
    "cooperative": "93",  # 工商 · 农民专业合作社
}


def org_code_check(body: str) -> str:
    """Check character of an 8-character GB 11714 organization code body."""
    total = sum(_ORG_ALPHABET.index(c) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def make_uscc(rng: random.Random, prefix: str, area_code: str) -> str:
    """A valid unified social credit code: prefix (2) + area (6) + org code (9) + check (1)."""
    if len(prefix) != 2 or len(area_code) != 6:
        raise ValueError(f"bad USCC parts: {prefix!r} {area_code!r}")
    body = f"{rng.randrange(10_000_000, 100_000_000)}"
    head = f"{prefix}{area_code}{body}{org_code_check(body)}"
    return head + uscc.calc_check_digit(head)


def is_valid_uscc(code: str) -> bool:
    """Both check characters right (stdnum checks only the last one)."""
    return uscc.is_valid(code) and code[16] == org_code_check(code[8:16])


def make_resident_id(rng: random.Random, area_code: str, birth: dt.date, female: bool) -> str:
    """An 18-character resident identity number; the order code's parity gives the sex."""
    order = rng.randrange(0, 500) * 2 + (0 if female else 1)
    body = f"{area_code}{birth:%Y%m%d}{order:03d}"
    # stdnum's calc_check_digit ignores the last character of what it is given.
    return body + ric.calc_check_digit(body + "0")


def resident_id_check_ok(number: str) -> bool:
    """MOD 11-2 check only; the area code is not looked up (stdnum's `ric.is_valid` is not usable, see above)."""
    return (
        len(number) == 18
        and number[:17].isdigit()
        and number[17] == ric.calc_check_digit(number)
    )
