"""Actions of the publishing workflow: submit, review, publish; reports and the audit log.

A dataset goes draft → submitted → approved / returned → published. Only organization admins
(reviewers) review and publish, and only when every uploaded file passed desensitization.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict

from ckanext.govopen.lib import audit, params
from ckanext.govopen.publishing import gate, schema, status, texts
from ckanext.govopen.publishing.model import APPROVED, DRAFT, PUBLISHED, RETURNED, SUBMITTED
from ckanext.govopen.storage import records
from ckanext.govopen.storage.model import PASSED, REVIEW_APPROVED, REVIEW_RETURNED


def workflow_dict(pkg: model.Package) -> dict[str, Any]:
    state = status.state_of(pkg.id, pkg.private)
    row = status.workflow_row(pkg.id)
    resources = []
    for res in gate.resource_rows(pkg.id):
        entry = {"id": res["id"], "name": res["name"], "format": res["format"],
                 "uploaded": res["uploaded"], "status": res["status"],
                 "review": res["review"]}
        if res["row"] is not None:
            entry["reason"] = res["row"].as_dict()["reason"]
            entry["policy_version"] = res["row"].policy_version
            entry["review_reason"] = res["row"].as_dict()["review_reason"]
        resources.append(entry)
    problems = gate.problems(pkg.id)
    if state == APPROVED:  # files changed since the approval need a new one
        problems += gate.unreviewed(pkg.id)
    return {
        "package_id": pkg.id, "name": pkg.name, "private": pkg.private,
        "state": state, "state_label": texts.pair(f"state.{state}"),
        "reason": row.reason if row and state == RETURNED else None,
        "updated": row.updated.isoformat() if row else None,
        "resources": resources, "publishable": not problems, "problems": problems,
        "changes_awaiting_review": [
            r["id"] for r in resources
            if state == PUBLISHED and r["uploaded"] and r["review"] != REVIEW_APPROVED],
    }


def _user(context: Context) -> str:
    return context.get("user") or audit.SYSTEM


def _require_state(pkg: model.Package, *needed: str) -> str:
    current = status.state_of(pkg.id, pkg.private)
    if current not in needed:
        raise tk.ValidationError({"state": [gate.wrong_state(current, needed)]})
    return current


@tk.side_effect_free
def govopen_dataset_workflow_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Where a dataset stands in the publishing workflow, with the desensitization status
    of each of its resources.

    :param id: the id or name of the dataset
    :type id: string
    :returns: ``{"state": "draft|submitted|approved|returned|published", "state_label":
        {"zh_Hans_CN": ..., "en": ...}, "reason": ..., "resources": [{"id", "name",
        "uploaded", "status": "pending|running|passed|failed|null", "reason": {...},
        "review": "approved|returned|awaiting|null", "review_reason": ... (only for
        those who may edit the dataset, like ``reason``)}],
        "publishable": bool, "problems": [...], "changes_awaiting_review": [resource ids
        of a published dataset whose current file no reviewer approved yet]}``
    :rtype: dictionary
    """
    tk.check_access("govopen_dataset_workflow_show", context, data_dict)
    data = params.validate(data_dict, schema.dataset_id_schema(), context)
    pkg = params.dataset_or_404(data["id"])
    flow = workflow_dict(pkg)
    try:
        tk.check_access("package_update", context.copy(), {"id": pkg.id})
    except tk.NotAuthorized:
        # A reviewer's reasons are for the dataset's own editors and reviewers.
        flow["reason"] = None
        for res in flow["resources"]:
            res.pop("review_reason", None)
    return flow


