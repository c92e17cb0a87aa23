"""Auth of the upkeep capability: update status and quality are as public as the dataset;
the catalog review belongs to the organization's admins, the province-wide progress to
sysadmins (sysadmins pass every auth function anyway)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan import authz, model
from ckan.types import AuthResult, Context, DataDict

from ckanext.govopen.lib import params as guards


@tk.auth_allow_anonymous_access
def govopen_upkeep_status(context: Context, data_dict: DataDict) -> AuthResult:
    guards.require_text(data_dict, "id")
    try:
        tk.check_access("package_show", context, {"id": data_dict.get("id")})
    except tk.NotAuthorized:
        return {"success": False}
    return {"success": True}


@tk.auth_allow_anonymous_access
def govopen_upkeep_organization_summary(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}  # counts over the public datasets only


def _org_admin(context: Context, organization_id: str | None) -> AuthResult:
    user = context.get("user") or ""
    group = model.Group.get(organization_id or "")
    if group is None or not user:
        return {"success": False}
    return {"success": authz.has_user_permission_for_group_or_org(group.id, user, "admin")}


def govopen_catalog_review_show(context: Context, data_dict: DataDict) -> AuthResult:
    guards.require_text(data_dict, "organization_id")
    return _org_admin(context, data_dict.get("organization_id"))


def govopen_catalog_review_confirm(context: Context, data_dict: DataDict) -> AuthResult:
    guards.require_text(data_dict, "id")
    pkg = model.Package.get(data_dict.get("id") or "")
    return _org_admin(context, pkg.owner_org if pkg else None)


def govopen_catalog_review_progress(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False}  # sysadmins only
