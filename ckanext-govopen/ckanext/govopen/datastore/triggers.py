"""When to look at a resource's table again: whenever its desensitization status row is
committed with a new status, a new review decision, or is deleted.

That row is the one place every publishing step writes (the desensitize job finishing, a
re-run after a policy change, a new upload, a reviewer's decision, a removal), whether
the step ran in a web request, the CLI or the job worker; so one listener on the session
catches them all without the publishing code knowing about the DataStore. The row is
recognized by its table name, the publishing capability's stable public fact (its model
stays its own). The job queued here decides from the workflow what the table should be.
"""
from __future__ import annotations

from typing import Any

from ckan import model
from sqlalchemy import event, inspect

from ckanext.govopen.datastore import jobs

STATUS_TABLE = "govopen_desensitize_status"
_WATCHED = ("status", "review_state", "review_sha256", "raw_sha256")
_KEY = "govopen_datastore_sync"


def _changed(obj: Any) -> bool:
    state = inspect(obj)
    if getattr(obj, "status", None) == "running":
        return False  # the job started: the previous copy stays until it finishes
    return any(state.attrs[name].history.has_changes() for name in _WATCHED
               if name in state.attrs)


def _after_flush(session: Any, _flush_context: Any) -> None:
    touched: set[str] = session.info.setdefault(_KEY, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        if getattr(obj, "__tablename__", None) != STATUS_TABLE:
            continue
        if obj in session.deleted or obj in session.new or _changed(obj):
            touched.add(obj.resource_id)


def _after_commit(session: Any) -> None:
    touched = session.info.pop(_KEY, None)
    if not touched:
        return
    for resource_id in sorted(touched):
        jobs.enqueue(resource_id)


def _after_rollback(session: Any) -> None:
    session.info.pop(_KEY, None)


def install() -> None:
    """Listen on CKAN's session (idempotent: the plugin may load more than once)."""
    if not event.contains(model.Session, "after_flush", _after_flush):
        event.listen(model.Session, "after_flush", _after_flush)
        event.listen(model.Session, "after_commit", _after_commit)
        event.listen(model.Session, "after_soft_rollback", lambda s, _t: _after_rollback(s))