def govopen_dataset_submit(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Submit a draft or returned dataset for confidentiality review (an editor's step);
    also an approved one whose files changed after the approval.

    :param id: the id or name of the dataset
    :type id: string
    :param note: a note for the reviewer (optional)
    :type note: string
    :returns: the dataset's workflow, as ``govopen_dataset_workflow_show`` returns it
    :rtype: dictionary
    """
    tk.check_access("govopen_dataset_submit", context, data_dict)
    data = params.validate(data_dict, schema.dataset_id_schema(), context)
    pkg = params.dataset_or_404(data["id"])
    before = _require_state(pkg, DRAFT, RETURNED, APPROVED)
    note = data.get("note") or ""
    status.set_state(pkg.id, SUBMITTED, _user(context), note or None)
    audit.record(_user(context), "submit", package_id=pkg.id, before=before, note=note,
                 resources={r["id"]: r["status"] for r in gate.resource_rows(pkg.id)})
    model.Session.commit()
    return workflow_dict(pkg)


def govopen_dataset_review(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Decide on a submitted dataset after reading its desensitization reports and catalog
    fields (a reviewer's step: organization admins). Approval needs every uploaded file
    desensitized; returning needs a reason.

    :param id: the id or name of the dataset
    :type id: string
    :param decision: ``approve`` or ``return``
    :type decision: string
    :param reason: why it is returned (required for ``return``), or a remark
    :type reason: string
    :returns: the dataset's workflow, as ``govopen_dataset_workflow_show`` returns it
    :rtype: dictionary
    """
    tk.check_access("govopen_dataset_review", context, data_dict)
    data = params.validate(data_dict, schema.review_schema(), context)
    pkg = params.dataset_or_404(data["id"])
    _require_state(pkg, SUBMITTED)
    reason = (data.get("reason") or "").strip()
    if data["decision"] == "approve":
        problems = gate.problems(pkg.id)
        if problems:
            raise tk.ValidationError({"resources": list(problems)})
        # The approval covers each file as it is now; a later upload needs a new one.
        records.approve_package(pkg.id, _user(context))
        new_state = APPROVED
    else:
        if not reason:
            raise tk.ValidationError({"reason": [texts.both("review.reason_required")]})
        new_state = RETURNED
    status.set_state(pkg.id, new_state, _user(context), reason or None)
    audit.record(_user(context), "approve" if new_state == APPROVED else "return",
                 package_id=pkg.id, reason=reason, reports={
                     r["id"]: r["row"].policy_version for r in gate.resource_rows(pkg.id)
                     if r["row"] is not None})
    model.Session.commit()
    return workflow_dict(pkg)


def govopen_dataset_publish(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Make an approved dataset public (a reviewer's step: organization admins). Refused
    while any uploaded file has not passed desensitization, or changed after the approval.

    :param id: the id or name of the dataset
    :type id: string
    :returns: the dataset's workflow, as ``govopen_dataset_workflow_show`` returns it
    :rtype: dictionary
    """
    tk.check_access("govopen_dataset_publish", context, data_dict)
    data = params.validate(data_dict, schema.dataset_id_schema(), context)
    pkg = params.dataset_or_404(data["id"])
    _require_state(pkg, APPROVED)
    problems = gate.problems(pkg.id) + gate.unreviewed(pkg.id)
    if problems:
        raise tk.ValidationError({"resources": list(problems)})
    user = _user(context)
    tk.get_action("package_patch")(
        {"user": user, "ignore_auth": True, "govopen_publishing": True},  # type: ignore[typeddict-unknown-key]  # our flag; Context lists only CKAN's keys
        {"id": pkg.id, "private": False})
    pkg = params.dataset_or_404(pkg.id)
    status.set_state(pkg.id, PUBLISHED, user)
    audit.record(user, "publish", package_id=pkg.id)
    model.Session.commit()
    return workflow_dict(pkg)


def govopen_resource_review(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Decide on one uploaded file after reading its desensitization report (a reviewer's
    step: organization admins). A file added to or replaced in a published dataset is not
    downloadable by the public until approved here; the dataset's other files stay
    published meanwhile. The decision holds for the file as it is now: a new upload needs
    a new one.

    :param resource_id: the id of the resource
    :type resource_id: string
    :param decision: ``approve`` or ``return``
    :type decision: string
    :param reason: why it is returned (required for ``return``), or a remark
    :type reason: string
    :returns: the resource's status, as ``govopen_desensitize_report_show`` returns it
        (without the report), with ``review``: ``approved|returned|awaiting``
    :rtype: dictionary
    """
    tk.check_access("govopen_resource_review", context, data_dict)
    data = params.validate(data_dict, schema.resource_review_schema(), context)
    row = records.get(data["resource_id"])
    resource = model.Resource.get(data["resource_id"])
    if row is None or resource is None or resource.state != "active":
        raise tk.ObjectNotFound(tk._("No uploaded file for this resource"))
    reason = (data.get("reason") or "").strip()
    if data["decision"] == "approve":
        if row.status != PASSED:
            state = f"status.{row.status}"
            message = (f"{texts.zh('file_review.not_passed', status=texts.zh(state))} / "
                       f"{texts.en('file_review.not_passed', status=texts.en(state))}")
            raise tk.ValidationError({"resource_id": [message]})
        decision = REVIEW_APPROVED
    else:
        if not reason:
            raise tk.ValidationError({"reason": [texts.both("review.reason_required")]})
        decision = REVIEW_RETURNED
    user = _user(context)
    records.set_review(row, decision, user, reason or None)
    audit.record(user, f"resource_{'approve' if decision == REVIEW_APPROVED else 'return'}",
                 package_id=row.package_id, resource_id=row.resource_id, reason=reason,
                 filename=row.filename, sha256=row.raw_sha256,
                 policy_version=row.policy_version)
    model.Session.commit()
    return row.as_dict()
