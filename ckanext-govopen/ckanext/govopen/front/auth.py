"""Who may call the front actions: the figures count only public things."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict


@tk.auth_allow_anonymous_access
def govopen_site_figures(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}
