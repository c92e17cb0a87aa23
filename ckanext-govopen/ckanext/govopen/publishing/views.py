"""Web side of publishing: the gated download, the review page and the workflow buttons."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
import flask
from ckan import model
from ckan.lib import signals
from flask import Blueprint

from ckanext.govopen.access import grants
from ckanext.govopen.lib.context import current_user_name, user_context
from ckanext.govopen.lib.forms import check_csrf, run_action
from ckanext.govopen.lib.lang import govopen_lang
from ckanext.govopen.publishing import action as actions
from ckanext.govopen.publishing import gate, texts
from ckanext.govopen.storage import files as storage
from ckanext.govopen.storage import records
from ckanext.govopen.usage import model as usage

__all__ = ["publishing"]

publishing = Blueprint("govopen_publishing", __name__)


def download(id: str, resource_id: str, filename: str | None = None) -> Any:
    """Every resource download, of every dataset type: the bytes go out only if the one
    gate (``gate.download_refusal``) lets them; a link is a redirect to its URL, an upload
    is served only as its desensitized copy. A refusal says why (403/404/409)."""
    user = current_user_name()
    pkg = model.Package.get(id)
    refused = gate.download_refusal(user, pkg.id if pkg is not None else id, resource_id)
    if refused is not None:
        return _refuse(refused)
    rsc = model.Resource.get(resource_id)
    assert rsc is not None and pkg is not None  # the gate answered 404 otherwise
    public = storage.public_path(resource_id)
    if gate.is_restricted(pkg):  # every byte of restricted data that leaves is logged
        grants.record_restricted_download(
            user, pkg.id, resource_id, remote_addr=flask.request.remote_addr,
            size=public.stat().st_size if rsc.url_type == "upload" else None)
    usage.record(pkg.id, resource_id)  # every download served, browser or API
    if rsc.url_type != "upload":
        return tk.redirect_to(rsc.url)
    row = records.get(resource_id)
    resp = flask.send_file(public,
                           download_name=filename or (row.filename if row else None) or resource_id,
                           mimetype=rsc.mimetype or None, max_age=0)
    resp.headers["Cache-Control"] = "no-store"
    signals.resource_download.send(resource_id)
    return resp


def _refuse(refused: gate.Refusal) -> Any:
    if "text/html" not in (flask.request.headers.get("Accept") or ""):
        return flask.Response(refused.text() + "\n", status=refused.status,
                              mimetype="text/plain")
    return tk.abort(refused.status, refused.text())


def _is_download(endpoint: str | None) -> bool:
    """CKAN's ``resource.download`` and each dataset type's ``<type>_resource.download``,
    including types registered after us."""
    return endpoint is not None and (endpoint == "resource.download"
                                     or endpoint.endswith("_resource.download"))


@publishing.before_app_request
def gated_download() -> Any:
    """Serve every download route through :func:`download`, so no route skips the gate."""
    if not _is_download(flask.request.endpoint):
        return None
    args = flask.request.view_args or {}
    return download(args.get("id", ""), args.get("resource_id", ""), args.get("filename"))


def review(id: str) -> Any:
    """The review page: catalog fields, every file's status and report, the decision form."""
    context = user_context()
    try:
        pkg = tk.get_action("package_show")(context, {"id": id})
        workflow = tk.get_action("govopen_dataset_workflow_show")(context, {"id": id})
        tk.check_access("govopen_dataset_submit", context.copy(), {"id": pkg["id"]})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Dataset not found"))
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Unauthorized to read dataset"))
    reports = {}
    for res in workflow["resources"]:
        if res["uploaded"]:
            reports[res["id"]] = tk.get_action("govopen_desensitize_report_show")(
                context, {"resource_id": res["id"]}) if records.get(res["id"]) else None
    audit = tk.get_action("govopen_audit_list")(context, {"package_id": pkg["id"], "limit": 20})
    return tk.render("govopen/publishing/review.html", extra_vars={
        "pkg": pkg, "pkg_dict": pkg, "workflow": workflow, "reports": reports,
        "audit": audit["results"],
        "can_review": _allowed("govopen_dataset_review", pkg["id"]),
    })


def _allowed(auth: str, package_id: str) -> bool:
    try:
        tk.check_access(auth, user_context(), {"id": package_id})
    except tk.NotAuthorized:
        return False
    return True


_STEPS = {"submit": "govopen_dataset_submit", "review": "govopen_dataset_review",
          "publish": "govopen_dataset_publish", "file": "govopen_resource_review"}


def step(id: str, name: str) -> Any:
    """POST from the dataset or review page: take one workflow step, then go back."""
    if name not in _STEPS:
        return tk.abort(404)
    check_csrf()
    form = flask.request.form
    data = {"id": id}
    if name == "submit":
        data["note"] = form.get("note", "")
    elif name == "review":
        data.update(decision=form.get("decision", ""), reason=form.get("reason", ""))
    elif name == "file":  # one file added to or replaced in a published dataset
        data = {"resource_id": form.get("resource_id", ""),
                "decision": form.get("decision", ""), "reason": form.get("reason", "")}
    error = run_action(_STEPS[name], data, tk._("Dataset not found"))
    if error is not None:
        tk.h.flash_error(error)
        return tk.redirect_to("govopen_publishing.review", id=id)
    tk.h.flash_success(texts.in_lang(_after(name, data), govopen_lang()))
    if name == "file":
        return tk.redirect_to("govopen_publishing.review", id=id)
    return tk.redirect_to("dataset.read", id=id)


def _after(name: str, data: dict[str, str]) -> str:
    if name == "file":
        return "file_review." + ("approved" if data.get("decision") == "approve" else "returned")
    return "state." + _state_after(name, data)


def _state_after(name: str, data: dict[str, str]) -> str:
    if name == "review":
        return "approved" if data.get("decision") == "approve" else "returned"
    return {"submit": "submitted", "publish": "published"}[name]


publishing.add_url_rule("/dataset/<id>/review", view_func=review, endpoint="review")
publishing.add_url_rule("/dataset/<id>/workflow/<name>", view_func=step, endpoint="step",
                        methods=["POST"])

# Keep a reference for helpers that need the shared workflow dict.
workflow_dict = actions.workflow_dict
