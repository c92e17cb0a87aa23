"""After a crash: requeue the desensitize jobs nobody is running any more, and index the
datasets PostgreSQL has but the search index lacks (or holds in an older version).

A job is stalled when its resource has been "pending" or "running" for a while and no
live job on the queue is about it: the worker was killed mid-run (its job's heartbeat
stopped), or the upload's enqueue failed while Redis was down. Both are requeued through
``govopen_desensitize_run``, as a sysadmin would.
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.jobs import get_queue
from ckan.lib.search import commit, rebuild
from ckan.lib.search.common import make_connection
from redis import exceptions as redis_exc
from rq.job import Job
from rq.registry import StartedJobRegistry

from ckanext.govopen.storage import records

log = logging.getLogger(__name__)

QUEUE = "govopen:desensitize"
GRACE = dt.timedelta(seconds=60)       # an upload's job may take this long to be picked up
HEARTBEAT_DEAD = dt.timedelta(seconds=120)  # rq heartbeats a running job every 30 s or so


def _naive_utc(now: dt.datetime) -> dt.datetime:
    if now.tzinfo is None:
        return now
    return now.astimezone(dt.UTC).replace(tzinfo=None)


def _stalled_rows(cutoff: dt.datetime) -> list[tuple[str, str]]:
    return records.unfinished(before=cutoff)


def _live_resource_ids(now: dt.datetime) -> set[str]:
    """Resources a queued job, or a started job whose worker still beats, is about."""
    queue = get_queue(QUEUE)
    live: set[str] = set()
    for job in queue.get_jobs():
        if job.args:
            live.add(str(job.args[0]))
    registry = StartedJobRegistry(queue=queue)
    for job_id in registry.get_job_ids():
        job = Job.fetch(job_id, connection=queue.connection)
        beat = job.last_heartbeat or job.started_at
        if beat is not None and job.args and now - _naive_utc(beat) < HEARTBEAT_DEAD:
            live.add(str(job.args[0]))
    return live


def requeue_stalled(now: dt.datetime) -> list[str]:
    """Requeue stalled desensitize jobs; returns the resource ids requeued.

    Silent while Redis is down (the next tick tries again).
    """
    now = _naive_utc(now)
    rows = _stalled_rows(now - GRACE)
    if not rows:
        return []
    try:
        live = _live_resource_ids(now)
    except (redis_exc.ConnectionError, redis_exc.TimeoutError):
        log.warning("job queue unreachable: %d stalled jobs wait for it", len(rows))
        return []
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    run = tk.get_action("govopen_desensitize_run")
    requeued = []
    for resource_id, state in rows:
        if resource_id in live:
            continue
        context: Any = {"ignore_auth": True, "user": site_user}
        try:
            run(context, {"resource_id": resource_id})
        except (redis_exc.ConnectionError, redis_exc.TimeoutError):
            log.warning("job queue unreachable while requeueing %s", resource_id)
            model.Session.rollback()
            break
        except tk.ObjectNotFound:
            continue
        log.warning("requeued the desensitize job of resource %s (left %s)", resource_id,
                    state)
        requeued.append(resource_id)
    return requeued


def _indexed(conn: Any, rows: int) -> dict[str, str]:
    site_id = tk.config.get("ckan.site_id")
    found: dict[str, str] = {}
    start, page = 0, 1000
    while start < rows + page:
        result = conn.search(q="*:*", fq=f'+site_id:"{site_id}" +entity_type:package',
                             fl="id,metadata_modified", rows=page, start=start, sort="id asc")
        docs = list(result)
        for doc in docs:
            found[str(doc["id"])] = str(doc.get("metadata_modified") or "")
        if len(docs) < page:
            break
        start += page
    return found


def _same_time(indexed: str, stored: dt.datetime | None) -> bool:
    if stored is None or not indexed:
        return bool(indexed) and stored is None
    try:
        when = dt.datetime.fromisoformat(indexed.rstrip("Z"))
    except ValueError:
        return False
    return abs((_naive_utc(when) - stored).total_seconds()) < 1


def catch_up_index() -> list[str]:
    """Index every dataset missing from the search index or older there than in
    PostgreSQL; returns their ids."""
    stored = dict(model.Session.query(model.Package.id, model.Package.metadata_modified)
                  .filter(model.Package.state != "deleted"))
    indexed = _indexed(make_connection(), len(stored))
    behind = sorted(pkg_id for pkg_id, modified in stored.items()
                    if not _same_time(indexed.get(pkg_id, ""), modified))
    for pkg_id in behind:
        rebuild(pkg_id, defer_commit=True)
    if behind:
        commit()
        log.warning("search index caught up: %d datasets indexed again", len(behind))
    return behind
