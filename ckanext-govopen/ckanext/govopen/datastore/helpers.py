"""Template helpers of the DataStore: the load report and the API page's address."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.govopen.lib.context import user_context


def govopen_datastore_report(resource_id: str) -> dict[str, Any] | None:
    """The load report as the current user may see it (None when they may not)."""
    try:
        return tk.get_action("govopen_datastore_report_show")(
            user_context(), {"resource_id": resource_id})
    except (tk.NotAuthorized, tk.ObjectNotFound, tk.ValidationError):
        return None


def govopen_datastore_api_url(package_type: str | None, package_id: str,
                              resource_id: str) -> str:
    return tk.url_for(f"govopen_datastore.{package_type or 'dataset'}_api",
                      id=package_id, resource_id=resource_id)
