"""Reports and requests as the API and the pages show them. The public view leaves out
who reported or asked and how to reach them: only the people handling it see that."""
from __future__ import annotations

import datetime as dt
from typing import Any

from ckan import model

from ckanext.govopen.feedback import store
from ckanext.govopen.feedback.model import ANSWERED, DataRequest, ErrorReport
from ckanext.govopen.feedback.texts import TEXTS


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _outcome(report: ErrorReport) -> str | None:
    """Corrected or rejected: the decision the answer reports (read from the history)."""
    for entry in reversed(report.history or []):
        if entry["to"] in ("corrected", "rejected"):
            return entry["to"]
    return None


def report_dict(report: ErrorReport, full: bool = False,
                on: dt.date | None = None) -> dict[str, Any]:
    pkg = model.Package.get(report.package_id)
    resource = model.Resource.get(report.resource_id) if report.resource_id else None
    outcome = _outcome(report) if report.state == ANSWERED else None
    out: dict[str, Any] = {
        "id": report.id, "package_id": report.package_id,
        "package_name": pkg.name if pkg else None, "package_title": pkg.title if pkg else None,
        "resource_id": report.resource_id,
        "resource_name": resource.name if resource else None,
        "organization_id": report.organization_id,
        "field": report.field, "row": report.row, "value": report.value,
        "description": report.description,
        "state": report.state, "state_label": TEXTS.pair(f"report.{report.state}"),
        "outcome": outcome,
        "outcome_label": TEXTS.pair(f"outcome.{outcome}") if outcome else None,
        "reason": report.reason, "correction": report.correction, "answer": report.answer,
        "created": _iso(report.created), "accepted_at": _iso(report.accepted_at),
        "answered_at": _iso(report.answered_at), "due_date": _iso(report.due_date),
        "overdue": store.is_overdue(report, on), "under_review": store.under_review(report),
    }
    if full:
        user = model.User.get(report.user_id)
        out.update({"user_id": report.user_id, "user_name": user.name if user else None,
                    "evidence": report.evidence, "contact": report.contact,
                    "history": list(report.history or [])})
    return out


def request_dict(request: DataRequest, full: bool = False,
                 user_id: str | None = None) -> dict[str, Any]:
    org = model.Group.get(request.organization_id) if request.organization_id else None
    pkg = model.Package.get(request.dataset_id) if request.dataset_id else None
    out: dict[str, Any] = {
        "id": request.id, "title": request.title, "description": request.description,
        "purpose": request.purpose, "suggested_provider": request.suggested_provider,
        "organization_id": request.organization_id,
        "organization_name": org.name if org else None,
        "organization_title": org.title if org else None,
        "state": request.state, "state_label": TEXTS.pair(f"request.{request.state}"),
        "answer": request.answer, "expected_date": _iso(request.expected_date),
        "dataset_id": request.dataset_id, "dataset_name": pkg.name if pkg else None,
        "dataset_title": pkg.title if pkg else None,
        "followers": len(request.followers or []),
        "following": bool(user_id) and user_id in (request.followers or []),
        "created": _iso(request.created), "updated": _iso(request.updated),
    }
    if full:
        user = model.User.get(request.user_id)
        out.update({"user_id": request.user_id, "user_name": user.name if user else None,
                    "history": list(request.history or [])})
    return out
