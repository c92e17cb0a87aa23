"""Template helpers of the DataStore: the load report, the API page's address and the
dataset page's table preview."""
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


# The dataset page's preview: enough rows to see what the table holds.
PREVIEW_ROWS = 10


def govopen_datastore_preview(pkg_dict: dict[str, Any]) -> dict[str, Any] | None:
    """The first rows of the dataset's first DataStore table the visitor may query, with
    the data items' Chinese labels as headers; None when there is none.

    Read through ``datastore_search`` as the visitor, so the download gate decides: a
    restricted table yields no preview, not even its headers."""
    for res in pkg_dict.get("resources") or []:
        if not res.get("datastore_active"):
            continue
        try:
            found = tk.get_action("datastore_search")(
                user_context(), {"resource_id": res["id"], "limit": PREVIEW_ROWS})
        except (tk.NotAuthorized, tk.ObjectNotFound, tk.ValidationError):
            continue
        columns = [{"id": f["id"], "label": (f.get("info") or {}).get("label") or f["id"]}
                   for f in found.get("fields") or [] if not f["id"].startswith("_")]
        return {"resource": res, "columns": columns, "total": found.get("total"),
                "rows": [["" if rec.get(c["id"]) is None else rec[c["id"]] for c in columns]
                         for rec in found.get("records") or []]}
    return None
