"""Tables of the publishing module (migrations in migration/govopen/versions/)."""
from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from sqlalchemy import Column, DateTime, Integer, UnicodeText
from sqlalchemy.dialects.postgresql import JSONB

PENDING, RUNNING, PASSED, FAILED = "pending", "running", "passed", "failed"
STATUSES = (PENDING, RUNNING, PASSED, FAILED)

# A reviewer's decision on one uploaded file; it holds only for the raw digest it was made on.
REVIEW_APPROVED, REVIEW_RETURNED, REVIEW_AWAITING = "approved", "returned", "awaiting"

DRAFT, SUBMITTED, APPROVED, RETURNED, PUBLISHED = (
    "draft", "submitted", "approved", "returned", "published")
STATES = (DRAFT, SUBMITTED, APPROVED, RETURNED, PUBLISHED)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class DesensitizeStatus(tk.BaseModel):  # type: ignore[misc, valid-type]
    """One uploaded resource: its encrypted raw file and the state of its public copy."""

    __tablename__ = "govopen_desensitize_status"

    resource_id = Column(UnicodeText, primary_key=True)
    package_id = Column(UnicodeText, nullable=False, index=True)
    status = Column(UnicodeText, nullable=False, default=PENDING)
    code = Column(UnicodeText)
    reason_zh = Column(UnicodeText)
    reason_en = Column(UnicodeText)
    filename = Column(UnicodeText)
    raw_size = Column(Integer)
    raw_sha256 = Column(UnicodeText)
    policy_version = Column(UnicodeText)
    policy_digest = Column(UnicodeText)
    report = Column(JSONB)
    updated = Column(DateTime, nullable=False, default=utcnow)
    review_state = Column(UnicodeText)
    review_sha256 = Column(UnicodeText)
    review_reason = Column(UnicodeText)
    reviewed_by = Column(UnicodeText)
    reviewed_at = Column(DateTime)

    @property
    def review(self) -> str:
        """``approved`` / ``returned`` for the file as it is now, else ``awaiting``: a new
        upload (another digest) needs a new decision."""
        if self.review_state and self.raw_sha256 and self.review_sha256 == self.raw_sha256:
            return self.review_state
        return REVIEW_AWAITING

    def as_dict(self) -> dict[str, Any]:
        review = self.review
        return {
            "resource_id": self.resource_id, "package_id": self.package_id,
            "status": self.status, "code": self.code,
            "reason": {"zh_Hans_CN": self.reason_zh or "", "en": self.reason_en or ""},
            "filename": self.filename, "raw_size": self.raw_size,
            "policy_version": self.policy_version, "policy_digest": self.policy_digest,
            "updated": self.updated.isoformat() if self.updated else None,
            "review": review,
            "review_reason": self.review_reason if review == REVIEW_RETURNED else None,
            "reviewed_by": self.reviewed_by if review != REVIEW_AWAITING else None,
        }


class DatasetWorkflow(tk.BaseModel):  # type: ignore[misc, valid-type]
    """Where a dataset stands in draft → submitted → approved/returned → published."""

    __tablename__ = "govopen_dataset_workflow"

    package_id = Column(UnicodeText, primary_key=True)
    state = Column(UnicodeText, nullable=False, default=DRAFT)
    reason = Column(UnicodeText)
    actor = Column(UnicodeText)
    updated = Column(DateTime, nullable=False, default=utcnow)


class AuditEntry(tk.BaseModel):  # type: ignore[misc, valid-type]
    """Who did what, when, to which dataset or resource. Rows are only ever added."""

    __tablename__ = "govopen_audit"

    id = Column(Integer, primary_key=True, autoincrement=True)
    created = Column(DateTime, nullable=False, default=utcnow, index=True)
    actor = Column(UnicodeText, nullable=False)
    action = Column(UnicodeText, nullable=False)
    package_id = Column(UnicodeText, index=True)
    resource_id = Column(UnicodeText)
    detail = Column(JSONB, nullable=False, default=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "created": self.created.isoformat(), "actor": self.actor,
                "action": self.action, "package_id": self.package_id,
                "resource_id": self.resource_id, "detail": self.detail or {}}
