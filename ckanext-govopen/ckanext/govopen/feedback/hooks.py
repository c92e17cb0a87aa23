"""Plugin hooks of the feedback capability."""
from __future__ import annotations

import datetime as dt

from ckanext.govopen.feedback import reminders


def tick(now: dt.datetime) -> None:
    """The periodic duty (``ckan govopen tick``): remind providers of overdue reports.
    Overdue flags need no job: they are computed from the due date on every read."""
    reminders.remind_overdue(now)
