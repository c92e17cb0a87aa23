"""Auth of the usage capability: counts are public for whoever may see the dataset."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict


@tk.auth_allow_anonymous_access
def govopen_download_counts(context: Context, data_dict: DataDict) -> AuthResult:
    try:
        tk.check_access("package_show", context, {"id": data_dict.get("id")})
    except tk.NotAuthorized:
        return {"success": False}
    return {"success": True}


@tk.auth_allow_anonymous_access
def govopen_usage_summary(context: Context, data_dict: DataDict) -> AuthResult:
    # Only public datasets are counted: nothing in the answer is secret.
    return {"success": True}


@tk.auth_allow_anonymous_access
def govopen_usage_totals(context: Context, data_dict: DataDict) -> AuthResult:
    # Private datasets answer 0, as unknown ones do: nothing in the answer is secret.
    return {"success": True}
