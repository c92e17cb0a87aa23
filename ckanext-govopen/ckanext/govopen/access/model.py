"""Tables of the access capability: applications for conditional data, their transitions,
grants, per-organization settings, extra calendar days and the hash-chained access log.

Migration: migration/govopen/versions/b4d8e2f6a1c3_access_tables.py.
"""
from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import ckan.plugins.toolkit as tk
from sqlalchemy import Boolean, Column, Date, DateTime, Integer, UnicodeText
from sqlalchemy.dialects.postgresql import JSONB

# application states
SUBMITTED, RETURNED, RESUBMITTED = "submitted", "returned", "resubmitted"
APPROVED, REJECTED, WITHDRAWN, REVOKED = "approved", "rejected", "withdrawn", "revoked"
# not stored: an approved application whose grant has run out
EXPIRED = "expired"
OPEN_STATES = (SUBMITTED, RESUBMITTED)  # awaiting the provider's decision
STATES = (SUBMITTED, RETURNED, RESUBMITTED, APPROVED, REJECTED, WITHDRAWN, REVOKED, EXPIRED)

PERSON, ENTITY = "person", "entity"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _uuid() -> str:
    return str(uuid.uuid4())


class Application(tk.BaseModel):  # type: ignore[misc, valid-type]
    """One request for a conditional dataset (Shanxi art. 13: need and purpose stated)."""

    __tablename__ = "govopen_access_application"

    id = Column(UnicodeText, primary_key=True, default=_uuid)
    package_id = Column(UnicodeText, nullable=False, index=True)
    organization_id = Column(UnicodeText, nullable=False, index=True)
    user_id = Column(UnicodeText, nullable=False, index=True)
    applicant_type = Column(UnicodeText, nullable=False)
    applicant_name = Column(UnicodeText, nullable=False)
    applicant_org = Column(UnicodeText)
    credit_code = Column(UnicodeText)
    contact = Column(UnicodeText, nullable=False)
    purpose = Column(UnicodeText, nullable=False)
    scope = Column(UnicodeText, nullable=False)
    end_date = Column(Date, nullable=False)
    resource_ids = Column(JSONB, nullable=False, default=list)
    commitment = Column(UnicodeText, nullable=False)  # the text the applicant accepted
    state = Column(UnicodeText, nullable=False, default=SUBMITTED, index=True)
    reason = Column(UnicodeText)  # of the last return, rejection or revocation
    submitted_at = Column(DateTime, nullable=False, default=utcnow)  # deadline runs from here
    due_date = Column(Date)  # last working day for the decision; None when not awaited
    created = Column(DateTime, nullable=False, default=utcnow)
    updated = Column(DateTime, nullable=False, default=utcnow)
    usage_report = Column(UnicodeText)
    reminded_on = Column(Date)


class Transition(tk.BaseModel):  # type: ignore[misc, valid-type]
    """Every state change of an application, with who and when. Only ever added."""

    __tablename__ = "govopen_access_transition"

    id = Column(Integer, primary_key=True, autoincrement=True)
    application_id = Column(UnicodeText, nullable=False, index=True)
    from_state = Column(UnicodeText)
    to_state = Column(UnicodeText, nullable=False)
    actor = Column(UnicodeText, nullable=False)
    at = Column(DateTime, nullable=False, default=utcnow)
    note = Column(UnicodeText)

    def as_dict(self) -> dict[str, Any]:
        return {"from": self.from_state, "to": self.to_state, "actor": self.actor,
                "at": self.at.isoformat(), "note": self.note}


class Grant(tk.BaseModel):  # type: ignore[misc, valid-type]
    """What an approval gives: these resources of this dataset to this user, until a day."""

    __tablename__ = "govopen_access_grant"

    id = Column(UnicodeText, primary_key=True, default=_uuid)
    application_id = Column(UnicodeText, nullable=False, unique=True)
    user_id = Column(UnicodeText, nullable=False, index=True)
    package_id = Column(UnicodeText, nullable=False, index=True)
    resource_ids = Column(JSONB, nullable=False, default=list)
    valid_from = Column(DateTime, nullable=False, default=utcnow)
    valid_until = Column(Date, nullable=False)  # inclusive, Asia/Shanghai day
    revoked_at = Column(DateTime)
    revoked_by = Column(UnicodeText)
    revoke_reason = Column(UnicodeText)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "application_id": self.application_id, "user_id": self.user_id,
                "package_id": self.package_id, "resource_ids": list(self.resource_ids or []),
                "valid_from": self.valid_from.isoformat(),
                "valid_until": self.valid_until.isoformat(),
                "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
                "revoke_reason": self.revoke_reason}


class OrganizationSettings(tk.BaseModel):  # type: ignore[misc, valid-type]
    """An organization's own decision deadline and security commitment text."""

    __tablename__ = "govopen_access_org_settings"

    organization_id = Column(UnicodeText, primary_key=True)
    decision_workdays = Column(Integer)
    commitment = Column(UnicodeText)


class CalendarDay(tk.BaseModel):  # type: ignore[misc, valid-type]
    """A day an administrator declared a holiday or a make-up working day."""

    __tablename__ = "govopen_calendar_day"

    day = Column(Date, primary_key=True)
    workday = Column(Boolean, nullable=False)
    note = Column(UnicodeText)


class AccessLog(tk.BaseModel):  # type: ignore[misc, valid-type]
    """Append-only, hash-chained log of downloads of restricted files and of decisions
    (lib/audit_chain.py). ``seq`` is gap-free; rows are never updated or deleted."""

    __tablename__ = "govopen_access_log"

    seq = Column(Integer, primary_key=True, autoincrement=False)
    created = Column(DateTime, nullable=False)
    event = Column(UnicodeText, nullable=False)
    actor = Column(UnicodeText, nullable=False)
    organization_id = Column(UnicodeText, index=True)
    package_id = Column(UnicodeText)
    resource_id = Column(UnicodeText)
    application_id = Column(UnicodeText)
    grant_id = Column(UnicodeText)
    remote_addr = Column(UnicodeText)
    size = Column(Integer)
    detail = Column(JSONB, nullable=False, default=dict)
    prev_hash = Column(UnicodeText, nullable=False)
    hash = Column(UnicodeText, nullable=False)

    CHAINED = ("created", "event", "actor", "organization_id", "package_id", "resource_id",
               "application_id", "grant_id", "remote_addr", "size", "detail")

    def fields(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.CHAINED}

    def as_dict(self) -> dict[str, Any]:
        out = self.fields()
        out["created"] = self.created.isoformat()
        out["seq"], out["hash"] = self.seq, self.hash
        return out
