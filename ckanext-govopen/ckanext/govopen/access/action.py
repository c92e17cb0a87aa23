"""Actions of the application lifecycle for conditional data (Shanxi art. 13).

submitted → returned → resubmitted → approved / rejected; withdrawn by the applicant; an
approved application's grant expires on its end date or is revoked. Every step is a
transition row and a row of the chained access log.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict, ErrorDict

from ckanext.govopen import config
from ckanext.govopen.access import schema, store, texts
from ckanext.govopen.access.dictization import application_dict
from ckanext.govopen.access.model import (
    APPROVED,
    ENTITY,
    OPEN_STATES,
    REJECTED,
    RESUBMITTED,
    RETURNED,
    REVOKED,
    SUBMITTED,
    WITHDRAWN,
    Application,
    Grant,
    utcnow,
)


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    return False


def _reject_nul(data_dict: DataDict) -> None:
    """PostgreSQL cannot store U+0000 in text: refuse it here rather than fail with a 500."""
    bad = [k for k, v in data_dict.items() if _has_nul(v)]
    if bad:
        raise tk.ValidationError({k: [texts.both("err.nul")] for k in bad})


def _validate(data_dict: DataDict, schema_: dict[str, Any], context: Context) -> dict[str, Any]:
    _reject_nul(data_dict)
    data, errors = tk.navl_validate(data_dict, schema_, context)
    if errors:
        raise tk.ValidationError(errors)
    return data


def _user(context: Context) -> model.User:
    user = model.User.get(context.get("user") or "")
    if user is None:
        raise tk.NotAuthorized("请先登录 / Please log in")
    return user


def _application(id_: str) -> Application:
    app = model.Session.get(Application, id_)
    if app is None:
        raise tk.ObjectNotFound(texts.both("err.not_found"))
    return app


def _visible_package(context: Context, id_: str) -> model.Package:
    pkg = model.Package.get(id_)
    if pkg is None or pkg.state != "active":
        raise tk.ObjectNotFound(texts.both("err.dataset"))
    try:
        tk.check_access("package_show", context.copy(), {"id": pkg.id})
    except tk.NotAuthorized as err:  # a private dataset is not known to outsiders
        raise tk.ObjectNotFound(texts.both("err.dataset")) from err
    return pkg


def _require(app: Application, *states: str) -> None:
    current = application_dict(app)["state"]
    if current not in states:
        raise tk.ValidationError({"state": [texts.both(
            "err.state", state_zh=texts.zh(f"state.{current}"),
            state_en=texts.en(f"state.{current}").lower())]})


def _check_terms(data: dict[str, Any], pkg: model.Package,
                 errors: ErrorDict | None = None) -> None:
    """The rules across fields: an entity names itself, the period is capped, the resources
    are the dataset's own. Raises with these and any ``errors`` found before, so a form
    shows every problem at once."""
    errors = dict(errors or {})
    if data.get("applicant_type") == ENTITY:
        if not data.get("applicant_org"):
            errors["applicant_org"] = [texts.both("err.org_required")]
        if not data.get("credit_code") and "credit_code" not in errors:
            errors["credit_code"] = [texts.both("err.uscc_required")]
    end = data.get("end_date")
    today = store.today()
    last = today + dt.timedelta(days=config.access_max_days())
    if isinstance(end, dt.date):
        if end <= today:
            errors["end_date"] = [texts.both("err.end_past")]
        elif end > last:
            errors["end_date"] = [texts.both("err.end_max", days=config.access_max_days(),
                                             last=last.isoformat())]
    active = [r.id for r in pkg.resources]
    wanted = data.get("resource_ids") or active
    unknown = [r for r in wanted if r not in active]
    if unknown:
        errors["resource_ids"] = [texts.both("err.resource", ids=", ".join(unknown))]
    elif not wanted:
        errors["resource_ids"] = [texts.both("err.no_resources")]
    data["resource_ids"] = wanted
    if errors:
        raise tk.ValidationError(errors)


def _log(app: Application, event: str, actor: str, **detail: Any) -> None:
    store.append_log(event, actor, organization_id=app.organization_id,
                     package_id=app.package_id, application_id=app.id, detail=detail)


def govopen_access_apply(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Apply for a conditional dataset (申请数据).

    :param package_id: the id or name of a dataset whose open type is conditional
    :type package_id: string
    :param applicant_type: ``person`` (default) or ``entity`` (a legal entity)
    :type applicant_type: string
    :param applicant_name: the applicant's name
    :type applicant_name: string
    :param applicant_org: the organization applying; required for an entity
    :type applicant_org: string
    :param credit_code: the entity's unified social credit code (GB 32100, check character
        validated); required for an entity
    :type credit_code: string
    :param contact: phone or e-mail to reach the applicant
    :type contact: string
    :param purpose: what the data will be used for (用途)
    :type purpose: string
    :param scope: who and what will use it (使用范围)
    :type scope: string
    :param end_date: last day of use, ``YYYY-MM-DD``, at most
        ``ckanext.govopen.access.max_days`` from today
    :type end_date: string
    :param resource_ids: the resources wanted (default: all of the dataset's)
    :type resource_ids: list of strings
    :param accept_commitment: must be true: the applicant accepts the organization's
        security commitment (安全承诺书), whose text is stored with the application
    :type accept_commitment: bool
    :returns: the application as ``govopen_access_show`` returns it
    :rtype: dictionary
    """
    tk.check_access("govopen_access_apply", context, data_dict)
    user = _user(context)
    _reject_nul(data_dict)
    data, errors = tk.navl_validate(data_dict, schema.apply_schema(), context)
    if "package_id" in errors:
        raise tk.ValidationError(errors)
    pkg = _visible_package(context, data["package_id"])
    # a dataset without a provider organization has no one to decide
    if pkg.extras.get("open_type") != "conditional" or not pkg.owner_org:
        raise tk.ValidationError({"package_id": [texts.both("err.not_conditional")]})
    if not data.get("accept_commitment"):
        errors["accept_commitment"] = [texts.both("err.commitment")]
    _check_terms(data, pkg, errors)
    duplicate = model.Session.query(Application).filter(
        Application.user_id == user.id, Application.package_id == pkg.id,
        Application.state.in_((SUBMITTED, RETURNED, RESUBMITTED))).first()
    if duplicate is not None:
        raise tk.ValidationError({"package_id": [texts.both("err.duplicate")],
                                  "id": [duplicate.id]})
    now = utcnow()
    app = Application(
        package_id=pkg.id, organization_id=pkg.owner_org, user_id=user.id,
        applicant_type=data["applicant_type"], applicant_name=data["applicant_name"],
        applicant_org=data.get("applicant_org"), credit_code=data.get("credit_code"),
        contact=data["contact"], purpose=data["purpose"], scope=data["scope"],
        end_date=data["end_date"], resource_ids=data["resource_ids"],
        commitment=store.commitment(pkg.owner_org), submitted_at=now, created=now, updated=now)
    model.Session.add(app)
    model.Session.flush()
    store.transition(app, SUBMITTED, user.name)
    store.set_due(app)
    _log(app, "apply", user.name, resource_ids=app.resource_ids, end_date=app.end_date)
    model.Session.commit()
    return application_dict(app, full=True)


