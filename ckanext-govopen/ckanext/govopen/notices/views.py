"""Pages of the notices capability: the list, one notice, and the sysadmins' form."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
import flask
from flask import Blueprint

from ckanext.govopen.lib.context import user_context
from ckanext.govopen.lib.forms import check_csrf, field_errors
from ckanext.govopen.lib.lang import is_english
from ckanext.govopen.notices.action import FIELDS
from ckanext.govopen.notices.texts import TEXTS

__all__ = ["notices"]

notices = Blueprint("govopen_notices", __name__, url_prefix="/notices")


def _may(action: str) -> bool:
    try:
        tk.check_access(action, user_context(), {})
    except tk.NotAuthorized:
        return False
    return True


def _text(key: str) -> str:
    return TEXTS.en(key) if is_english() else TEXTS.zh(key)


@notices.route("/")
def index() -> Any:
    found = tk.get_action("govopen_notice_list")(user_context(), {"limit": 100})
    return tk.render("govopen/notices/list.html",
                     {"notices": found["results"], "may_write": _may("govopen_notice_create"),
                      "t": _text})


@notices.route("/<id>")
def read(id: str) -> Any:
    try:
        notice = tk.get_action("govopen_notice_show")(user_context(), {"id": id})
    except tk.ObjectNotFound:
        return tk.abort(404, TEXTS.both("err.not_found"))
    return tk.render("govopen/notices/read.html",
                     {"notice": notice, "may_write": _may("govopen_notice_update"), "t": _text})


@notices.route("/new", methods=["GET", "POST"])
def new() -> Any:
    return _form(None)


@notices.route("/<id>/edit", methods=["GET", "POST"])
def edit(id: str) -> Any:
    return _form(id)


def _form(notice_id: str | None) -> Any:
    action = "govopen_notice_update" if notice_id else "govopen_notice_create"
    if not _may(action):
        return tk.abort(403, tk._("Unauthorized"))
    data: dict[str, Any] = {}
    if notice_id:
        try:
            data = tk.get_action("govopen_notice_show")(user_context(), {"id": notice_id})
        except tk.ObjectNotFound:
            return tk.abort(404, TEXTS.both("err.not_found"))
    errors: dict[str, str] = {}
    if flask.request.method == "POST":
        check_csrf()
        data = {name: flask.request.form.get(name, "") for name in FIELDS}
        if notice_id:
            data["id"] = notice_id
        try:
            saved = tk.get_action(action)(user_context(), data)
        except tk.ValidationError as e:
            errors = field_errors(e)
        else:
            return tk.redirect_to("govopen_notices.read", id=saved["id"])
    return tk.render("govopen/notices/form.html",
                     {"data": data, "errors": errors, "notice_id": notice_id, "t": _text,
                      "fields": list(FIELDS)}), (400 if errors else 200)


@notices.route("/<id>/delete", methods=["POST"])
def delete(id: str) -> Any:
    check_csrf()
    try:
        tk.get_action("govopen_notice_delete")(user_context(), {"id": id})
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Unauthorized"))
    except tk.ObjectNotFound:
        return tk.abort(404, TEXTS.both("err.not_found"))
    return tk.redirect_to("govopen_notices.index")
