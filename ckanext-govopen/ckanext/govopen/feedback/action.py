"""Error reports (纠错/异议, Changsha art. 32): anyone logged in reports suspect data; the
provider organization accepts (the dataset is marked 数据存疑 until the answer), corrects or
rejects with a reason, and answers within N working days; the answer is public.

submitted → accepted → corrected / rejected → answered (rejected also straight from
submitted, for a report the provider need not check). Every decision goes to the audit log.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict

from ckanext.govopen.feedback import reminders, schema, store
from ckanext.govopen.feedback.dictization import report_dict
from ckanext.govopen.feedback.model import (
    ACCEPTED,
    ANSWERED,
    CORRECTED,
    REJECTED,
    REPORT_STATES,
    SUBMITTED,
    ErrorReport,
)
from ckanext.govopen.feedback.texts import TEXTS
from ckanext.govopen.lib.db import utcnow
from ckanext.govopen.lib.params import admin_organizations, is_owner_or_org_admin


def _validate(data_dict: DataDict, schema_: dict[str, Any], context: Context) -> dict[str, Any]:
    data, errors = tk.navl_validate(data_dict, schema_, context)
    if errors:
        raise tk.ValidationError(errors)
    return data


def _user(context: Context) -> model.User:
    user = model.User.get(context.get("user") or "")
    if user is None:
        raise tk.NotAuthorized(TEXTS.both("err.login"))
    return user


def _visible_package(context: Context, id_: str) -> model.Package:
    pkg = model.Package.get(id_)
    if pkg is None or pkg.state != "active":
        raise tk.ObjectNotFound(TEXTS.both("err.dataset"))
    try:
        tk.check_access("package_show", {"user": context.get("user") or ""}, {"id": pkg.id})
    except tk.NotAuthorized as err:  # a private dataset is not known to outsiders
        raise tk.ObjectNotFound(TEXTS.both("err.dataset")) from err
    return pkg


def _report(id_: str) -> ErrorReport:
    report = model.Session.get(ErrorReport, id_)
    if report is None:
        raise tk.ObjectNotFound(TEXTS.both("err.not_found"))
    return report


def _require(report: ErrorReport, *states: str) -> None:
    if report.state not in states:
        raise tk.ValidationError({"state": [TEXTS.both(
            "err.state", state_zh=TEXTS.zh(f"report.{report.state}"),
            state_en=TEXTS.en(f"report.{report.state}").lower())]})


def _handles(context: Context, report: ErrorReport) -> bool:
    """Whether the caller may see the whole report: the reporter, the provider's admins."""
    return is_owner_or_org_admin(context, report.user_id, report.organization_id)


