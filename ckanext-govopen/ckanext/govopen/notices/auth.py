"""Who may read and write notices: everyone reads, only sysadmins write (CKAN lets a
sysadmin past any auth function that refuses)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict


@tk.auth_allow_anonymous_access
def govopen_notice_list(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}


@tk.auth_allow_anonymous_access
def govopen_notice_show(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}


def govopen_notice_create(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False}


def govopen_notice_update(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False}


def govopen_notice_delete(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False}
