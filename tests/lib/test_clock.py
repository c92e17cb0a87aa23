"""Dates people read are Beijing time, written the way each language writes dates."""
from __future__ import annotations

import datetime as dt

from ckanext.govopen.lib import clock

# CKAN stores naive UTC; 10:51 UTC is 18:51 in Beijing.
STORED = dt.datetime(2026, 12, 3, 10, 51, 7)


def test_chinese_reader_sees_beijing_time_in_chinese_order() -> None:
    assert clock.format_moment(STORED, "zh_Hans_CN") == "2026年12月3日 18:51"
    assert clock.format_moment(STORED, "zh_Hans_CN", with_seconds=True) == "2026年12月3日 18:51:07"
    assert clock.format_moment(STORED, "zh_Hans_CN", with_time=False) == "2026年12月3日"


def test_english_reader_is_told_the_zone() -> None:
    assert clock.format_moment(STORED, "en") == "3 December 2026, 18:51 (UTC+8)"
    assert clock.format_moment(STORED, "en", with_time=False) == "3 December 2026"


def test_late_utc_evening_is_the_next_day_in_beijing() -> None:
    late = dt.datetime(2026, 12, 31, 16, 30)  # 00:30 on 1 January in Beijing
    assert clock.today(late) == dt.date(2027, 1, 1)
    assert clock.format_moment(late, "zh_Hans_CN", with_time=False) == "2027年1月1日"


def test_aware_datetimes_are_converted_not_reinterpreted() -> None:
    tokyo = dt.datetime(2026, 12, 3, 19, 51, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    assert clock.format_moment(tokyo, "zh_Hans_CN") == "2026年12月3日 18:51"
