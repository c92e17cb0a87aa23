"""Reading and writing the access tables: the calendar with its extra days, deadlines,
transitions and the append-only access log. Committed with the caller's action."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ckan import model

from ckanext.govopen import config
from ckanext.govopen.access.model import (
    OPEN_STATES,
    AccessLog,
    Application,
    CalendarDay,
    OrganizationSettings,
    Transition,
    utcnow,
)
from ckanext.govopen.lib import audit_chain, clock
from ckanext.govopen.lib.db import xact_lock
from ckanext.govopen.lib.workdays import Calendar

# Any constant shared by every writer of the log: appends are serialized on it, so two
# downloads at once cannot both take the same sequence number.
_LOG_LOCK = 0x60F0ACCE55


def today() -> dt.date:
    """Deadlines and grant periods are days in China, whatever the server's zone."""
    return clock.today()


def china_day(moment: dt.datetime) -> dt.date:
    """The day in China of a naive UTC moment (how CKAN stores times)."""
    return clock.today(moment)


def calendar() -> Calendar:
    rows = model.Session.query(CalendarDay).all()
    return Calendar.with_extra(holidays=[r.day for r in rows if not r.workday],
                               workdays=[r.day for r in rows if r.workday])


def settings(organization_id: str) -> OrganizationSettings | None:
    return model.Session.get(OrganizationSettings, organization_id)


def decision_workdays(organization_id: str) -> int:
    row = settings(organization_id)
    return (row.decision_workdays if row and row.decision_workdays
            else config.access_decision_workdays())


def commitment(organization_id: str) -> str:
    row = settings(organization_id)
    return row.commitment if row and row.commitment else config.access_commitment()


def set_due(app: Application, cal: Calendar | None = None) -> None:
    """The deadline runs afresh from each (re)submission: while the application is back with
    the applicant, the provider cannot act on it."""
    cal = cal or calendar()
    app.due_date = cal.add_workdays(china_day(app.submitted_at),
                                    decision_workdays(app.organization_id))


def transition(app: Application, to_state: str, actor: str, note: str | None = None) -> None:
    model.Session.add(Transition(application_id=app.id, from_state=app.state, to_state=to_state,
                                 actor=actor, at=utcnow(), note=note))
    app.state, app.updated = to_state, utcnow()


def transitions(application_id: str) -> list[Transition]:
    return (model.Session.query(Transition).filter(Transition.application_id == application_id)
            .order_by(Transition.id).all())


def append_log(event: str, actor: str, **fields: Any) -> AccessLog:
    """Add one chained row. Serialized by a transaction-level advisory lock, released at the
    caller's commit or rollback."""
    xact_lock(_LOG_LOCK)
    last = model.Session.query(AccessLog).order_by(AccessLog.seq.desc()).first()
    seq = last.seq + 1 if last else 1
    prev = last.hash if last else audit_chain.GENESIS
    # Stored as it will read back (dates as text), so the hash is over what is kept.
    detail = json.loads(audit_chain.canonical(fields.pop("detail", None) or {}))
    row = AccessLog(seq=seq, created=utcnow().replace(microsecond=0), event=event,
                    actor=actor, detail=detail, prev_hash=prev,
                    hash="", **fields)
    row.hash = audit_chain.link_hash(prev, seq, row.fields())
    model.Session.add(row)
    model.Session.flush()
    return row


def verify_log() -> tuple[int, audit_chain.Broken | None]:
    rows = model.Session.query(AccessLog).order_by(AccessLog.seq).yield_per(1000)
    return audit_chain.verify((r.seq, r.fields(), r.prev_hash, r.hash) for r in rows)


def recompute_due_dates() -> int:
    """After the calendar's extra days changed: every undecided application's deadline."""
    cal = calendar()
    apps = model.Session.query(Application).filter(Application.state.in_(OPEN_STATES)).all()
    for app in apps:
        set_due(app, cal)
    return len(apps)
