"""Who may see the service status: sysadmins only (it names processes, pids and log paths)."""
from __future__ import annotations

from ckan.types import AuthResult, Context, DataDict


def govopen_service_status(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False}  # sysadmins pass every check
