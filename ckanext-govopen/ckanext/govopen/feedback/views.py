"""Pages of the feedback capability: the error report form on a dataset (纠错), a report's
page, the provider's board (待处理纠错), the public list of answered reports, and the data
requests (数据需求): list, form, page."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
import flask
from flask import Blueprint

from ckanext.govopen.feedback.model import REPORT_STATES, REQUEST_STATES
from ckanext.govopen.lib.context import user_context
from ckanext.govopen.lib.forms import check_csrf, field_errors, login_redirect, run_action

__all__ = ["feedback"]

feedback = Blueprint("govopen_feedback", __name__)

_REPORT_STEPS = {"accept": "govopen_feedback_report_accept",
                 "correct": "govopen_feedback_report_correct",
                 "reject": "govopen_feedback_report_reject",
                 "answer": "govopen_feedback_report_answer"}
_REQUEST_STEPS = {"route": "govopen_feedback_request_route",
                  "answer": "govopen_feedback_request_answer",
                  "follow": "govopen_feedback_request_follow"}
_REPORT_FIELDS = ("resource_id", "field", "row", "value", "description", "evidence",
                  "contact")
_REQUEST_FIELDS = ("title", "description", "purpose", "suggested_provider")


def _flash(error: str | None) -> None:
    """What a step's form shows back: its refusal, or that it was done."""
    if error is None:
        tk.h.flash_success(tk._("Done."))
    else:
        tk.h.flash_error(error)


def _may(action: str, data: dict[str, Any]) -> bool:
    try:
        tk.check_access(action, user_context(), data)
    except tk.NotAuthorized:
        return False
    return True


def report_form(id: str) -> Any:
    """GET the form; POST it to govopen_feedback_report_create."""
    if (redirect := login_redirect()) is not None:
        return redirect
    context = user_context()
    try:
        pkg = tk.get_action("package_show")(context, {"id": id})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return tk.abort(404, tk._("Dataset not found"))
    errors: dict[str, str] = {}
    data: dict[str, Any] = {"resource_id": flask.request.args.get("resource_id", "")}
    if flask.request.method == "POST":
        check_csrf()
        data = {f: flask.request.form.get(f, "") for f in _REPORT_FIELDS}
        try:
            report = tk.get_action("govopen_feedback_report_create")(
                context, {**data, "package_id": pkg["id"]})
        except tk.ValidationError as e:
            errors = field_errors(e)
        else:
            tk.h.flash_success(tk._("Your error report was submitted."))
            return tk.redirect_to("govopen_feedback.report", id=report["id"])
    return tk.render("govopen/feedback/report_form.html", extra_vars={
        "pkg": pkg, "pkg_dict": pkg, "data": data, "errors": errors})


def report(id: str) -> Any:
    try:
        shown = tk.get_action("govopen_feedback_report_show")(user_context(), {"id": id})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Error report not found"))
    except tk.ValidationError as e:
        return tk.abort(400, " ".join(field_errors(e).values()))
    return tk.render("govopen/feedback/report.html", extra_vars={
        "report": shown, "is_provider": _may("govopen_feedback_report_accept", {"id": id})})


def report_step(id: str, name: str) -> Any:
    if name not in _REPORT_STEPS:
        return tk.abort(404)
    if (redirect := login_redirect()) is not None:
        return redirect
    check_csrf()
    form = flask.request.form
    data = {"id": id, **{k: form[k] for k in ("note", "reason", "answer") if form.get(k)}}
    _flash(run_action(_REPORT_STEPS[name], data, tk._("Error report not found")))
    return tk.redirect_to("govopen_feedback.report", id=id)


def _report_list(filters: dict[str, Any]) -> Any:
    try:
        return tk.get_action("govopen_feedback_report_list")(user_context(),
                                                            {**filters, "limit": 200})
    except tk.ValidationError as e:
        return tk.abort(400, " ".join(field_errors(e).values()))


def answered() -> Any:
    """The public list of answered reports."""
    result = _report_list({})
    return tk.render("govopen/feedback/report_list.html",
                     extra_vars={"result": result, "review": False, "filters": {},
                                 "states": REPORT_STATES})