def govopen_access_resubmit(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Send a returned application back with the information asked for; the decision
    deadline runs afresh from now.

    :param id: the application id
    :type id: string
    :param note: what was added or changed
    :type note: string
    :param applicant_name, applicant_org, credit_code, contact, purpose, scope, end_date,
        resource_ids: any field of ``govopen_access_apply`` to change
    :returns: the application
    :rtype: dictionary
    """
    tk.check_access("govopen_access_resubmit", context, data_dict)
    user = _user(context)
    data = _validate(data_dict, schema.resubmit_schema(), context)
    app = _application(data["id"])
    _require(app, RETURNED)
    fields = ("applicant_name", "applicant_org", "credit_code", "contact", "purpose", "scope",
              "end_date", "resource_ids")
    merged = {f: data[f] if f in data else getattr(app, f) for f in fields}
    merged["applicant_type"] = app.applicant_type
    pkg = model.Package.get(app.package_id)
    if pkg is None:
        raise tk.ObjectNotFound(texts.both("err.dataset"))
    _check_terms(merged, pkg)
    for f in fields:
        setattr(app, f, merged[f])
    app.submitted_at = utcnow()
    store.transition(app, RESUBMITTED, user.name, data.get("note"))
    store.set_due(app)
    _log(app, "resubmit", user.name, note=data.get("note") or "")
    model.Session.commit()
    return application_dict(app, full=True)


def _step(context: Context, data_dict: DataDict, action: str, to_state: str,
          from_states: tuple[str, ...], reason_required: bool) -> tuple[Application, str, dict]:
    tk.check_access(action, context, data_dict)
    user = _user(context)
    data = _validate(data_dict, schema.step_schema(), context)
    app = _application(data["id"])
    _require(app, *from_states)
    reason = (data.get("reason") or "").strip()
    if reason_required and not reason:
        raise tk.ValidationError({"reason": [texts.both("err.reason")]})
    store.transition(app, to_state, user.name, reason or data.get("note"))
    if reason_required:
        app.reason = reason
    if to_state not in OPEN_STATES:
        app.due_date = None if to_state != APPROVED else app.due_date
    return app, user.name, data


def govopen_access_withdraw(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The applicant withdraws an application not yet decided.

    :param id: the application id
    :type id: string
    :returns: the application
    :rtype: dictionary
    """
    app, actor, _ = _step(context, data_dict, "govopen_access_withdraw", WITHDRAWN,
                          (SUBMITTED, RETURNED, RESUBMITTED), False)
    _log(app, "withdraw", actor)
    model.Session.commit()
    return application_dict(app, full=True)


def govopen_access_return(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The provider asks the applicant for more information (补充材料).

    :param id: the application id
    :type id: string
    :param reason: what is missing (required)
    :type reason: string
    :returns: the application
    :rtype: dictionary
    """
    app, actor, _ = _step(context, data_dict, "govopen_access_return", RETURNED,
                          OPEN_STATES, True)
    _log(app, "return", actor, reason=app.reason)
    model.Session.commit()
    return application_dict(app, full=True)


def govopen_access_reject(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The provider refuses the application.

    :param id: the application id
    :type id: string
    :param reason: why (required; the applicant sees it)
    :type reason: string
    :returns: the application
    :rtype: dictionary
    """
    app, actor, _ = _step(context, data_dict, "govopen_access_reject", REJECTED,
                          OPEN_STATES, True)
    _log(app, "reject", actor, reason=app.reason)
    model.Session.commit()
    return application_dict(app, full=True)


def govopen_access_approve(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The provider approves: a grant for the applicant to the requested resources until
    the end date (which the provider may shorten, never extend).

    :param id: the application id
    :type id: string
    :param end_date: an earlier last day of use, ``YYYY-MM-DD`` (optional)
    :type end_date: string
    :param note: a note to the applicant (optional)
    :type note: string
    :returns: the application, with its ``grant``
    :rtype: dictionary
    """
    app, actor, data = _step(context, data_dict, "govopen_access_approve", APPROVED,
                             OPEN_STATES, False)
    end = data.get("end_date") or app.end_date
    if end > app.end_date or end < store.today():
        model.Session.rollback()
        raise tk.ValidationError({"end_date": [texts.both("err.grant_end",
                                                          last=app.end_date.isoformat())]})
    grant = Grant(application_id=app.id, user_id=app.user_id, package_id=app.package_id,
                  resource_ids=list(app.resource_ids), valid_from=utcnow(), valid_until=end)
    model.Session.add(grant)
    model.Session.flush()
    store.append_log("approve", actor, organization_id=app.organization_id,
                     package_id=app.package_id, application_id=app.id, grant_id=grant.id,
                     detail={"valid_until": end, "resource_ids": grant.resource_ids})
    model.Session.commit()
    return application_dict(app, full=True)


def govopen_access_revoke(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The provider revokes an approved grant; it stops working at once.

    :param id: the application id
    :type id: string
    :param reason: why (required)
    :type reason: string
    :returns: the application
    :rtype: dictionary
    """
    app, actor, _ = _step(context, data_dict, "govopen_access_revoke", REVOKED,
                          (APPROVED,), True)
    grant = model.Session.query(Grant).filter(Grant.application_id == app.id).one()
    grant.revoked_at, grant.revoked_by, grant.revoke_reason = utcnow(), actor, app.reason
    store.append_log("revoke", actor, organization_id=app.organization_id,
                     package_id=app.package_id, application_id=app.id, grant_id=grant.id,
                     detail={"reason": app.reason})
    model.Session.commit()
    return application_dict(app, full=True)


def govopen_access_usage_report(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The applicant reports how the data was used (利用情况), once approved.

    :param id: the application id
    :type id: string
    :param report: the report text
    :type report: string
    :returns: the application
    :rtype: dictionary
    """
    tk.check_access("govopen_access_usage_report", context, data_dict)
    user = _user(context)
    data = _validate(data_dict, schema.step_schema(), context)
    app = _application(data["id"])
    _require(app, APPROVED, REVOKED, "expired")
    if not (data.get("report") or "").strip():
        raise tk.ValidationError({"report": [texts.both("err.report")]})
    app.usage_report, app.updated = data["report"].strip(), utcnow()
    _log(app, "usage_report", user.name)
    model.Session.commit()
    return application_dict(app, full=True)
