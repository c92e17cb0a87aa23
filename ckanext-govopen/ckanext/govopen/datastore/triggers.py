"""When to look at a resource's table again: whenever storage records a new state of its
file (the desensitize job finishing, a re-run after a policy change, a new upload, a
reviewer's decision, a removal), in a web request, the CLI or the job worker.

Storage fires the ``after_file_state`` hook for each (``hooks.after_file_state`` here);
the load is queued only once the transaction that recorded it commits, so the job reads
what was committed, and a write that rolls back (a refused update) queues nothing. The job
queued decides from the workflow what the table should be.

A load that could not be queued (the job queue was down when the write committed) is
found again by ``ckan govopen tick`` (``requeue_stale``): a file whose record changed
after its table's last report, or a published one without a report.
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from ckan import model
from redis import exceptions as redis_exc
from sqlalchemy import event

from ckanext.govopen.datastore import jobs, reports
from ckanext.govopen.lib import clock
from ckanext.govopen.storage.model import PASSED, REVIEW_APPROVED, DesensitizeStatus

log = logging.getLogger(__name__)

_KEY = "govopen_datastore_sync"
_QUEUE_DOWN = (redis_exc.ConnectionError, redis_exc.TimeoutError)


def touched(resource_id: str) -> None:
    """Queue a load of the resource when the current transaction commits."""
    pending: set[str] = model.Session.info.setdefault(_KEY, set())
    pending.add(resource_id)


def _after_commit(session: Any) -> None:
    pending = session.info.pop(_KEY, None)
    if not pending:
        return
    for resource_id in sorted(pending):
        try:
            jobs.enqueue(resource_id)
        except _QUEUE_DOWN as error:
            # The write has committed; an exception here would stop the other listeners
            # (storage's, which puts the upload in place). `ckan govopen datastore-sync
            # --all` looks at every table again once the queue is back.
            log.warning("job queue unreachable, datastore load of %s not queued: %r",
                        resource_id, error)


def _after_rollback(session: Any) -> None:
    session.info.pop(_KEY, None)


def install() -> None:
    """Listen on CKAN's session (idempotent: the plugin may load more than once)."""
    if not event.contains(model.Session, "after_commit", _after_commit):
        event.listen(model.Session, "after_commit", _after_commit)
        event.listen(model.Session, "after_soft_rollback", lambda s, _t: _after_rollback(s))


def stale() -> list[str]:
    """Uploaded files whose table nobody looked at since their record last changed."""
    rows = model.Session.query(DesensitizeStatus).join(
        model.Resource, model.Resource.id == DesensitizeStatus.resource_id).filter(
        model.Resource.state == "active").order_by(DesensitizeStatus.resource_id)
    found = []
    for row in rows:
        report = reports.read(row.resource_id)
        if report is None:
            if row.status == PASSED and row.review == REVIEW_APPROVED:
                found.append(row.resource_id)
            continue
        changed = max(row.updated, row.reviewed_at or row.updated)
        try:
            looked = dt.datetime.fromisoformat(str(report.get("checked") or report.get("at")))
        except ValueError:
            looked = None
        if looked is None or looked.tzinfo is None or clock.aware(changed) > looked:
            found.append(row.resource_id)
    return found


def requeue_stale() -> int:
    """Queue a look at every stale table; how many were queued (0 while the queue is down)."""
    ids = stale()
    for queued, resource_id in enumerate(ids):
        try:
            jobs.enqueue(resource_id)
        except _QUEUE_DOWN as error:
            log.warning("job queue unreachable, %d stale tables left for the next tick: %r",
                        len(ids) - queued, error)
            return queued
    return len(ids)
