"""Auth of the search capability: only sysadmins (who pass every check) edit synonyms."""
from __future__ import annotations

from ckan.types import AuthResult, Context, DataDict


def govopen_search_synonyms_show(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False}


def govopen_search_synonyms_update(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False}
