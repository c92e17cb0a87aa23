"""Who may query a DataStore table: the same people who may download its file.

CKAN lets anyone who may see a resource query its table; here each DataStore read also
asks the download gate (``publishing.gate.download_refusal``), so open data is queryable
by anyone, conditional data by the provider and grant holders, not-open data by the
provider only, and a file nobody approved yet by the dataset's own editors and reviewers.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import AuthResult, Context, DataDict

from ckanext.govopen.publishing import gate


def _gate(context: Context, resource_id: str | None) -> AuthResult:
    resource = model.Resource.get(resource_id or "")
    if resource is None:  # not a resource: a system table named in SQL, or a typo
        return {"success": False, "msg": tk._("Not authorized to read resource.")}
    refused = gate.download_refusal(context.get("user") or "", resource.package_id or "",
                                    resource.id)
    if refused is not None:
        return {"success": False, "msg": refused.text()}
    return {"success": True}


def _chained(next_auth: Any, context: Context, data_dict: DataDict | None) -> AuthResult:
    data_dict = data_dict or {}
    result = next_auth(context, data_dict)
    if not result.get("success"):
        return result
    return _gate(context, data_dict.get("resource_id") or data_dict.get("id"))


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def datastore_search(next_auth: Any, context: Context,
                     data_dict: DataDict | None) -> AuthResult:
    return _chained(next_auth, context, data_dict)


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def datastore_info(next_auth: Any, context: Context,
                   data_dict: DataDict | None) -> AuthResult:
    return _chained(next_auth, context, data_dict)


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def datastore_search_sql(next_auth: Any, context: Context,
                         data_dict: DataDict | None) -> AuthResult:
    """Every table the statement reads must pass the gate."""
    result = next_auth(context, data_dict)
    if not result.get("success"):
        return result
    for name in context.get("table_names") or []:
        answer = _gate(context, name)
        if not answer["success"]:
            return answer
    return {"success": True}


@tk.auth_allow_anonymous_access
def govopen_datastore_report_show(context: Context, data_dict: DataDict) -> AuthResult:
    """The report quotes cells of the public copy: whoever may download the file."""
    return _gate(context, data_dict.get("resource_id"))


def govopen_datastore_load(context: Context, data_dict: DataDict) -> AuthResult:
    """The dataset's editors and reviewers."""
    resource = model.Resource.get(data_dict.get("resource_id") or "")
    if resource is None:
        return {"success": False, "msg": tk._("Resource not found")}
    try:
        tk.check_access("package_update", context.copy(), {"id": resource.package_id})
    except tk.NotAuthorized:
        return {"success": False, "msg": tk._("Not authorized to update resource")}
    return {"success": True}
