"""Who may read a file's desensitization report or run the job again: its editors."""
from __future__ import annotations

from ckan import model
from ckan.types import AuthResult, Context, DataDict

from ckanext.govopen.lib import params as schema


def _resource_package(data_dict: DataDict) -> model.Package | None:
    schema.require_text(data_dict, "resource_id")
    res = model.Resource.get(data_dict.get("resource_id") or "")
    return model.Package.get(res.package_id) if res else None


def govopen_desensitize_report_show(context: Context, data_dict: DataDict) -> AuthResult:
    pkg = _resource_package(data_dict)
    if pkg is None:
        return {"success": False}
    return schema.can_edit_dataset(context, pkg.id)


def govopen_desensitize_run(context: Context, data_dict: DataDict) -> AuthResult:
    return govopen_desensitize_report_show(context, data_dict)