def govopen_feedback_report_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Report suspect data on a dataset or one of its files (纠错).

    :param package_id: the dataset's id or name
    :type package_id: string
    :param resource_id: the file concerned (optional)
    :type resource_id: string
    :param field: the column or catalog field that is wrong
    :type field: string
    :param row: which row(s) or record(s)
    :type row: string
    :param value: the value thought wrong (at least one of field, row, value)
    :type value: string
    :param description: what is wrong and what would be right (public once answered)
    :type description: string
    :param evidence: why you think so: a source, a document, an observation (not public)
    :type evidence: string
    :param contact: phone or e-mail to reach you (not public)
    :type contact: string
    :returns: the report, as ``govopen_feedback_report_show`` returns it to its reporter
    :rtype: dictionary
    """
    tk.check_access("govopen_feedback_report_create", context, data_dict)
    user = _user(context)
    data, errors = tk.navl_validate(data_dict, schema.report_create_schema(), context)
    if "package_id" in errors:
        raise tk.ValidationError(errors)
    pkg = _visible_package(context, data["package_id"])
    if not pkg.owner_org:
        raise tk.ValidationError({"package_id": [TEXTS.both("err.no_provider")]})
    if data.get("resource_id") and data["resource_id"] not in {r.id for r in pkg.resources}:
        errors["resource_id"] = [TEXTS.both("err.resource")]
    if not any(data.get(k) for k in ("field", "row", "value")) and not any(
            k in errors for k in ("field", "row", "value")):
        errors["field"] = [TEXTS.both("err.where")]
    if errors:
        raise tk.ValidationError(errors)
    now = utcnow()
    report = ErrorReport(
        package_id=pkg.id, resource_id=data.get("resource_id") or None,
        organization_id=pkg.owner_org, user_id=user.id, field=data.get("field") or None,
        row=data.get("row") or None, value=data.get("value") or None,
        description=data["description"], evidence=data["evidence"], contact=data["contact"],
        state=SUBMITTED, due_date=store.answer_due(now), history=[], created=now, updated=now)
    report.history = [{"from": None, "to": SUBMITTED, "actor": user.name,
                       "at": now.replace(microsecond=0).isoformat(), "note": None}]
    model.Session.add(report)
    model.Session.flush()
    store.audit(user.name, "report_submit", package_id=pkg.id, report_id=report.id,
                resource_id=report.resource_id)
    model.Session.commit()
    return report_dict(report, full=True)


def _step(context: Context, data_dict: DataDict, action: str, to_state: str,
          from_states: tuple[str, ...], required: str | None = None,
          message: str = "err.required") -> tuple[ErrorReport, str, str]:
    tk.check_access(action, context, data_dict)
    user = _user(context)
    data = _validate(data_dict, schema.step_schema(), context)
    report = _report(data["id"])
    _require(report, *from_states)
    text = (data.get(required) or "") if required else (data.get("note") or "")
    if required and not text:
        raise tk.ValidationError({required: [TEXTS.both(message)]})
    store.move(report, to_state, user.name, text or None)
    store.audit(user.name, f"report_{to_state}", package_id=report.package_id,
                report_id=report.id, note=text)
    return report, user.name, text


def govopen_feedback_report_accept(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The provider accepts a report for checking; the dataset is marked 数据存疑 (under
    review) until the report is answered.

    :param id: the report id
    :type id: string
    :param note: a note for the reporter (optional)
    :type note: string
    :returns: the report
    :rtype: dictionary
    """
    report, _, _ = _step(context, data_dict, "govopen_feedback_report_accept", ACCEPTED,
                         (SUBMITTED,))
    model.Session.commit()
    return report_dict(report, full=True)


