"""Actions of masking: a file's desensitization report, and running the job again."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict

from ckanext.govopen.lib import audit, params
from ckanext.govopen.masking import jobs, schema
from ckanext.govopen.storage import records


def _user(context: Context) -> str:
    return context.get("user") or audit.SYSTEM


@tk.side_effect_free
def govopen_desensitize_report_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The desensitization status and report of one uploaded resource: encoding, each
    column's detected type, rule and counts, quarantined rows, verification, policy version.

    :param resource_id: the id of the resource
    :type resource_id: string
    :returns: ``{"resource_id", "package_id", "status", "code", "reason": {"zh_Hans_CN",
        "en"}, "policy_version", "updated", "report": {...} or null}``
    :rtype: dictionary
    """
    tk.check_access("govopen_desensitize_report_show", context, data_dict)
    data = params.validate(data_dict, schema.resource_id_schema(), context)
    row = records.get(data["resource_id"])
    if row is None:
        raise tk.ObjectNotFound(tk._("No uploaded file for this resource"))
    return {**row.as_dict(), "report": row.report}


def govopen_desensitize_run(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Queue an uploaded resource for desensitization again (e.g. after a policy change).

    :param resource_id: the id of the resource
    :type resource_id: string
    :param force: run even if the same file already passed under the same policy
    :type force: boolean
    :returns: the resource's status, as ``govopen_desensitize_report_show`` returns it
        (without the report)
    :rtype: dictionary
    """
    tk.check_access("govopen_desensitize_run", context, data_dict)
    data = params.validate(data_dict, schema.resource_id_schema(), context)
    row = records.get(data["resource_id"])
    if row is None:
        raise tk.ObjectNotFound(tk._("No uploaded file for this resource"))
    jobs.enqueue(row.resource_id, force=bool(data.get("force")))
    audit.record(_user(context), "desensitize_queued", package_id=row.package_id,
                 resource_id=row.resource_id, force=bool(data.get("force")))
    model.Session.commit()
    return row.as_dict()
