"""The record of each stored upload: read and written by storage, masking and publishing.

Every change of a file's state fires the ``after_file_state`` hook (see lib/events.py), so
other capabilities (the DataStore) follow publishing without watching this table.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from ckan import model

from ckanext.govopen.lib import events
from ckanext.govopen.lib.db import utcnow
from ckanext.govopen.storage.model import (
    PASSED,
    PENDING,
    REVIEW_APPROVED,
    RUNNING,
    DesensitizeStatus,
)


def get(resource_id: str) -> DesensitizeStatus | None:
    return model.Session.get(DesensitizeStatus, resource_id)


def for_package(package_id: str) -> dict[str, DesensitizeStatus]:
    rows = model.Session.query(DesensitizeStatus).filter(
        DesensitizeStatus.package_id == package_id)
    return {r.resource_id: r for r in rows}


def mark_uploaded(resource_id: str, *, filename: str | None, size: int, digest: str) -> None:
    """A new raw file: pending until the job runs. Committed with the caller's action."""
    resource = model.Session.get(model.Resource, resource_id)
    row = get(resource_id) or DesensitizeStatus(resource_id=resource_id)
    row.package_id = resource.package_id if resource else (row.package_id or "")
    row.status = PENDING
    row.code = row.reason_zh = row.reason_en = None
    row.report = None
    row.filename, row.raw_size, row.raw_sha256 = filename, size, digest
    row.updated = utcnow()
    model.Session.add(row)
    events.fire("after_file_state", resource_id, PENDING)


def forget(resource_id: str) -> None:
    row = get(resource_id)
    if row is not None:
        model.Session.delete(row)
        events.fire("after_file_state", resource_id, "deleted")


def set_status(resource_id: str, status: str, *, code: str | None = None,
               reason: tuple[str, str] | None = None, report: dict[str, Any] | None = None,
               policy: tuple[str, str] | None = None) -> DesensitizeStatus | None:
    """Record a job's progress and commit at once (the job runs outside any action)."""
    row = get(resource_id)
    if row is None:
        return None
    row.status = status
    row.code = code
    row.reason_zh, row.reason_en = reason or (None, None)
    if report is not None or status != "running":
        row.report = report
    if policy:
        row.policy_version, row.policy_digest = policy
    row.updated = utcnow()
    if status != RUNNING:  # a job that starts changes nothing published yet
        events.fire("after_file_state", resource_id, status)
    model.Session.commit()
    return row


def set_review(row: DesensitizeStatus, decision: str, actor: str,
               reason: str | None = None) -> None:
    """A reviewer's decision on the file as it is now (its raw digest)."""
    changed = (row.review_state, row.review_sha256) != (decision, row.raw_sha256)
    row.review_state, row.review_sha256 = decision, row.raw_sha256
    row.review_reason, row.reviewed_by, row.reviewed_at = reason, actor, utcnow()
    model.Session.add(row)
    if changed:
        events.fire("after_file_state", row.resource_id, decision)


def approve_package(package_id: str, actor: str) -> dict[str, str]:
    """Approve every desensitized file of the dataset as it is now; returns id → digest."""
    approved = {}
    for row in for_package(package_id).values():
        if row.status == PASSED and row.raw_sha256:
            if row.review != REVIEW_APPROVED:
                set_review(row, REVIEW_APPROVED, actor)
            approved[row.resource_id] = row.raw_sha256
    return approved


def unfinished(*, before: dt.datetime) -> list[tuple[str, str]]:
    """(resource id, status) of active resources whose job is still pending or running
    and has not moved since `before`, oldest first: what a crash may have left behind."""
    rows = model.Session.query(DesensitizeStatus.resource_id, DesensitizeStatus.status).join(
        model.Resource, model.Resource.id == DesensitizeStatus.resource_id).filter(
        DesensitizeStatus.status.in_((PENDING, RUNNING)), model.Resource.state == "active",
        DesensitizeStatus.updated < before).order_by(DesensitizeStatus.updated)
    return [(r[0], r[1]) for r in rows]
