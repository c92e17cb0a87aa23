"""An application as the API and the pages show it: effective state, deadline, overdue."""
from __future__ import annotations

from typing import Any

from ckan import model

from ckanext.govopen.access import store, texts
from ckanext.govopen.access.model import (
    APPROVED,
    EXPIRED,
    OPEN_STATES,
    Application,
    Grant,
)
from ckanext.govopen.lib.workdays import Calendar


def grant_of(app: Application) -> Grant | None:
    return model.Session.query(Grant).filter(Grant.application_id == app.id).first()


def effective_state(app: Application, grant: Grant | None) -> str:
    """Approved turns into expired after the grant's last day, without any job."""
    if app.state == APPROVED and grant is not None and grant.valid_until < store.today():
        return EXPIRED
    return app.state


def deadline(app: Application, cal: Calendar) -> dict[str, Any]:
    if app.state not in OPEN_STATES or app.due_date is None:
        return {"due_date": None, "overdue": False, "workdays_left": None,
                "calendar_warning": None}
    today = store.today()
    guessed = cal.guessed_years(store.china_day(app.submitted_at), app.due_date)
    left = (cal.workdays_between(today, app.due_date) if today < app.due_date
            else -cal.workdays_between(app.due_date, today))
    return {"due_date": app.due_date.isoformat(), "overdue": today > app.due_date,
            "workdays_left": left,
            "calendar_warning": texts.pair("warn.guessed_years",
                                           years=", ".join(map(str, guessed))) if guessed else None}


def application_dict(app: Application, full: bool = False,
                     cal: Calendar | None = None) -> dict[str, Any]:
    grant = grant_of(app)
    state = effective_state(app, grant)
    pkg = model.Package.get(app.package_id)
    user = model.User.get(app.user_id)
    out: dict[str, Any] = {
        "id": app.id, "package_id": app.package_id,
        "package_name": pkg.name if pkg else None, "package_title": pkg.title if pkg else None,
        "organization_id": app.organization_id, "user_id": app.user_id,
        "user_name": user.name if user else None,
        "applicant_type": app.applicant_type, "applicant_name": app.applicant_name,
        "applicant_org": app.applicant_org, "credit_code": app.credit_code,
        "contact": app.contact, "purpose": app.purpose, "scope": app.scope,
        "end_date": app.end_date.isoformat(), "resource_ids": list(app.resource_ids or []),
        "state": state, "state_label": texts.pair(f"state.{state}"), "reason": app.reason,
        "submitted_at": app.submitted_at.isoformat(), "created": app.created.isoformat(),
        "updated": app.updated.isoformat(), "usage_report": app.usage_report,
        "grant": grant.as_dict() if grant else None,
    }
    out.update(deadline(app, cal or store.calendar()))
    if full:
        out["commitment"] = app.commitment
        out["transitions"] = [t.as_dict() for t in store.transitions(app.id)]
    return out
