from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.types import AuthFunction, AuthResult, Context, DataDict


@tk.auth_allow_anonymous_access
def govopen_about(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}


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


@tk.auth_allow_anonymous_access
def govopen_provenance_note(context: Context, data_dict: DataDict) -> AuthResult:
    """Anyone may read a note; the action shows only datasets the caller may see."""
    return {"success": True}


@tk.chained_auth_function
def package_create(next_auth: AuthFunction, context: Context,
                   data_dict: DataDict | None) -> AuthResult:
    """Citizens and companies register derived products without belonging to an agency."""
    from ckanext.govopen.provenance import auth as provenance_auth

    return provenance_auth.package_create(next_auth, context, data_dict)


@tk.chained_auth_function
def package_update(next_auth: AuthFunction, context: Context,
                   data_dict: DataDict | None) -> AuthResult:
    """Only its registrant (or a sysadmin) edits a derived product."""
    from ckanext.govopen.provenance import auth as provenance_auth

    return provenance_auth.package_update(next_auth, context, data_dict)
