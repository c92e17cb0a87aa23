"""The portal's clock: every date a person sees or a rule counts is in Asia/Shanghai.

Pure (no CKAN): CKAN stores naive UTC datetimes; these functions turn them into the
provincial calendar day and into text in the reader's language.
"""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime

TIMEZONE = "Asia/Shanghai"
ZONE = ZoneInfo(TIMEZONE)

# Patterns chosen for readers, not babel's defaults: zh "2026年12月3日 18:51",
# en "3 December 2026, 18:51 (UTC+8)". The zone is named in English only, where
# readers may be elsewhere; a Chinese reader reads Beijing time without being told.
_DATETIME = {"zh": "yyyy年M月d日 HH:mm", "en": "d MMMM yyyy, HH:mm '(UTC+8)'"}
_DATETIME_SECONDS = {"zh": "yyyy年M月d日 HH:mm:ss", "en": "d MMMM yyyy, HH:mm:ss '(UTC+8)'"}
_DATE = {"zh": "yyyy年M月d日", "en": "d MMMM yyyy"}


def aware(moment: dt.datetime) -> dt.datetime:
    """A datetime in Asia/Shanghai; a naive one is read as UTC (how CKAN stores them)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(ZONE)


def now() -> dt.datetime:
    return dt.datetime.now(ZONE)


def today(moment: dt.datetime | None = None) -> dt.date:
    """The calendar day in Asia/Shanghai (at 01:00 there it is still yesterday in UTC)."""
    return aware(moment or dt.datetime.now(dt.UTC)).date()


def _babel_locale(lang: str | None) -> tuple[str, str]:
    if lang and not lang.lower().startswith("zh"):
        return "en", "en"
    return "zh", "zh_Hans_CN"


def format_moment(moment: dt.datetime, lang: str | None, *, with_time: bool = True,
                  with_seconds: bool = False) -> str:
    """`moment` as a person reads it in `lang` (a CKAN locale), in Asia/Shanghai."""
    key, locale = _babel_locale(lang)
    local = aware(moment)
    if not with_time:
        return format_date(local.date(), _DATE[key], locale=locale)
    patterns = _DATETIME_SECONDS if with_seconds else _DATETIME
    return format_datetime(local, patterns[key], tzinfo=ZONE, locale=locale)
