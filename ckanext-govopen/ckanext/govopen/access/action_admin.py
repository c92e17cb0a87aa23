"""Administration of the access capability: extra calendar days (sysadmins), an
organization's decision deadline and security commitment (its admins)."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict

from ckanext.govopen import config
from ckanext.govopen.access import reminders, schema, store, texts
from ckanext.govopen.access.action import _validate
from ckanext.govopen.access.model import CalendarDay, OrganizationSettings
from ckanext.govopen.lib.workdays import known_years


def _day_dict(row: CalendarDay) -> dict[str, Any]:
    return {"day": row.day.isoformat(), "workday": row.workday, "note": row.note}


@tk.side_effect_free
def govopen_calendar_day_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The days administrators added to the working-day calendar, and which years the
    holiday library knows.

    :returns: ``{"days": [{"day", "workday", "note"}], "known_years": [...],
        "current_year_known": bool, "warning": {zh_Hans_CN, en} or null}``
    :rtype: dictionary
    """
    tk.check_access("govopen_calendar_day_list", context, data_dict)
    rows = model.Session.query(CalendarDay).order_by(CalendarDay.day).all()
    years = sorted(known_years())
    year = store.today().year
    unknown = [y for y in (year, year + 1) if y not in years]
    return {"days": [_day_dict(r) for r in rows], "known_years": years,
            "current_year_known": year in years,
            "warning": texts.pair("warn.guessed_years", years=", ".join(map(str, unknown)))
            if unknown else None}


def govopen_calendar_day_set(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Declare a day a holiday or a make-up working day (wins over the library); the
    deadlines of undecided applications are counted again.

    :param day: ``YYYY-MM-DD``
    :type day: string
    :param workday: true for a make-up working day, false (default) for a holiday
    :type workday: bool
    :param note: e.g. the announcement it comes from
    :type note: string
    :returns: the day
    :rtype: dictionary
    """
    tk.check_access("govopen_calendar_day_set", context, data_dict)
    data = _validate(data_dict, schema.calendar_day_schema(), context)
    row = model.Session.get(CalendarDay, data["day"]) or CalendarDay(day=data["day"])
    row.workday, row.note = data["workday"], data.get("note")
    model.Session.add(row)
    model.Session.flush()
    store.recompute_due_dates()
    model.Session.commit()
    return _day_dict(row)


def govopen_calendar_day_delete(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Remove a day added to the calendar.

    :param day: ``YYYY-MM-DD``
    :type day: string
    :returns: ``{"deleted": bool}``
    :rtype: dictionary
    """
    tk.check_access("govopen_calendar_day_delete", context, data_dict)
    data = _validate(data_dict, schema.calendar_day_schema(), context)
    row = model.Session.get(CalendarDay, data["day"])
    if row is not None:
        model.Session.delete(row)
        model.Session.flush()
        store.recompute_due_dates()
        model.Session.commit()
    return {"deleted": row is not None}


def govopen_access_settings_update(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """An organization's own decision deadline and security commitment text.

    :param organization_id: the organization's id or name
    :type organization_id: string
    :param decision_workdays: working days to decide (1–60); empty for the portal default
    :type decision_workdays: int
    :param commitment: the security commitment (安全承诺书) applicants accept; empty for
        the portal default
    :type commitment: string
    :returns: ``{"organization_id", "decision_workdays", "commitment"}`` in effect
    :rtype: dictionary
    """
    tk.check_access("govopen_access_settings_update", context, data_dict)
    data = _validate(data_dict, schema.settings_schema(), context)
    group = model.Group.get(data["organization_id"])
    if group is None:
        raise tk.ObjectNotFound(texts.both("err.not_found"))
    days = data.get("decision_workdays")
    if days is not None and not 1 <= days <= 60:
        raise tk.ValidationError({"decision_workdays": [texts.both("err.workdays")]})
    row = store.settings(group.id) or OrganizationSettings(organization_id=group.id)
    if "decision_workdays" in data:
        row.decision_workdays = days
    if "commitment" in data:
        row.commitment = data["commitment"] or None
    model.Session.add(row)
    model.Session.flush()
    store.recompute_due_dates()
    model.Session.commit()
    return {"organization_id": group.id, "decision_workdays": store.decision_workdays(group.id),
            "commitment": store.commitment(group.id),
            "default_workdays": config.access_decision_workdays()}


def govopen_access_remind(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Mail the reviewers about applications due within two working days or overdue (at
    most once a day each); ``ckan govopen remind-access`` does the same from cron.

    :returns: ``{"sent": ["address: n application(s)", ...]}``
    :rtype: dictionary
    """
    tk.check_access("govopen_access_remind", context, data_dict)
    return {"sent": reminders.send_reminders()}
