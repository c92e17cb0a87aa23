"""Reading and writing the publishing tables: resource status, dataset state, audit log."""
from __future__ import annotations

from typing import Any

from ckan import model

from ckanext.govopen.publishing.model import (
    DRAFT,
    PASSED,
    PENDING,
    PUBLISHED,
    REVIEW_APPROVED,
    AuditEntry,
    DatasetWorkflow,
    DesensitizeStatus,
    utcnow,
)

SYSTEM = "system"


# resource status --------------------------------------------------------------------


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


def forget(resource_id: str) -> None:
    row = get(resource_id)
    if row is not None:
        model.Session.delete(row)


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
    model.Session.commit()
    return row


def set_review(row: DesensitizeStatus, decision: str, actor: str,
               reason: str | None = None) -> None:
    """A reviewer's decision on the file as it is now (its raw digest)."""
    row.review_state, row.review_sha256 = decision, row.raw_sha256
    row.review_reason, row.reviewed_by, row.reviewed_at = reason, actor, utcnow()
    model.Session.add(row)


def approve_package(package_id: str, actor: str) -> dict[str, str]:
    """Approve every desensitized file of the dataset as it is now; returns id → digest."""
    approved = {}
    for row in for_package(package_id).values():
        if row.status == PASSED and row.raw_sha256:
            if row.review != REVIEW_APPROVED:
                set_review(row, REVIEW_APPROVED, actor)
            approved[row.resource_id] = row.raw_sha256
    return approved


# dataset state ----------------------------------------------------------------------


def state_of(package_id: str, private: bool) -> str:
    """The workflow state; datasets older than the workflow count as published if public."""
    row = model.Session.get(DatasetWorkflow, package_id)
    if row is None:
        return DRAFT if private else PUBLISHED
    if row.state == PUBLISHED and private:
        return DRAFT  # withdrawn since: it needs a new review to go public again
    return row.state


def workflow_row(package_id: str) -> DatasetWorkflow | None:
    return model.Session.get(DatasetWorkflow, package_id)


def set_state(package_id: str, state: str, actor: str, reason: str | None = None) -> None:
    row = workflow_row(package_id) or DatasetWorkflow(package_id=package_id)
    row.state, row.actor, row.reason, row.updated = state, actor, reason, utcnow()
    model.Session.add(row)


# audit ------------------------------------------------------------------------------


def audit(actor: str, action: str, *, package_id: str | None = None,
          resource_id: str | None = None, **detail: Any) -> None:
    """Add an audit row; it is committed with the surrounding unit of work."""
    model.Session.add(AuditEntry(actor=actor or SYSTEM, action=action, package_id=package_id,
                                 resource_id=resource_id, detail=detail, created=utcnow()))


def audit_entries(package_id: str | None, limit: int, offset: int) -> tuple[int, list[AuditEntry]]:
    query = model.Session.query(AuditEntry)
    if package_id:
        query = query.filter(AuditEntry.package_id == package_id)
    total = query.count()
    rows = query.order_by(AuditEntry.created.desc(), AuditEntry.id.desc()).offset(offset).limit(limit)
    return total, list(rows)
