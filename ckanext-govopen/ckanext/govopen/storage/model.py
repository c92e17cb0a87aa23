"""The row of each stored upload (migrations in migration/govopen/versions/): the raw
file's facts, the masking job's state and the reviewer's decision on that very file.
Storage, masking and publishing write it through ``records.py`` only."""
from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from sqlalchemy import DateTime, Integer, UnicodeText
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped

from ckanext.govopen.lib.db import column, utcnow

PENDING, RUNNING, PASSED, FAILED = "pending", "running", "passed", "failed"
STATUSES = (PENDING, RUNNING, PASSED, FAILED)

# A reviewer's decision on one uploaded file; it holds only for the raw digest it was made on.
REVIEW_APPROVED, REVIEW_RETURNED, REVIEW_AWAITING = "approved", "returned", "awaiting"


class DesensitizeStatus(tk.BaseModel):
    """One uploaded resource: its encrypted raw file and the state of its public copy."""

    __tablename__ = "govopen_desensitize_status"

    resource_id: Mapped[str] = column(UnicodeText, primary_key=True)
    package_id: Mapped[str] = column(UnicodeText, nullable=False, index=True)
    status: Mapped[str] = column(UnicodeText, nullable=False, default=PENDING)
    code: Mapped[str | None] = column(UnicodeText)
    reason_zh: Mapped[str | None] = column(UnicodeText)
    reason_en: Mapped[str | None] = column(UnicodeText)
    filename: Mapped[str | None] = column(UnicodeText)
    raw_size: Mapped[int | None] = column(Integer)
    raw_sha256: Mapped[str | None] = column(UnicodeText)
    policy_version: Mapped[str | None] = column(UnicodeText)
    policy_digest: Mapped[str | None] = column(UnicodeText)
    report: Mapped[dict[str, Any] | None] = column(JSONB)
    updated: Mapped[dt.datetime] = column(DateTime, nullable=False, default=utcnow)
    review_state: Mapped[str | None] = column(UnicodeText)
    review_sha256: Mapped[str | None] = column(UnicodeText)
    review_reason: Mapped[str | None] = column(UnicodeText)
    reviewed_by: Mapped[str | None] = column(UnicodeText)
    reviewed_at: Mapped[dt.datetime | None] = column(DateTime)

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
