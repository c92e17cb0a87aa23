"""Read actions of the access capability: one application, lists with filters and counts
(我的申请, 待审申请), and the access log with its CSV export."""
from __future__ import annotations

import csv
import io
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict

from ckanext.govopen.access import schema, store, texts
from ckanext.govopen.access.action import _application, _user, _validate
from ckanext.govopen.access.dictization import (
    application_dict,
    effective_state,
    grant_of,
)
from ckanext.govopen.access.model import OPEN_STATES, STATES, AccessLog, Application
from ckanext.govopen.lib.audit_chain import canonical
from ckanext.govopen.lib.params import admin_organizations


@tk.side_effect_free
def govopen_access_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One application with its transitions, grant and decision deadline.

    :param id: the application id
    :type id: string
    :returns: the application: ``state`` (submitted|returned|resubmitted|approved|rejected|
        withdrawn|revoked|expired), ``state_label`` {zh_Hans_CN, en}, ``due_date``,
        ``overdue``, ``workdays_left``, ``calendar_warning`` (set when the deadline was
        counted in a year the holiday calendar does not know), ``grant``, ``transitions``
        [{from, to, actor, at, note}], and the fields given when applying
    :rtype: dictionary
    """
    tk.check_access("govopen_access_show", context, data_dict)
    data = _validate(data_dict, schema.step_schema(), context)
    app = _application(data["id"])
    return application_dict(app, full=True)


@tk.side_effect_free
def govopen_access_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Applications: the caller's own (``mine``) or those for the datasets of the
    organizations the caller administers (the review dashboard).

    :param mine: only the caller's own applications (default false)
    :type mine: bool
    :param organization_id: only this organization's (reviewers)
    :type organization_id: string
    :param package_id: only applications for this dataset
    :type package_id: string
    :param state: only this (effective) state
    :type state: string
    :param overdue: only undecided applications past their deadline
    :type overdue: bool
    :param limit: page size (default 50)
    :type limit: int
    :param offset: (default 0)
    :type offset: int
    :returns: ``{"count": n matching, "counts": {state: n, "overdue": n} over every
        application in view before the state/overdue filters, "results": [applications]}``
    :rtype: dictionary
    """
    tk.check_access("govopen_access_list", context, data_dict)
    user = _user(context)
    data = _validate(data_dict, schema.list_schema(), context)
    if data.get("state") and data["state"] not in STATES:
        raise tk.ValidationError({"state": [f"未知状态 / Unknown state: {data['state']}"]})
    query = model.Session.query(Application)
    if data["mine"]:
        query = query.filter(Application.user_id == user.id)
    else:
        orgs = admin_organizations(user)
        if orgs is not None:  # no organization administered: an empty dashboard
            query = query.filter(Application.organization_id.in_(orgs))
    if data.get("organization_id"):
        group = model.Group.get(data["organization_id"])
        query = query.filter(Application.organization_id == (group.id if group else ""))
    if data.get("package_id"):
        pkg = model.Package.get(data["package_id"])
        query = query.filter(Application.package_id == (pkg.id if pkg else ""))
    cal = store.calendar()
    today = store.today()
    counts: dict[str, int] = {s: 0 for s in STATES}
    counts["overdue"] = 0
    chosen = []
    for app in query.order_by(Application.submitted_at.desc()):
        state = effective_state(app, grant_of(app) if app.state == "approved" else None)
        overdue = app.state in OPEN_STATES and app.due_date is not None and today > app.due_date
        counts[state] += 1
        counts["overdue"] += overdue
        if data.get("state") and state != data["state"]:
            continue
        if data["overdue"] and not overdue:
            continue
        chosen.append(app)
    page = chosen[data["offset"]:data["offset"] + data["limit"]]
    return {"count": len(chosen), "counts": counts,
            "results": [application_dict(a, cal=cal) for a in page]}


def _log_query(context: Context, data_dict: DataDict, action: str) -> tuple[dict, Any]:
    tk.check_access(action, context, data_dict)
    data = _validate(data_dict, schema.log_schema(), context)
    group = model.Group.get(data.get("organization_id") or "")
    if group is None:
        raise tk.ObjectNotFound(texts.both("err.not_found"))
    query = model.Session.query(AccessLog).filter(AccessLog.organization_id == group.id)
    return data, query


@tk.side_effect_free
def govopen_access_log_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """An organization's part of the access log: downloads of its restricted files and
    every decision on applications for its datasets, newest first.

    :param organization_id: the organization's id or name
    :type organization_id: string
    :param limit: (default 100)
    :type limit: int
    :param offset: (default 0)
    :type offset: int
    :returns: ``{"count": n, "results": [{"seq", "created", "event", "actor",
        "package_id", "resource_id", "application_id", "grant_id", "remote_addr", "size",
        "detail", "hash"}]}``
    :rtype: dictionary
    """
    data, query = _log_query(context, data_dict, "govopen_access_log_list")
    rows = query.order_by(AccessLog.seq.desc()).offset(data["offset"]).limit(data["limit"])
    return {"count": query.count(), "results": [r.as_dict() for r in rows]}


CSV_COLUMNS = ("seq", "created", "event", "actor", "package_id", "resource_id",
               "application_id", "grant_id", "remote_addr", "size", "detail", "hash")


@tk.side_effect_free
def govopen_access_log_export(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """An organization's whole part of the access log as CSV (UTF-8 with BOM, for Excel).

    :param organization_id: the organization's id or name
    :type organization_id: string
    :returns: ``{"filename": ..., "csv": text}``
    :rtype: dictionary
    """
    data, query = _log_query(context, data_dict, "govopen_access_log_export")
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in query.order_by(AccessLog.seq):
        d = row.as_dict()
        d["detail"] = canonical(d["detail"] or {})
        writer.writerow([d[c] if d[c] is not None else "" for c in CSV_COLUMNS])
    return {"filename": f"access-log-{data['organization_id']}.csv", "csv": out.getvalue()}
