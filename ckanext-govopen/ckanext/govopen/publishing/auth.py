"""Who may take each publishing step: editors submit, organization admins review/publish."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import AuthResult, Context, DataDict

from ckanext.govopen.lib import params as schema


def _package(data_dict: DataDict) -> model.Package | None:
    schema.require_text(data_dict, "id", "package_id", "name")
    key = data_dict.get("id") or data_dict.get("package_id") or data_dict.get("name") or ""
    return model.Package.get(key) if key else None


def _is_reviewer(context: Context, pkg: model.Package | None) -> AuthResult:
    if pkg is not None and schema.is_org_admin(context, pkg.owner_org):
        return {"success": True}
    return {"success": False,
            "msg": "只有数据集所属机构的管理员可以审核和发布 / "
                   "Only an admin of the dataset's organization can review and publish"}


def govopen_dataset_submit(context: Context, data_dict: DataDict) -> AuthResult:
    pkg = _package(data_dict)
    if pkg is None:
        return {"success": False}
    return schema.can_edit_dataset(context, pkg.id)


def govopen_dataset_review(context: Context, data_dict: DataDict) -> AuthResult:
    return _is_reviewer(context, _package(data_dict))


def govopen_dataset_publish(context: Context, data_dict: DataDict) -> AuthResult:
    return _is_reviewer(context, _package(data_dict))


def govopen_resource_review(context: Context, data_dict: DataDict) -> AuthResult:
    return _is_reviewer(context, schema.resource_dataset(data_dict))


@tk.auth_allow_anonymous_access
def govopen_dataset_workflow_show(context: Context, data_dict: DataDict) -> AuthResult:
    pkg = _package(data_dict)
    if pkg is None:
        return {"success": True}  # the action answers "not found"
    try:
        tk.check_access("package_show", context.copy(), {"id": pkg.id})
    except tk.NotAuthorized:
        return {"success": False}
    return {"success": True}
