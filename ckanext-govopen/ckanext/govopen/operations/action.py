"""The operations actions."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict
from sqlalchemy import func

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


def _public_counts() -> dict[str, dict[str, int]]:
    """Public datasets per organization and group, from PostgreSQL: what an organization's
    or group's box shows while search is down (private ones stay uncounted: fail closed)."""
    live = (model.Package.state == "active", model.Package.private.is_(False))
    owner = dict(model.Session.query(model.Package.owner_org, func.count(model.Package.id))
                 .filter(*live).group_by(model.Package.owner_org))
    groups = dict(model.Session.query(model.Group.name, func.count(model.Member.id))
                  .join(model.Member, model.Member.group_id == model.Group.id)
                  .join(model.Package, model.Package.id == model.Member.table_id)
                  .filter(model.Member.table_name == "package",
                          model.Member.state == "active", *live)
                  .group_by(model.Group.name))
    return {"owner_org": {str(k): int(v) for k, v in owner.items() if k},
            "groups": {str(k): int(v) for k, v in groups.items()}}


def _show_without_search(next_action: Any, context: Context, data_dict: DataDict) -> Any:
    try:
        return next_action(context, data_dict)
    except probe.SearchUnavailable:
        if tk.asbool((data_dict or {}).get("include_datasets")):
            raise  # the datasets themselves come from search
        counted: Any = {**context, "dataset_counts": _public_counts()}
        return next_action(counted, data_dict)


@tk.chained_action
def organization_show(next_action: Any, context: Context, data_dict: DataDict) -> Any:
    """While search is down an organization is shown with its count of public datasets
    from PostgreSQL (every dataset page shows its organization)."""
    return _show_without_search(next_action, context, data_dict)


@tk.chained_action
def group_show(next_action: Any, context: Context, data_dict: DataDict) -> Any:
    """While search is down a group is shown with its count from PostgreSQL."""
    return _show_without_search(next_action, context, data_dict)
