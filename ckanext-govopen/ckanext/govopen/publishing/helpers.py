"""Template helpers of the publishing module."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.govopen.lib.context import user_context
from ckanext.govopen.lib.lang import govopen_lang
from ckanext.govopen.publishing import texts
from ckanext.govopen.storage import records


def _allowed(auth: str, package_id: str) -> bool:
    try:
        tk.check_access(auth, user_context(), {"id": package_id})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return False
    return True


def govopen_publishing_panel(pkg_dict: dict[str, Any]) -> dict[str, Any] | None:
    """The workflow state, file statuses and the steps the current user may take."""
    try:
        workflow = tk.get_action("govopen_dataset_workflow_show")(
            user_context(), {"id": pkg_dict["id"]})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return None
    package_id = pkg_dict["id"]
    can_edit = _allowed("govopen_dataset_submit", package_id)
    can_review = _allowed("govopen_dataset_review", package_id)
    state = workflow["state"]
    return {
        **workflow,
        "can_edit": can_edit, "can_review": can_review,
        # An approved dataset whose files changed since goes back to the reviewer.
        "can_submit": can_edit and (state in ("draft", "returned")
                                    or (state == "approved" and not workflow["publishable"])),
        "can_decide": can_review and state == "submitted",
        "can_review_changes": can_review and bool(workflow["changes_awaiting_review"]),
        "can_publish": can_review and state == "approved" and workflow["publishable"],
    }


def govopen_publishing_text(key: str) -> str:
    """A publishing label (``state.draft``, ``status.passed`` …) in the page's language."""
    if key not in texts.TEXTS:
        return key
    return texts.in_lang(key, govopen_lang())


def govopen_audit_action(action: str) -> str:
    """What an audit trail entry records, in the page's language (its name if unknown)."""
    key = f"audit.{action}"
    return texts.in_lang(key, govopen_lang()) if key in texts.TEXTS else action


def govopen_resource_status(resource: dict[str, Any]) -> dict[str, Any] | None:
    """Desensitization status of an uploaded resource for the resource list; None for links."""
    if resource.get("url_type") != "upload":
        return None

    row = records.get(resource["id"])
    name = row.status if row else "pending"
    return {"status": name, "label": govopen_publishing_text(f"status.{name}")}