def govopen_feedback_report_correct(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The provider has corrected the data.

    :param id: the report id
    :type id: string
    :param note: what was corrected (public with the answer)
    :type note: string
    :returns: the report
    :rtype: dictionary
    """
    report, _, text = _step(context, data_dict, "govopen_feedback_report_correct", CORRECTED,
                            (ACCEPTED,))
    report.correction = text or None
    model.Session.commit()
    return report_dict(report, full=True)


def govopen_feedback_report_reject(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The provider finds the data right and does not correct it.

    :param id: the report id
    :type id: string
    :param reason: why (required; public with the answer)
    :type reason: string
    :returns: the report
    :rtype: dictionary
    """
    report, _, text = _step(context, data_dict, "govopen_feedback_report_reject", REJECTED,
                            (SUBMITTED, ACCEPTED), "reason", "err.reason")
    report.reason = text
    model.Session.commit()
    return report_dict(report, full=True)


def govopen_feedback_report_answer(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The provider answers the reporter; the answer is public on the dataset page from now
    on and the 数据存疑 mark goes.

    :param id: the report id
    :type id: string
    :param answer: the answer (required)
    :type answer: string
    :returns: the report
    :rtype: dictionary
    """
    report, _, text = _step(context, data_dict, "govopen_feedback_report_answer", ANSWERED,
                            (CORRECTED, REJECTED), "answer", "err.answer")
    report.answer, report.answered_at = text, utcnow()
    model.Session.commit()
    return report_dict(report, full=True)


@tk.side_effect_free
def govopen_feedback_report_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One report. The reporter and the provider's admins see all of it (with evidence,
    contact and history); anyone else only an answered report on a dataset they can see,
    without who reported it.

    :param id: the report id
    :type id: string
    :returns: ``id, package_id, package_name, package_title, resource_id, resource_name,
        field, row, value, description, state, state_label {zh_Hans_CN, en}, outcome
        (corrected|rejected once answered), reason, correction, answer, created,
        accepted_at, answered_at, due_date, overdue, under_review``; for those handling it
        also ``user_id, user_name, evidence, contact, history``
    :rtype: dictionary
    """
    tk.check_access("govopen_feedback_report_show", context, data_dict)
    data = _validate(data_dict, schema.id_schema(), context)
    report = _report(data["id"])
    if _handles(context, report):
        return report_dict(report, full=True)
    if report.state != ANSWERED:
        raise tk.ObjectNotFound(TEXTS.both("err.not_found"))
    try:
        _visible_package(context, report.package_id)
    except tk.ObjectNotFound as err:
        raise tk.ObjectNotFound(TEXTS.both("err.not_found")) from err
    return report_dict(report)


@tk.side_effect_free
def govopen_feedback_report_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Error reports: by default the public list of answered reports on public datasets;
    ``mine`` the caller's own; ``review`` those to handle for the organizations the caller
    administers (all for a sysadmin).

    :param mine: the caller's own reports (default false)
    :type mine: bool
    :param review: the reports of the caller's organizations (default false)
    :type review: bool
    :param package_id: only this dataset's
    :type package_id: string
    :param organization_id: only this organization's
    :type organization_id: string
    :param state: only this state (submitted|accepted|corrected|rejected|answered)
    :type state: string
    :param overdue: only unanswered reports past their deadline
    :type overdue: bool
    :param limit: page size (default 50)
    :type limit: int
    :param offset: (default 0)
    :type offset: int
    :returns: ``{"count": n, "counts": {state: n, "overdue": n} before the state and
        overdue filters, "results": [reports]}``
    :rtype: dictionary
    """
    tk.check_access("govopen_feedback_report_list", context, data_dict)
    data = _validate(data_dict, schema.report_list_schema(), context)
    if data.get("state") and data["state"] not in REPORT_STATES:
        raise tk.ValidationError({"state": [TEXTS.both("err.unknown_state",
                                                       state=data["state"])]})
    query = model.Session.query(ErrorReport)
    full = data["mine"] or data["review"]
    if data["mine"]:
        query = query.filter(ErrorReport.user_id == _user(context).id)
    elif data["review"]:
        orgs = admin_organizations(_user(context))
        if orgs is not None:
            query = query.filter(ErrorReport.organization_id.in_(orgs))
    else:
        query = query.join(model.Package, model.Package.id == ErrorReport.package_id).filter(
            ErrorReport.state == ANSWERED, model.Package.state == "active",
            model.Package.private.is_(False))
    if data.get("package_id"):
        pkg = model.Package.get(data["package_id"])
        query = query.filter(ErrorReport.package_id == (pkg.id if pkg else ""))
    if data.get("organization_id"):
        group = model.Group.get(data["organization_id"])
        query = query.filter(ErrorReport.organization_id == (group.id if group else ""))
    on = store.today()
    counts = {s: 0 for s in REPORT_STATES} | {"overdue": 0}
    chosen = []
    order = ErrorReport.answered_at.desc() if not full else ErrorReport.created.desc()
    for report in query.order_by(order, ErrorReport.id):
        overdue = store.is_overdue(report, on)
        counts[report.state] += 1
        counts["overdue"] += overdue
        if (data.get("state") and report.state != data["state"]) or (
                data["overdue"] and not overdue):
            continue
        chosen.append(report)
    page = chosen[data["offset"]:data["offset"] + data["limit"]]
    return {"count": len(chosen), "counts": counts,
            "results": [report_dict(r, full=full, on=on) for r in page]}


def govopen_feedback_remind(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Mail each organization's admins the reports past their answer deadline (once a day
    per report); what ``ckan govopen tick`` does for feedback.

    :returns: ``{"sent": ["address: n report(s)", ...]}``
    :rtype: dictionary
    """
    tk.check_access("govopen_feedback_remind", context, data_dict)
    return {"sent": reminders.remind_overdue()}
