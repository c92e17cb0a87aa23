"""The Chinese working-day calendar behind every "within N working days" deadline.

Statutory holidays and the weekend make-up working days (调休) come from chinese-calendar,
which only knows the years the State Council has already announced. A deadline that runs
into a year it does not know must still be computed, never crash: such a year counts
weekends only, and the calendar says which years it guessed so the UI can warn sysadmins.
Days an administrator enters (extra holidays, extra make-up working days) win over both.

Pure code: no CKAN imports, tested without services.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import chinese_calendar

__all__ = ["Calendar", "known_years"]

# A deadline is never searched further than this many calendar days ahead: a bad table of
# extra holidays (say every day of a year) must not turn into an endless loop.
_MAX_SPAN_DAYS = 3660


@lru_cache(maxsize=1)
def known_years() -> frozenset[int]:
    """Years whose holidays and make-up days the library knows."""
    days = list(chinese_calendar.holidays) + list(chinese_calendar.workdays)
    return frozenset(d.year for d in days)


@dataclass(frozen=True)
class Calendar:
    """Working days: the library's calendar, weekends only in years it does not know, and
    the administrators' extra days on top."""

    extra_holidays: frozenset[dt.date] = field(default_factory=frozenset)
    extra_workdays: frozenset[dt.date] = field(default_factory=frozenset)

    @classmethod
    def with_extra(cls, holidays: Iterable[dt.date] = (),
                   workdays: Iterable[dt.date] = ()) -> Calendar:
        return cls(frozenset(holidays), frozenset(workdays))

    def knows(self, year: int) -> bool:
        return year in known_years()

    def is_workday(self, day: dt.date) -> bool:
        if day in self.extra_holidays:
            return False
        if day in self.extra_workdays:
            return True
        if self.knows(day.year):
            return bool(chinese_calendar.is_workday(day))
        return day.weekday() < 5

    def add_workdays(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after ``start`` (``start`` itself does not count): the last
        day on which a decision due "within n working days" of ``start`` is on time."""
        if n < 0:
            raise ValueError("n must not be negative")
        day, left = start, n
        for _ in range(_MAX_SPAN_DAYS):
            if left == 0:
                return day
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                left -= 1
        raise ValueError(f"no {n} working days within {_MAX_SPAN_DAYS} days of {start}")

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 if end <= start)."""
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_workday(day)
        return count

    def guessed_years(self, start: dt.date, end: dt.date) -> list[int]:
        """Years in [start, end] counted by weekends only (unknown to the library)."""
        return [y for y in range(start.year, end.year + 1) if not self.knows(y)]
