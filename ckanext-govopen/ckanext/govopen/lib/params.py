"""Guards for action parameters every capability shares: a list or an object where one id
is expected is a 409 with a message, not a crash deep inside CKAN; and who the caller is to
a record (its owner, an admin of its organization)."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import authz, model
from ckan.types import AuthResult, Context, DataDict, ErrorDict, Schema

from ckanext.govopen.lib.texts import Texts

_TEXTS = Texts({
    "not_text": ("须为单个文本值，不能是列表或对象。",
                 "Must be a single text value, not a list or an object."),
})
texts = _TEXTS


def check(data_dict: DataDict, schema_: Schema, context: Context) -> None:
    """Validate the parameters `schema_` names; converted values replace the given ones."""
    present = {k: v for k, v in data_dict.items() if k in schema_}
    data, errors = tk.navl_validate(present, schema_, context)
    if errors:
        raise tk.ValidationError(errors)
    for key in present:
        if key in data and data[key] is not tk.missing:
            data_dict[key] = data[key]


def require_text(data_dict: DataDict | None, *keys: str) -> None:
    """An auth function's guard: ids given as lists or objects are a 409, not a crash."""
    errors: ErrorDict = {key: [texts.both("not_text")] for key in keys
              if not isinstance((data_dict or {}).get(key, ""), (str, type(None)))}
    if errors:
        raise tk.ValidationError(errors)


def validate(data_dict: DataDict, schema_: Schema, context: Context) -> dict[str, Any]:
    """The parameters as `schema_` converts them; a ValidationError (409) naming each bad one."""
    data, errors = tk.navl_validate(data_dict, schema_, context)
    if errors:
        raise tk.ValidationError(errors)
    return data


def dataset_or_404(id_or_name: str) -> model.Package:
    """The dataset (not deleted) by id or name, else ObjectNotFound."""
    pkg = model.Package.get(id_or_name)
    if pkg is None or pkg.state == "deleted":
        raise tk.ObjectNotFound(tk._("Dataset not found"))
    return pkg


def can_edit_dataset(context: Context, package_id: str) -> AuthResult:
    """An auth answer: may the context's user edit this dataset (CKAN's package_update)?"""
    try:
        tk.check_access("package_update", context.copy(), {"id": package_id})
    except tk.NotAuthorized:
        return {"success": False, "msg": tk._("Not authorized to edit this dataset")}
    return {"success": True}


def resource_dataset(data_dict: DataDict) -> model.Package | None:
    """For auth functions: the dataset of the ``resource_id`` given (None when unknown)."""
    require_text(data_dict, "resource_id")
    res = model.Resource.get(data_dict.get("resource_id") or "")
    return model.Package.get(res.package_id) if res else None


def caller(context: Context) -> model.User | None:
    """The context's user, None for an anonymous call."""
    return model.User.get(context.get("user") or "")


def is_org_admin(context: Context, organization_id: str | None) -> bool:
    """Whether the caller administers the organization (sysadmins administer all)."""
    return bool(organization_id) and authz.has_user_permission_for_group_or_org(
        organization_id, context.get("user"), "admin")


def is_owner_or_org_admin(context: Context, owner_id: str | None,
                          organization_id: str | None) -> bool:
    """Whether the caller is the record's owner (the user who made it), an admin of the
    organization it belongs to, or a sysadmin."""
    user = caller(context)
    if user is None:
        return False
    return (user.sysadmin or (owner_id is not None and user.id == owner_id)
            or is_org_admin(context, organization_id))


def admin_organizations(user: model.User) -> list[str] | None:
    """Ids of the organizations `user` administers; None for a sysadmin (every one)."""
    if user.sysadmin:
        return None
    return [g["id"] for g in tk.get_action("organization_list_for_user")(
        {"user": user.name, "ignore_auth": True}, {"id": user.id, "permission": "admin"})]
