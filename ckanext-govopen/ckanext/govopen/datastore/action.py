"""DataStore actions: the load report, a reload on request, and CKAN's DataStore queries
with our time limit.

Loads are queued by ``triggers`` whenever storage records a new status or review of a
file. (``govopen_dataset_publish`` and ``govopen_resource_review`` cannot be chained
here: they belong to this same plugin, and a plugin may offer one function per name.)
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict

from ckanext.govopen import config
from ckanext.govopen.datastore import jobs, reports, schema, triggers

triggers.install()


def _validate(data_dict: DataDict, schema_: dict[str, Any], context: Context) -> dict[str, Any]:
    data, errors = tk.navl_validate(data_dict, schema_, context)
    if errors:
        raise tk.ValidationError(errors)
    return data


def _resource(resource_id: str) -> model.Resource:
    resource = model.Resource.get(resource_id)
    if resource is None or resource.state != "active":
        raise tk.ObjectNotFound(tk._("Resource not found"))
    return resource


@tk.side_effect_free
def govopen_datastore_report_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """How a resource's file was loaded into the DataStore: rows, seconds, the fields with
    their labels and types, and the cells that did not fit their declared type.

    :param resource_id: the id of the resource
    :type resource_id: string
    :returns: ``{"resource_id", "status": "loaded|failed|not_tabular|none", "rows",
        "bytes", "seconds", "mb_per_s", "fields": [{"id", "label", "type", "pg_type",
        "declared", "header"}], "missing_items": [data item names without a column],
        "misfits": [{"field", "label", "type", "count", "examples": [{"row", "value"}]}],
        "misfit_cells": n, "at": ISO time of the load, "checked": ISO time the file was
        last compared with the table}``; ``status`` ``none`` when nothing was loaded
    :rtype: dictionary
    """
    tk.check_access("govopen_datastore_report_show", context, data_dict)
    data = _validate(data_dict, schema.resource_id_schema(), context)
    resource = _resource(data["resource_id"])
    report = reports.read(resource.id) or {"resource_id": resource.id, "status": "none"}
    report.pop("fingerprint", None)
    return report


def govopen_datastore_load(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Queue a resource's DataStore table to be brought up to date with its published file
    (loaded, reloaded, or dropped when the file is not published). Loads happen on their
    own when a file is published; this is for an editor who changed the data items.

    :param resource_id: the id of the resource
    :type resource_id: string
    :returns: ``{"resource_id", "queued": true}``
    :rtype: dictionary
    """
    tk.check_access("govopen_datastore_load", context, data_dict)
    data = _validate(data_dict, schema.resource_id_schema(), context)
    resource = _resource(data["resource_id"])
    jobs.enqueue(resource.id)
    return {"resource_id": resource.id, "queued": True}


def _time_limited(context: Context) -> None:
    # CKAN's backend reads this (milliseconds) into SET LOCAL statement_timeout.
    context["query_timeout"] = config.datastore_query_timeout()  # type: ignore[typeddict-unknown-key]


@tk.chained_action
@tk.side_effect_free
def datastore_search(next_action: Any, context: Context, data_dict: DataDict) -> Any:
    _time_limited(context)
    return next_action(context, data_dict)


@tk.chained_action
@tk.side_effect_free
def datastore_search_sql(next_action: Any, context: Context, data_dict: DataDict) -> Any:
    """Runs on the read-only role (``ckan.datastore.read_url``), time-limited."""
    _time_limited(context)
    return next_action(context, data_dict)
