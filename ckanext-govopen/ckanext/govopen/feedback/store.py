"""Reading and writing the feedback tables: the calendar, deadlines, history and the
shared audit log. Everything is committed with the caller's action."""
from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.govopen import config
from ckanext.govopen.feedback.model import ACCEPTED, ANSWERED, ErrorReport

# Until lib/audit.py exists, the shared audit log is written through publishing's writer
# (its one public function for it); this module is the only place that knows.
from ckanext.govopen.lib import audit as _audit_log
from ckanext.govopen.lib import clock
from ckanext.govopen.lib.db import utcnow
from ckanext.govopen.lib.workdays import Calendar


def today() -> dt.date:
    """Deadlines are days in China, whatever the server's zone."""
    return clock.today()


def calendar() -> Calendar:
    """The Chinese working-day calendar with the days sysadmins entered (the access
    capability keeps them; read through its action, as any other capability would)."""
    try:
        days = tk.get_action("govopen_calendar_day_list")({"ignore_auth": True}, {})["days"]
    except KeyError:  # the access capability is not loaded: the library's calendar alone
        return Calendar()
    return Calendar.with_extra(
        holidays=[dt.date.fromisoformat(d["day"]) for d in days if not d["workday"]],
        workdays=[dt.date.fromisoformat(d["day"]) for d in days if d["workday"]])


def answer_due(submitted: dt.datetime, cal: Calendar | None = None) -> dt.date:
    """The last working day on which an answer to a report submitted then is on time."""
    return (cal or calendar()).add_workdays(clock.today(submitted),
                                            config.feedback_answer_workdays())


def is_overdue(report: ErrorReport, on: dt.date | None = None) -> bool:
    return report.state != ANSWERED and (on or today()) > report.due_date


def under_review(report: ErrorReport) -> bool:
    """The 标注 mark: from acceptance until the answer."""
    return report.accepted_at is not None and report.state != ANSWERED


def move(row: Any, to_state: str, actor: str, note: str | None = None) -> None:
    """Record a state change on a report or a request (its history is a JSON list)."""
    now = utcnow()
    entry = {"from": row.state, "to": to_state, "actor": actor,
             "at": now.replace(microsecond=0).isoformat(), "note": note or None}
    row.history = [*(row.history or []), entry]  # a new list, so SQLAlchemy sees the change
    row.state, row.updated = to_state, now
    if to_state == ACCEPTED and row.__class__ is ErrorReport:
        row.accepted_at = now


def audit(actor: str, action: str, *, package_id: str | None = None, **detail: Any) -> None:
    """One row of the shared audit log for a decision on feedback."""
    _audit_log.record(actor, f"feedback.{action}", package_id=package_id, **detail)


def marked_packages(package_ids: list[str]) -> set[str]:
    """Which of these datasets carry the 数据存疑 mark now."""
    if not package_ids:
        return set()
    rows = model.Session.query(ErrorReport.package_id).filter(
        ErrorReport.package_id.in_(package_ids), ErrorReport.accepted_at.isnot(None),
        ErrorReport.state != ANSWERED).distinct()
    return {r[0] for r in rows}