def review() -> Any:
    """The reports of the organizations the user administers, overdue flagged."""
    if (redirect := login_redirect()) is not None:
        return redirect
    args = flask.request.args
    filters = {k: args[k] for k in ("state", "overdue") if args.get(k)}
    result = _report_list({**filters, "review": True})
    return tk.render("govopen/feedback/report_list.html",
                     extra_vars={"result": result, "review": True, "filters": filters,
                                 "states": REPORT_STATES})


def requests() -> Any:
    args = flask.request.args
    filters = {k: args[k] for k in ("state", "organization_id") if args.get(k)}
    try:
        result = tk.get_action("govopen_feedback_request_list")(user_context(),
                                                               {**filters, "limit": 200})
    except tk.ValidationError as e:
        return tk.abort(400, " ".join(field_errors(e).values()))
    return tk.render("govopen/feedback/request_list.html", extra_vars={
        "result": result, "filters": filters, "states": REQUEST_STATES})


def request_form() -> Any:
    if (redirect := login_redirect()) is not None:
        return redirect
    errors: dict[str, str] = {}
    data: dict[str, Any] = {}
    if flask.request.method == "POST":
        check_csrf()
        data = {f: flask.request.form.get(f, "") for f in _REQUEST_FIELDS}
        try:
            made = tk.get_action("govopen_feedback_request_create")(user_context(), data)
        except tk.ValidationError as e:
            errors = field_errors(e)
        else:
            tk.h.flash_success(tk._("Your data request was submitted."))
            return tk.redirect_to("govopen_feedback.request", id=made["id"])
    return tk.render("govopen/feedback/request_form.html",
                     extra_vars={"data": data, "errors": errors})


def request(id: str) -> Any:
    try:
        shown = tk.get_action("govopen_feedback_request_show")(user_context(), {"id": id})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Data request not found"))
    except tk.ValidationError as e:
        return tk.abort(400, " ".join(field_errors(e).values()))
    organizations: list[dict[str, Any]] = []
    may_route = _may("govopen_feedback_request_route", {"id": id})
    if may_route:
        organizations = tk.get_action("organization_list")(
            user_context(), {"all_fields": True, "limit": 1000})
    return tk.render("govopen/feedback/request.html", extra_vars={
        "request_": shown, "may_route": may_route, "organizations": organizations,
        "may_answer": bool(shown["organization_id"]) and _may(
            "govopen_feedback_request_answer", {"id": id})})


def request_step(id: str, name: str) -> Any:
    if name not in _REQUEST_STEPS:
        return tk.abort(404)
    if (redirect := login_redirect()) is not None:
        return redirect
    check_csrf()
    form = flask.request.form
    data = {"id": id, **{k: form[k] for k in (
        "organization_id", "note", "outcome", "answer", "expected_date", "dataset_id",
        "unfollow") if form.get(k)}}
    _flash(run_action(_REQUEST_STEPS[name], data, tk._("Data request not found")))
    return tk.redirect_to("govopen_feedback.request", id=id)


feedback.add_url_rule("/dataset/<id>/report", view_func=report_form, endpoint="report_form",
                      methods=["GET", "POST"])
feedback.add_url_rule("/feedback/report/<id>", view_func=report, endpoint="report")
feedback.add_url_rule("/feedback/report/<id>/<name>", view_func=report_step,
                      endpoint="report_step", methods=["POST"])
feedback.add_url_rule("/feedback/reports", view_func=answered, endpoint="answered")
feedback.add_url_rule("/feedback/review", view_func=review, endpoint="review")
feedback.add_url_rule("/feedback/requests", view_func=requests, endpoint="requests")
feedback.add_url_rule("/feedback/requests/new", view_func=request_form,
                      endpoint="request_form", methods=["GET", "POST"])
feedback.add_url_rule("/feedback/request/<id>", view_func=request, endpoint="request")
feedback.add_url_rule("/feedback/request/<id>/<name>", view_func=request_step,
                      endpoint="request_step", methods=["POST"])
