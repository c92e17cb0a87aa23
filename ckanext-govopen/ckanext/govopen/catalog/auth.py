"""Who may call the catalog actions: anyone (they show public metadata only)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict


@tk.auth_allow_anonymous_access
def govopen_vocabulary_list(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}


@tk.auth_allow_anonymous_access
def govopen_vocabulary_show(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}


@tk.auth_allow_anonymous_access
def govopen_catalog_directory(context: Context, data_dict: DataDict) -> AuthResult:
    """The directory lists public entries only, so anyone may read it."""
    return {"success": True}
