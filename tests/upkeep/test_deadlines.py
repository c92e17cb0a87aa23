"""Update deadlines on the Chinese calendar: holidays, make-up days, month ends.

Pure: no services. The 2025 days are the State Council's: National Day and Mid-Autumn
1–8 October off, Sunday 28 September and Saturday 11 October worked (调休).
"""
from __future__ import annotations

import datetime as dt

import pytest
from ckanext.govopen.lib.workdays import Calendar
from ckanext.govopen.upkeep.deadlines import due_date, freshness, next_change

CAL = Calendar()
D = dt.date


def test_the_calendar_knows_the_2025_national_day_days() -> None:
    assert not CAL.is_workday(D(2025, 10, 1)) and not CAL.is_workday(D(2025, 10, 8))
    assert CAL.is_workday(D(2025, 9, 28)) and CAL.is_workday(D(2025, 10, 11))


def test_a_change_before_the_holiday_is_due_two_working_days_after_it() -> None:
    # monthly, last updated 30 August: new data on 30 September, then eight days off
    assert next_change("monthly", D(2025, 8, 30)) == D(2025, 9, 30)
    assert due_date("monthly", D(2025, 8, 30), CAL) == D(2025, 10, 10)


def test_a_make_up_saturday_counts_as_a_working_day() -> None:
    # weekly, new data on Friday 10 October: Saturday 11th is worked, so Monday is day 2
    assert due_date("weekly", D(2025, 10, 3), CAL) == D(2025, 10, 13)
    # the same weekday one week later has no make-up day: Tuesday is day 2
    assert due_date("weekly", D(2025, 10, 10), CAL) == D(2025, 10, 21)


def test_a_make_up_sunday_before_the_holiday_counts_too() -> None:
    # daily, last updated Friday 26 September: new data on Saturday 27th;
    # Sunday 28th (worked) is day 1, Monday 29th day 2
    assert due_date("daily", D(2025, 9, 26), CAL) == D(2025, 9, 29)


def test_spring_festival_pushes_a_quarterly_deadline_past_the_holiday() -> None:
    # 2025: 28 January – 4 February off, Sunday 26 January and Saturday 8 February worked
    assert due_date("quarterly", D(2024, 10, 27), CAL) == D(2025, 2, 6)


@pytest.mark.parametrize(("cycle", "last", "change"), [
    ("monthly", D(2025, 1, 31), D(2025, 2, 28)),
    ("quarterly", D(2025, 11, 30), D(2026, 2, 28)),
    ("annual", D(2024, 2, 29), D(2025, 2, 28)),
    ("semiannual", D(2025, 8, 31), D(2026, 2, 28)),
])
def test_a_month_based_cycle_keeps_the_day_or_takes_the_month_end(
        cycle: str, last: dt.date, change: dt.date) -> None:
    assert next_change(cycle, last) == change


@pytest.mark.parametrize("cycle", ["irregular", "static", "", None, "fortnightly"])
def test_no_schedule_no_due_date(cycle: str | None) -> None:
    state = freshness(cycle, D(2020, 1, 1), D(2025, 10, 9), CAL)
    assert state.status == "unscheduled" and state.due is None


def test_no_known_last_update_no_due_date() -> None:
    assert freshness("monthly", None, D(2025, 10, 9), CAL).status == "unscheduled"


def test_status_around_the_due_day_counts_working_days() -> None:
    last = D(2025, 8, 30)  # due Friday 10 October
    assert freshness("monthly", last, D(2025, 9, 20), CAL).status == "on_time"
    # 30 September: 1 October – 8 October are off, so only 9th and 10th are left
    soon = freshness("monthly", last, D(2025, 9, 30), CAL)
    assert (soon.status, soon.workdays_left) == ("due_soon", 2)
    on_the_day = freshness("monthly", last, D(2025, 10, 10), CAL)
    assert (on_the_day.status, on_the_day.workdays_left) == ("due_soon", 0)
    late = freshness("monthly", last, D(2025, 10, 13), CAL)
    # Saturday 11th is a working day: Monday is the second working day late
    assert (late.status, late.workdays_left) == ("overdue", -2)


def test_calendar_days_before_a_holiday_are_not_due_soon_but_working_days_are() -> None:
    # Five calendar days before the due date, but with the holiday in between only
    # two working days: due soon. Five days before Friday 21 November: on time.
    assert freshness("monthly", D(2025, 8, 30), D(2025, 10, 5), CAL).status == "due_soon"
    assert due_date("monthly", D(2025, 10, 19), CAL) == D(2025, 11, 21)
    assert freshness("monthly", D(2025, 10, 19), D(2025, 11, 16), CAL).status == "on_time"


def test_a_year_the_library_does_not_know_counts_weekends_and_says_so() -> None:
    state = freshness("monthly", D(2099, 3, 2), D(2099, 3, 20), CAL)
    assert state.due == D(2099, 4, 6)  # 2 April is a Thursday: Friday 3rd, Monday 6th
    assert state.guessed_years == (2099,)


def test_an_extra_holiday_an_administrator_entered_moves_the_deadline() -> None:
    extra = Calendar.with_extra(holidays=[D(2025, 10, 9)])
    assert due_date("monthly", D(2025, 8, 30), extra) == D(2025, 10, 11)  # make-up Saturday
