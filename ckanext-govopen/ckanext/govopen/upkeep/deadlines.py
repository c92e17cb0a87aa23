"""When a dataset's next data update is due, and whether it is on time.

The update cycle (更新周期) says when new data exists: a monthly dataset last updated on
3 March has new data on 3 April. Changsha art. 25 then gives the provider 2 *working* days
to publish it, so the update is due on the 2nd working day after 3 April on the Chinese
calendar (holidays and make-up days from ``lib.workdays``). Irregular and static datasets
have no due date.

Pure code: no CKAN imports, tested without services.
"""
from __future__ import annotations

import calendar as _month_calendar
import datetime as dt
from dataclasses import dataclass

from ckanext.govopen.lib.workdays import Calendar

__all__ = ["GRACE_WORKDAYS", "SOON_WORKDAYS", "STATUSES", "Freshness", "due_date", "freshness",
           "next_change"]

GRACE_WORKDAYS = 2  # Changsha art. 25: update within 2 working days of a change
SOON_WORKDAYS = 3  # "due soon" when this many working days or fewer are left

ON_TIME, DUE_SOON, OVERDUE, UNSCHEDULED = "on_time", "due_soon", "overdue", "unscheduled"
STATUSES = (ON_TIME, DUE_SOON, OVERDUE, UNSCHEDULED)

# Update cycle → (months, days) after which the data has changed; None: no schedule.
_PERIODS: dict[str, tuple[int, int] | None] = {
    "realtime": (0, 1),
    "daily": (0, 1),
    "weekly": (0, 7),
    "monthly": (1, 0),
    "quarterly": (3, 0),
    "semiannual": (6, 0),
    "annual": (12, 0),
    "irregular": None,
    "static": None,
}


def _add_months(day: dt.date, months: int) -> dt.date:
    """Same day of the month `months` later; the month's last day when it is shorter
    (31 January + 1 month = 28/29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = _month_calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def next_change(cycle: str | None, last_update: dt.date) -> dt.date | None:
    """The day new data exists by the update cycle; None when the cycle sets no schedule
    (irregular, static, unknown or empty)."""
    period = _PERIODS.get(cycle or "")
    if period is None:
        return None
    months, days = period
    return _add_months(last_update, months) + dt.timedelta(days=days)


def due_date(cycle: str | None, last_update: dt.date | None, cal: Calendar,
             grace: int = GRACE_WORKDAYS) -> dt.date | None:
    """The last day on which the next update is on time: ``grace`` working days after the
    data changed. None when there is no schedule or no known last update."""
    if last_update is None:
        return None
    change = next_change(cycle, last_update)
    return None if change is None else cal.add_workdays(change, grace)


@dataclass(frozen=True)
class Freshness:
    status: str  # one of STATUSES
    due: dt.date | None
    workdays_left: int | None  # working days from today to the due date; negative: late
    guessed_years: tuple[int, ...] = ()  # years counted by weekends only


def freshness(cycle: str | None, last_update: dt.date | None, today: dt.date, cal: Calendar,
              *, grace: int = GRACE_WORKDAYS, soon: int = SOON_WORKDAYS) -> Freshness:
    """The update status of a dataset on ``today``."""
    due = due_date(cycle, last_update, cal, grace)
    if due is None:
        return Freshness(UNSCHEDULED, None, None)
    guessed = tuple(cal.guessed_years(min(today, due), max(today, due)))
    if today > due:
        return Freshness(OVERDUE, due, -cal.workdays_between(due, today), guessed)
    left = cal.workdays_between(today, due)
    return Freshness(DUE_SOON if left <= soon else ON_TIME, due, left, guessed)
