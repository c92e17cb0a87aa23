"""A dataset's update status and quality score, computed from its dict or its rows.

The last data update is the entry's 数据更新日期 (``data_update_date``), which the provider
states; a file uploaded later does not move it, since a corrected file is not new data.
Without that field it is the newest file's change, then the release date, then the day the
entry was created.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.govopen import config
from ckanext.govopen.lib import clock
from ckanext.govopen.lib.workdays import Calendar
from ckanext.govopen.upkeep import deadlines, quality
from ckanext.govopen.upkeep.texts import TEXTS


def calendar() -> Calendar:
    """The working-day calendar with the days administrators entered (kept by the access
    capability); the library's calendar alone when that capability is absent."""
    try:
        listing = tk.get_action("govopen_calendar_day_list")({"ignore_auth": True}, {})
    except KeyError:
        return Calendar()
    days = listing.get("days", [])
    return Calendar.with_extra(
        holidays=[dt.date.fromisoformat(d["day"]) for d in days if not d["workday"]],
        workdays=[dt.date.fromisoformat(d["day"]) for d in days if d["workday"]])


def _day(value: Any) -> dt.date | None:
    """A stored date or naive-UTC timestamp as a day in China; None if unreadable."""
    if isinstance(value, dt.datetime):
        return clock.today(value)
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().rstrip("Z")
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return clock.today(dt.datetime.fromisoformat(text))
    except ValueError:
        return None


def last_update(pkg: Mapping[str, Any]) -> dt.date | None:
    stated = _day(pkg.get("data_update_date"))
    if stated is not None:
        return stated
    files = [d for r in pkg.get("resources") or [] if isinstance(r, Mapping)
             for d in (_day(r.get("last_modified") or r.get("created")),) if d is not None]
    if files:
        return max(files)
    return _day(pkg.get("release_date")) or _day(pkg.get("metadata_created"))


def freshness(pkg: Mapping[str, Any], today: dt.date | None = None,
              cal: Calendar | None = None) -> deadlines.Freshness:
    return deadlines.freshness(
        pkg.get("update_cycle"), last_update(pkg), today or clock.today(), cal or calendar(),
        grace=config.upkeep_grace_workdays(), soon=config.upkeep_soon_workdays())


def score(pkg: Mapping[str, Any]) -> quality.Score:
    return quality.score(pkg)


def status_dict(pkg: Mapping[str, Any]) -> dict[str, Any]:
    """The update status and quality score of a dataset, as the API and its page show them."""
    state, points = freshness(pkg), score(pkg)
    return {"update_status": state.status, "due": state.due.isoformat() if state.due else None,
            "workdays_left": state.workdays_left, "guessed_years": list(state.guessed_years),
            "status_label": TEXTS.pair(f"status.{state.status}"),
            "quality": {"percent": points.percent, "points": points.points,
                        "rating": points.rating, "failed": list(points.failed),
                        "dimensions": {d: {"points": p, "maximum": m}
                                       for d, (p, m) in points.by_dimension.items()}}}
