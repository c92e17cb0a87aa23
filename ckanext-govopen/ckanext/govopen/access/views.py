"""Pages of the access capability: the apply form (申请数据), my applications (我的申请),
the review dashboard (待审申请), an application's status page and the log export."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
import flask
from flask import Blueprint

from ckanext.govopen.access import store
from ckanext.govopen.access.model import STATES
from ckanext.govopen.lib.context import current_user, user_context
from ckanext.govopen.lib.forms import check_csrf, field_errors, login_redirect, run_action

__all__ = ["access"]

access = Blueprint("govopen_access", __name__)

_STEPS = {"withdraw": "govopen_access_withdraw", "return": "govopen_access_return",
          "approve": "govopen_access_approve", "reject": "govopen_access_reject",
          "revoke": "govopen_access_revoke", "resubmit": "govopen_access_resubmit",
          "usage_report": "govopen_access_usage_report"}
_FIELDS = ("applicant_type", "applicant_name", "applicant_org", "credit_code", "contact",
           "purpose", "scope", "end_date")


def apply(id: str) -> Any:
    """GET the form; POST it to govopen_access_apply."""
    if (redirect := login_redirect()) is not None:
        return redirect
    context = user_context()
    try:
        pkg = tk.get_action("package_show")(context, {"id": id})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return tk.abort(404, tk._("Dataset not found"))
    errors: dict[str, str] = {}
    data: dict[str, Any] = {"applicant_type": "person",
                            "resource_ids": [r["id"] for r in pkg["resources"]]}
    if flask.request.method == "POST":
        check_csrf()
        form = flask.request.form
        data = {f: form.get(f, "") for f in _FIELDS}
        data["resource_ids"] = form.getlist("resource_ids")
        data["accept_commitment"] = form.get("accept_commitment") == "on"
        try:
            app = tk.get_action("govopen_access_apply")(context, {**data, "package_id": pkg["id"]})
        except tk.ValidationError as e:
            errors = field_errors(e)
        else:
            tk.h.flash_success(tk._("Your application was submitted."))
            return tk.redirect_to("govopen_access.application", id=app["id"])
    return tk.render("govopen/access/apply.html", extra_vars={
        "pkg": pkg, "pkg_dict": pkg, "data": data, "errors": errors,
        "commitment": store.commitment(pkg["owner_org"])})


def mine() -> Any:
    if (redirect := login_redirect()) is not None:
        return redirect
    result = tk.get_action("govopen_access_list")(user_context(), {"mine": True, "limit": 200})
    return tk.render("govopen/access/list.html", extra_vars={
        "result": result, "review": False, "states": STATES, "filters": {}})


def review() -> Any:
    if (redirect := login_redirect()) is not None:
        return redirect
    args = flask.request.args
    filters = {k: args[k] for k in ("state", "overdue", "package_id") if args.get(k)}
    try:
        result = tk.get_action("govopen_access_list")(user_context(), {**filters, "limit": 200})
    except tk.ValidationError as e:
        return tk.abort(400, " ".join(field_errors(e).values()))
    return tk.render("govopen/access/list.html", extra_vars={
        "result": result, "review": True, "states": STATES, "filters": filters})


def application(id: str) -> Any:
    if (redirect := login_redirect()) is not None:
        return redirect
    context = user_context()
    try:
        app = tk.get_action("govopen_access_show")(context, {"id": id})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Application not found"))
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Unauthorized"))
    user = current_user()
    user_id = user.id if user else None
    try:
        tk.check_access("govopen_access_approve", user_context(), {"id": id})
        is_reviewer = True
    except tk.NotAuthorized:
        is_reviewer = False
    return tk.render("govopen/access/application.html", extra_vars={
        "app": app, "is_applicant": app["user_id"] == user_id, "is_reviewer": is_reviewer})


def step(id: str, name: str) -> Any:
    if name not in _STEPS:
        return tk.abort(404)
    if (redirect := login_redirect()) is not None:
        return redirect
    check_csrf()
    form = flask.request.form
    data = {"id": id, **{k: v for k, v in form.items() if k in (
        "reason", "note", "report", "end_date", "purpose", "scope", "contact") and v}}
    error = run_action(_STEPS[name], data, tk._("Application not found"))
    if error is None:
        tk.h.flash_success(tk._("Done."))
    else:
        tk.h.flash_error(error)
    return tk.redirect_to("govopen_access.application", id=id)


def log_csv(organization_id: str) -> Any:
    if (redirect := login_redirect()) is not None:
        return redirect
    try:
        out = tk.get_action("govopen_access_log_export")(
            user_context(), {"organization_id": organization_id})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Organization not found"))
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Unauthorized"))
    return flask.Response(out["csv"], mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{out["filename"]}"'})


def calendar() -> Any:
    """Sysadmins: the holidays and make-up working days added to the library's calendar."""
    if (redirect := login_redirect()) is not None:
        return redirect
    context = user_context()
    if flask.request.method == "POST":
        check_csrf()
        form = flask.request.form
        action = ("govopen_calendar_day_delete" if form.get("delete")
                  else "govopen_calendar_day_set")
        try:
            tk.get_action(action)(context, {"day": form.get("day", ""),
                                            "workday": form.get("workday") == "on",
                                            "note": form.get("note", "")})
        except tk.NotAuthorized:
            return tk.abort(403, tk._("Unauthorized"))
        except tk.ValidationError as e:
            tk.h.flash_error(" ".join(field_errors(e).values()))
        else:
            tk.h.flash_success(tk._("Done."))
        return tk.redirect_to("govopen_access.calendar")
    try:
        tk.check_access("govopen_calendar_day_set", context, {})
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Unauthorized"))
    days = tk.get_action("govopen_calendar_day_list")(context, {})
    return tk.render("govopen/access/calendar.html", extra_vars={"days": days})


access.add_url_rule("/access/calendar", view_func=calendar, endpoint="calendar",
                    methods=["GET", "POST"])
access.add_url_rule("/dataset/<id>/apply", view_func=apply, endpoint="apply",
                    methods=["GET", "POST"])
access.add_url_rule("/access/mine", view_func=mine, endpoint="mine")
access.add_url_rule("/access/review", view_func=review, endpoint="review")
access.add_url_rule("/access/application/<id>", view_func=application, endpoint="application")
access.add_url_rule("/access/application/<id>/<name>", view_func=step, endpoint="step",
                    methods=["POST"])
access.add_url_rule("/access/log/<organization_id>.csv", view_func=log_csv, endpoint="log_csv")
