"""Identifiers of the catalog: resource codes, credit codes, division codes.

Resource code (信息资源代码) = provider code + classification code + sequence:
``<18-character unified social credit code>-<6-digit classification>-<4-digit sequence>``,
e.g. ``11140000MB0123456X-101001-0001``. The sequence counts per provider and
classification, from 0001.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from stdnum.cn import uscc
from stdnum.exceptions import (
    InvalidChecksum,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)

SEQUENCE_DIGITS = 4
_RESOURCE_CODE = re.compile(
    r"^(?P<provider>[0-9A-HJ-NPQRTUWXY]{18})-(?P<classification>\d{6})-(?P<seq>\d{4})$")
_DIVISION = re.compile(r"^\d{6}$")
_YEARS = re.compile(r"^\[(?P<start>\d{4})?-(?P<end>\d{4})?\]")


class CodeError(ValueError):
    """A code is malformed; `reason` is one of the keys below, for a translated message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# Credit codes ----------------------------------------------------------------


def check_credit_code(value: str) -> str:
    """The normalized unified social credit code (GB 32100), or CodeError.

    Reasons: ``length`` (not 18 characters), ``format`` (characters outside the
    code alphabet, or registration digits that are not digits), ``checksum``.
    """
    try:
        return uscc.validate(value)
    except InvalidLength as e:
        raise CodeError("length") from e
    except InvalidChecksum as e:
        raise CodeError("checksum") from e
    except (InvalidFormat, ValidationError, ValueError) as e:
        raise CodeError("format") from e


def credit_check_character(first17: str) -> str:
    return uscc.calc_check_digit(first17)


# Resource codes --------------------------------------------------------------


def compose_resource_code(provider_code: str, classification: str, sequence: int) -> str:
    if not 0 < sequence < 10 ** SEQUENCE_DIGITS:
        raise CodeError("sequence")
    return f"{provider_code}-{classification}-{sequence:0{SEQUENCE_DIGITS}d}"


def resource_code_prefix(provider_code: str, classification: str) -> str:
    return f"{provider_code}-{classification}-"


def parse_resource_code(value: str) -> tuple[str, str, int]:
    """(provider code, classification code, sequence), or CodeError("format")."""
    m = _RESOURCE_CODE.match(value or "")
    if not m or int(m["seq"]) == 0:
        raise CodeError("format")
    return m["provider"], m["classification"], int(m["seq"])


def is_resource_code(value: str) -> bool:
    try:
        parse_resource_code(value)
    except CodeError:
        return False
    return True


def next_sequence(codes_in_use: Iterable[str]) -> int:
    """The next free sequence after the highest one among codes sharing a prefix."""
    highest = 0
    for code in codes_in_use:
        try:
            highest = max(highest, parse_resource_code(code)[2])
        except CodeError:
            continue
    if highest + 1 >= 10 ** SEQUENCE_DIGITS:
        raise CodeError("sequence")
    return highest + 1


# Administrative divisions (GB/T 2260) -----------------------------------------


@lru_cache(maxsize=4096)
def division_name(code: str) -> str | None:
    """Name of a current GB/T 2260 division code, else None.

    ``140000`` → 山西省, ``140100`` → 山西省 太原市, ``140105`` → 山西省 太原市 小店区.
    The table is the one python-stdnum ships for resident ID numbers; codes it marks
    as abolished (``[1983-1997]``) are not current.
    """
    if not _DIVISION.match(code or ""):
        return None
    own = _current_name(code)
    if own is None:
        return None
    parts = [_current_name(code[:2] + "0000") or ""]
    if not code.endswith("0000"):
        city = _current_name(code[:4] + "00") if not code.endswith("00") else None
        if city and city != "市辖区":
            parts.append(city)
        parts.append(own)
    return " ".join(p for p in parts if p)


def _current_name(code: str) -> str | None:
    from stdnum import numdb

    info = numdb.get("cn/loc").info(code)
    if len(info) < 2 or not info[1][1].get("county"):
        return None
    name = info[1][1]["county"]
    years = _YEARS.match(name)
    if years:
        if years["end"]:
            return None
        name = name[years.end():]
    return name


def is_division_code(code: str) -> bool:
    return division_name(code) is not None
