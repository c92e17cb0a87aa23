"""Solr dates: parsing, date math (NOW-1DAY, /DAY) and output format.

Dates are kept as integer milliseconds since the epoch, the precision Solr
keeps: `2026-11-21T01:25:15.084496Z` becomes ...084 on both the indexed and
the queried side, and is written back as `2026-11-21T01:25:15.084Z`
(no fraction when the milliseconds are 0), as Solr writes it.
"""
from __future__ import annotations

import calendar
import re
import time
from datetime import UTC, datetime, timedelta

from .errors import SolrError

# Solr parses leniently with Java's ISO_INSTANT, which also takes an offset
# (CKAN sends `2019-10-10T01:15:00+00:00` for extras ending in _date).
_ISO = re.compile(
    r"(?P<y>[+-]?\d{4,5})-(?P<mo>\d{2})-(?P<d>\d{2})T(?P<h>\d{2}):(?P<mi>\d{2}):(?P<s>\d{2})"
    r"(?:\.(?P<f>\d{1,9}))?(?:Z|(?P<oh>[+-]\d{2}):?(?P<om>\d{2}))",
    re.IGNORECASE,
)
_MATH = re.compile(r"([+-]\d+|/)([A-Za-z]+)")
_UNITS = {
    "YEAR": "year", "YEARS": "year", "MONTH": "month", "MONTHS": "month",
    "DAY": "day", "DAYS": "day", "DATE": "day", "HOUR": "hour", "HOURS": "hour",
    "MINUTE": "minute", "MINUTES": "minute", "SECOND": "second", "SECONDS": "second",
    "MILLI": "milli", "MILLIS": "milli", "MILLISECOND": "milli", "MILLISECONDS": "milli",
}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def now_millis() -> int:
    return time.time_ns() // 1_000_000


def _invalid(value: str) -> SolrError:
    return SolrError(f"Invalid Date String:'{value}'")


def _from_millis(ms: int) -> datetime:
    return _EPOCH + timedelta(milliseconds=ms)


def _to_millis(dt: datetime) -> int:
    delta = dt - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000


def parse_instant(value: str) -> int:
    """An ISO instant `YYYY-MM-DDThh:mm:ss[.fff](Z|+hh:mm)` as epoch milliseconds."""
    m = _ISO.fullmatch(value)
    if not m:
        raise _invalid(value)
    try:
        dt = datetime(int(m["y"]), int(m["mo"]), int(m["d"]), int(m["h"]), int(m["mi"]),
                      int(m["s"]), tzinfo=UTC)
    except (ValueError, OverflowError):
        raise _invalid(value) from None
    millis = int((m["f"] or "0").ljust(3, "0")[:3])
    offset = 0
    if m["oh"]:
        sign = -1 if m["oh"][0] == "-" else 1
        offset = sign * (abs(int(m["oh"])) * 60 + int(m["om"])) * 60_000
    return _to_millis(dt) + millis - offset


def parse_date(value: str, now: int | None = None) -> int:
    """A Solr date value, optionally with date math: NOW, NOW/DAY+1DAY, 2024-01-01T00:00:00Z-1YEAR."""
    text = value.strip()
    if text.startswith("NOW"):
        base = now_millis() if now is None else now
        math = text[3:]
    else:
        m = _ISO.match(text)
        if not m:
            raise _invalid(value)
        base = parse_instant(m.group())
        math = text[m.end():]
    if not math:
        return base
    return apply_math(base, math, value)


def apply_math(base: int, math: str, original: str) -> int:
    pos = 0
    dt = _from_millis(base)
    while pos < len(math):
        m = _MATH.match(math, pos)
        if not m:
            raise _invalid(original)
        op, unit_name = m.group(1), m.group(2).upper()
        unit = _UNITS.get(unit_name)
        if unit is None:
            raise _invalid(original)
        try:
            dt = _round(dt, unit) if op == "/" else _add(dt, unit, int(op))
        except (OverflowError, ValueError):
            raise _invalid(original) from None
        pos = m.end()
    return _to_millis(dt)


def _round(dt: datetime, unit: str) -> datetime:
    if unit == "year":
        return dt.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    if unit == "month":
        return dt.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    if unit == "day":
        return dt.replace(hour=0, minute=0, second=0, microsecond=0)
    if unit == "hour":
        return dt.replace(minute=0, second=0, microsecond=0)
    if unit == "minute":
        return dt.replace(second=0, microsecond=0)
    if unit == "second":
        return dt.replace(microsecond=0)
    return dt.replace(microsecond=dt.microsecond // 1000 * 1000)


def _add(dt: datetime, unit: str, n: int) -> datetime:
    if unit in ("year", "month"):
        months = dt.month - 1 + (n * 12 if unit == "year" else n)
        year = dt.year + months // 12
        month = months % 12 + 1
        day = min(dt.day, calendar.monthrange(year, month)[1])
        return dt.replace(year=year, month=month, day=day)
    seconds = {"day": 86_400, "hour": 3_600, "minute": 60, "second": 1}.get(unit)
    if seconds is None:
        return dt + timedelta(milliseconds=n)
    return dt + timedelta(seconds=n * seconds)


def format_date(ms: int) -> str:
    """Solr's output form: milliseconds only when non-zero."""
    try:
        dt = _from_millis(ms)
    except OverflowError:
        return str(ms)
    frac = ms % 1000
    base = dt.strftime("%Y-%m-%dT%H:%M:%S")
    if dt.year < 1000:
        base = f"{dt.year:04d}" + base[base.index("-"):]
    return f"{base}.{frac:03d}Z" if frac else f"{base}Z"
