"""The working-day calendar: statutory holidays, make-up days, year ends, unknown years."""
from __future__ import annotations

import datetime as dt

import pytest
from ckanext.govopen.lib.workdays import Calendar, known_years

D = dt.date
CAL = Calendar()


def test_the_national_day_week_is_skipped_and_the_make_up_saturday_counts() -> None:
    # 2026: 1–7 October off, Saturday 10 October a working day.
    assert not CAL.is_workday(D(2026, 10, 1)) and not CAL.is_workday(D(2026, 10, 7))
    assert CAL.is_workday(D(2026, 10, 10))
    # Oct 8, 9, 10 (Sat), 12–16, 19, 20: the tenth working day after 30 September.
    assert CAL.add_workdays(D(2026, 9, 30), 10) == D(2026, 10, 20)
    assert CAL.workdays_between(D(2026, 9, 30), D(2026, 10, 20)) == 10


def test_a_make_up_sunday_is_the_next_working_day() -> None:
    assert CAL.add_workdays(D(2026, 9, 18), 1) == D(2026, 9, 20)  # a Sunday, worked


def test_spring_festival_2026() -> None:
    assert CAL.is_workday(D(2026, 2, 14))  # Saturday before the festival, worked
    assert not any(CAL.is_workday(D(2026, 2, d)) for d in range(15, 24))
    # Feb 14 (Sat), then 24, 25, 26, 27, 28 (Sat, worked), Mar 2
    assert CAL.add_workdays(D(2026, 2, 13), 7) == D(2026, 3, 2)


def test_across_a_year_end_with_the_new_year_holiday() -> None:
    # Dec 30, 31; 1–3 January 2026 off; Sunday 4 January worked; 5–9, 12, 13.
    assert CAL.add_workdays(D(2025, 12, 29), 10) == D(2026, 1, 13)
    assert CAL.guessed_years(D(2025, 12, 29), D(2026, 1, 13)) == []


def test_a_year_the_library_does_not_know_counts_weekends_only_and_says_so() -> None:
    assert 2026 in known_years() and 2027 not in known_years()
    assert not CAL.knows(2027)
    # Dec 29, 30, 31; then 2027 guessed: Fri 1 Jan counts, 4–8, 11.
    due = CAL.add_workdays(D(2026, 12, 28), 10)
    assert due == D(2027, 1, 11)
    assert CAL.guessed_years(D(2026, 12, 28), due) == [2027]
    assert not CAL.is_workday(D(2027, 1, 2)) and CAL.is_workday(D(2027, 6, 15))


def test_extra_days_entered_by_an_administrator_win() -> None:
    cal = Calendar.with_extra(holidays=[D(2027, 1, 1), D(2026, 12, 31)],
                              workdays=[D(2027, 1, 9)])
    assert not cal.is_workday(D(2027, 1, 1)) and not cal.is_workday(D(2026, 12, 31))
    assert cal.is_workday(D(2027, 1, 9))  # a Saturday made a working day
    # Dec 29, 30; 4–8, 9 (Sat), 11, 12
    assert cal.add_workdays(D(2026, 12, 28), 10) == D(2027, 1, 12)


def test_zero_days_is_the_same_day_and_a_bad_table_cannot_loop_forever() -> None:
    assert CAL.add_workdays(D(2026, 10, 1), 0) == D(2026, 10, 1)
    with pytest.raises(ValueError):
        CAL.add_workdays(D(2026, 1, 1), -1)
    every_day = Calendar.with_extra(
        holidays=[D(2027, 1, 1) + dt.timedelta(days=i) for i in range(4000)])
    with pytest.raises(ValueError):
        every_day.add_workdays(D(2026, 12, 31), 1)
