"""Pages of the upkeep capability: an organization's catalog review (printable, XLSX, a
confirm button per entry) and the province-wide progress for sysadmins."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
import flask
from flask import Blueprint

from ckanext.govopen.lib.context import current_user, same_user, user_context
from ckanext.govopen.lib.forms import check_csrf
from ckanext.govopen.lib.lang import govopen_lang
from ckanext.govopen.upkeep.report_xlsx import workbook
from ckanext.govopen.upkeep.texts import TEXTS

__all__ = ["upkeep"]

upkeep = Blueprint("govopen_upkeep", __name__)


def _year() -> int | None:
    raw = flask.request.args.get("year") or flask.request.form.get("year")
    if not raw:
        return None
    if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
        return tk.abort(400, TEXTS.in_lang("review.bad_year", govopen_lang()))
    return int(raw)


def _report(id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    if current_user() is None:
        tk.abort(403, tk._("Unauthorized"))
    context = user_context()
    try:
        org = tk.get_action("organization_show")(same_user(context), {"id": id})
        report = tk.get_action("govopen_catalog_review_show")(
            same_user(context), {"organization_id": org["id"], "year": _year()})
    except tk.ObjectNotFound:
        return tk.abort(404, TEXTS.in_lang("review.not_found", govopen_lang()))
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Unauthorized"))
    return org, report


def review(id: str) -> Any:
    org, report = _report(id)
    only = flask.request.args.get("only") == "attention"
    return tk.render("upkeep/review.html", {
        "org": org, "report": report, "only": only,
        "entries": report["attention"] if only else report["entries"]})


def review_xlsx(id: str) -> Any:
    org, report = _report(id)
    body = workbook(report, org["title"] or org["name"], govopen_lang())
    name = f"catalog-review-{org['name']}-{report['year']}.xlsx"
    return flask.Response(body, headers={
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": f'attachment; filename="{name}"'})


def confirm(id: str) -> Any:
    check_csrf()
    if current_user() is None:
        return tk.abort(403, tk._("Unauthorized"))
    year = _year()
    try:
        tk.get_action("govopen_catalog_review_confirm")(user_context(), {
            "id": flask.request.form.get("package_id", ""), "year": year})
    except tk.ObjectNotFound:
        return tk.abort(404, TEXTS.in_lang("review.not_found", govopen_lang()))
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Unauthorized"))
    return tk.redirect_to("govopen_upkeep.review", id=id, year=year)


def progress() -> Any:
    try:
        result = tk.get_action("govopen_catalog_review_progress")(user_context(),
                                                                  {"year": _year()})
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Unauthorized"))
    return tk.render("upkeep/progress.html", {"result": result})


upkeep.add_url_rule("/organization/<id>/catalog-review", view_func=review)
upkeep.add_url_rule("/organization/<id>/catalog-review.xlsx", view_func=review_xlsx)
upkeep.add_url_rule("/organization/<id>/catalog-review/confirm", view_func=confirm,
                    methods=["POST"])
upkeep.add_url_rule("/catalog-review", view_func=progress)
