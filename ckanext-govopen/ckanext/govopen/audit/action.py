"""The audit log's read side: ``govopen_audit_list``."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import authz
from ckan.types import Context, DataDict

from ckanext.govopen.audit import schema, texts
from ckanext.govopen.lib import audit, params


@tk.side_effect_free
def govopen_audit_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The audit log of the publishing workflow, newest first: uploads, desensitization
    runs, submissions, reviews, publications; who, when and what.

    :param package_id: only this dataset's entries (required unless you are a sysadmin)
    :type package_id: string
    :param limit: at most this many entries (default 50)
    :type limit: int
    :param offset: skip this many entries
    :type offset: int
    :returns: ``{"count": n, "results": [{"id", "created", "actor", "action",
        "package_id", "resource_id", "detail"}]}``
    :rtype: dictionary
    """
    tk.check_access("govopen_audit_list", context, data_dict)
    data = params.validate(data_dict, schema.audit_list_schema(), context)
    package_id = None
    if data.get("package_id"):
        package_id = params.dataset_or_404(data["package_id"]).id
    elif not authz.is_sysadmin(context.get("user")) and not context.get("ignore_auth"):
        # The auth function looked at package_id only; never list more than it allowed.
        raise tk.NotAuthorized(texts.both("audit.package_required"))
    total, rows = audit.entries(package_id, data.get("limit", 50), data.get("offset", 0))
    return {"count": total, "results": [r.as_dict() for r in rows]}
