"""The operations actions."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ckanext.govopen.operations import probe


@tk.side_effect_free
def govopen_service_status(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The portal's backing services as this web process sees them, and what `make run`'s
    supervisor reports (state, restarts, last exit status of each service).

    :returns: ``{"reachable": {"database", "redis", "search": bool}, "supervised": bool,
        "stale": bool (the supervisor stopped writing its status), "updated",
        "services": {name: {"state" ("running", "restarting", "failed", "stopped"), "pid",
        "since", "restarts", "failed_tries", "last_exit": {"status", "code", "at",
        "after_seconds"} or null, "next_try_in", "log"}}}``
    :rtype: dictionary
    """
    tk.check_access("govopen_service_status", context, data_dict)
    status = probe.supervisor_status()
    status["reachable"] = {"database": probe.database_reachable(),
                           "redis": probe.redis_reachable(),
                           "search": probe.search_reachable()}
    return status
