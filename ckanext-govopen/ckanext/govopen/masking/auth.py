"""Who may read a file's desensitization report or run the job again: its editors."""
from __future__ import annotations

from ckan.types import AuthResult, Context, DataDict

from ckanext.govopen.lib import params as schema


def govopen_desensitize_report_show(context: Context, data_dict: DataDict) -> AuthResult:
    pkg = schema.resource_dataset(data_dict)
    if pkg is None:
        return {"success": False}
    return schema.can_edit_dataset(context, pkg.id)


def govopen_desensitize_run(context: Context, data_dict: DataDict) -> AuthResult:
    return govopen_desensitize_report_show(context, data_dict)
