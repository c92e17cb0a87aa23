"""Core auth functions that crash on an anonymous caller or a missing dataset."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import AuthResult, Context, DataDict

from ckanext.govopen.lib import params


@tk.chained_auth_function
def package_collaborator_list(next_auth: Any, context: Context,
                              data_dict: DataDict | None) -> AuthResult:
    """CKAN asserts a user and a dataset exist; anonymous callers and absent datasets get
    a refusal (the same one, so the answer does not tell whether the dataset exists)."""
    params.require_text(data_dict, "id")
    user = model.User.get(context.get("user") or "") if context.get("user") else None
    pkg = model.Package.get((data_dict or {}).get("id") or "")
    if user is None or pkg is None:
        return {"success": False, "msg": tk._("Not authorized to see the collaborators")}
    return next_auth(context, data_dict)
