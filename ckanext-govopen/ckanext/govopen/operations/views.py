"""The sysadmin page of the service status: /ckan-admin/services."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from flask import Blueprint

from ckanext.govopen.lib.context import current_user_name

__all__ = ["operations"]

operations = Blueprint("govopen_operations", __name__)


@operations.route("/ckan-admin/services")
def services() -> Any:
    context: Any = {"user": current_user_name()}
    try:
        status = tk.get_action("govopen_service_status")(context, {})
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Only sysadmins may see the service status."))
    return tk.render("operations/services.html", {"status": status})
