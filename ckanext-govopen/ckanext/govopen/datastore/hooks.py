"""Plugin hooks of the DataStore: a table follows its file's state; a deleted resource's
table goes with it."""
from __future__ import annotations

import datetime as dt
from typing import Any

from ckan import model
from ckan.types import Context

from ckanext.govopen.datastore import jobs, reports, triggers


def after_resource_delete(context: Context, resources: list[dict[str, Any]]) -> None:
    """CKAN passes the resources that remain; the deleted ones are found by state. CKAN's
    datastore plugin drops their tables; the job confirms it and the report goes."""
    pkg = context.get("package")
    if pkg is None:
        return
    deleted = model.Session.query(model.Resource.id).filter(
        model.Resource.package_id == pkg.id, model.Resource.state == "deleted")
    for (resource_id,) in deleted:
        if reports.read(resource_id) is not None:
            reports.remove(resource_id)
            jobs.enqueue(resource_id)


def after_file_state(resource_id: str, state: str) -> None:
    """Storage recorded a new state of the file (lib/events.py): look at its table again
    once that is committed, whatever the state (the job decides what the table should be)."""
    triggers.touched(resource_id)


def tick(now: dt.datetime) -> None:
    """The periodic duty (``ckan govopen tick``): queue the loads a down job queue missed."""
    triggers.requeue_stale()
