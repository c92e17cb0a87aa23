"""Who may do what: anyone logged in reports and asks; the provider organization's admins
handle reports on its datasets and answer requests routed to it; sysadmins route requests
(and pass every check). Reads are open: the actions show each caller only what is theirs
to see. Unknown ids pass to the action's 404."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import AuthResult, Context, DataDict

from ckanext.govopen.feedback.model import DataRequest, ErrorReport
from ckanext.govopen.feedback.texts import TEXTS
from ckanext.govopen.lib.params import is_org_admin

_OPEN: AuthResult = {"success": True}


def _user(context: Context) -> model.User | None:
    return model.User.get(context.get("user") or "")


def _key(data_dict: DataDict, name: str) -> str:
    value = data_dict.get(name)
    # Not text, or text PostgreSQL cannot look up (U+0000): the action answers 409.
    return value if isinstance(value, str) and "\x00" not in value else ""


def _logged_in(context: Context) -> AuthResult:
    return {"success": _user(context) is not None, "msg": TEXTS.both("err.login")}


def _report_provider(context: Context, data_dict: DataDict) -> AuthResult:
    key = _key(data_dict, "id")
    report = model.Session.get(ErrorReport, key) if key else None
    if report is None:
        return _logged_in(context)
    return {"success": is_org_admin(context, report.organization_id),
            "msg": TEXTS.both("auth.provider")}


def govopen_feedback_report_create(context: Context, data_dict: DataDict) -> AuthResult:
    return _logged_in(context)


def govopen_feedback_report_accept(context: Context, data_dict: DataDict) -> AuthResult:
    return _report_provider(context, data_dict)


def govopen_feedback_report_correct(context: Context, data_dict: DataDict) -> AuthResult:
    return _report_provider(context, data_dict)


def govopen_feedback_report_reject(context: Context, data_dict: DataDict) -> AuthResult:
    return _report_provider(context, data_dict)


def govopen_feedback_report_answer(context: Context, data_dict: DataDict) -> AuthResult:
    return _report_provider(context, data_dict)


@tk.auth_allow_anonymous_access
def govopen_feedback_report_show(context: Context, data_dict: DataDict) -> AuthResult:
    return _OPEN  # the action gives the public view, or 404 while nothing is public


@tk.auth_allow_anonymous_access
def govopen_feedback_report_list(context: Context, data_dict: DataDict) -> AuthResult:
    if data_dict.get("mine") or data_dict.get("review"):
        return _logged_in(context)
    return _OPEN  # answered reports on public datasets


def govopen_feedback_request_create(context: Context, data_dict: DataDict) -> AuthResult:
    return _logged_in(context)


def govopen_feedback_request_route(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False, "msg": TEXTS.both("auth.router")}  # sysadmins only


def govopen_feedback_request_answer(context: Context, data_dict: DataDict) -> AuthResult:
    key = _key(data_dict, "id")
    request = model.Session.get(DataRequest, key) if key else None
    if request is None:
        return _logged_in(context)
    return {"success": is_org_admin(context, request.organization_id),
            "msg": TEXTS.both("auth.provider")}


def govopen_feedback_request_follow(context: Context, data_dict: DataDict) -> AuthResult:
    return _logged_in(context)


@tk.auth_allow_anonymous_access
def govopen_feedback_request_show(context: Context, data_dict: DataDict) -> AuthResult:
    return _OPEN


@tk.auth_allow_anonymous_access
def govopen_feedback_request_list(context: Context, data_dict: DataDict) -> AuthResult:
    if data_dict.get("mine") or data_dict.get("following"):
        return _logged_in(context)
    return _OPEN


def govopen_feedback_remind(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False}  # sysadmins only
