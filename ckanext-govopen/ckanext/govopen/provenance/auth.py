"""Who registers and edits derived products.

Products belong to the citizen or company that registered them: any logged-in user
may create one without belonging to an agency, and only its registrant (or a sysadmin,
whom CKAN lets through before any auth function) may change it. Products placed in an
organization follow that organization's rules.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import authz, model
from ckan.logic.auth import get_package_object
from ckan.types import AuthResult, Context, DataDict

from ckanext.govopen.provenance.sources import PRODUCT_TYPE


def _requested_type(data_dict: DataDict | None) -> str | None:
    if data_dict and data_dict.get("type"):
        return str(data_dict["type"])
    try:  # the web form asks without a data dict: the route says the type
        args: dict[str, Any] = tk.request.view_args or {}
    except (RuntimeError, AttributeError, TypeError):
        return None
    return args.get("package_type")


@tk.auth_allow_anonymous_access
def govopen_provenance_note(context: Context, data_dict: DataDict) -> AuthResult:
    """Anyone may read a note; the action shows only datasets the caller may see."""
    return {"success": True}


@tk.chained_auth_function
def package_create(next_auth: Any, context: Context, data_dict: DataDict | None) -> AuthResult:
    """Citizens and companies register derived products without belonging to an agency."""
    if (_requested_type(data_dict) == PRODUCT_TYPE and not (data_dict or {}).get("owner_org")
            and not authz.auth_is_anon_user(context)):
        return {"success": True}
    return next_auth(context, data_dict)


@tk.chained_auth_function
def package_update(next_auth: Any, context: Context, data_dict: DataDict | None) -> AuthResult:
    """Only its registrant (or a sysadmin) edits a derived product."""

    try:
        package = get_package_object(context, data_dict)
    except tk.ObjectNotFound:
        return next_auth(context, data_dict)
    if package.type != PRODUCT_TYPE or package.owner_org:
        return next_auth(context, data_dict)

    user = context.get("auth_user_obj") or model.User.get(context.get("user") or "")
    if user and getattr(user, "id", None) and package.creator_user_id == user.id:
        return {"success": True}
    return {"success": False, "msg": tk._("Only the registrant may edit this product")}
