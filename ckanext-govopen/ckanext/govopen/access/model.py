"""Tables of the access capability: applications for conditional data, their transitions,
grants, per-organization settings, extra calendar days and the hash-chained access log.

Migration: migration/govopen/versions/b4d8e2f6a1c3_access_tables.py.
"""
from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import ckan.plugins.toolkit as tk
from sqlalchemy import Boolean, Date, DateTime, Integer, UnicodeText
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped

from ckanext.govopen.lib.db import column, utcnow

# application states
SUBMITTED, RETURNED, RESUBMITTED = "submitted", "returned", "resubmitted"
APPROVED, REJECTED, WITHDRAWN, REVOKED = "approved", "rejected", "withdrawn", "revoked"
# not stored: an approved application whose grant has run out
EXPIRED = "expired"
OPEN_STATES = (SUBMITTED, RESUBMITTED)  # awaiting the provider's decision
STATES = (SUBMITTED, RETURNED, RESUBMITTED, APPROVED, REJECTED, WITHDRAWN, REVOKED, EXPIRED)

PERSON, ENTITY = "person", "entity"




def _uuid() -> str:
    return str(uuid.uuid4())


class Application(tk.BaseModel):
    """One request for a conditional dataset (Shanxi art. 13: need and purpose stated)."""

    __tablename__ = "govopen_access_application"

    id: Mapped[str] = column(UnicodeText, primary_key=True, default=_uuid)
    package_id: Mapped[str] = column(UnicodeText, nullable=False, index=True)
    organization_id: Mapped[str] = column(UnicodeText, nullable=False, index=True)
    user_id: Mapped[str] = column(UnicodeText, nullable=False, index=True)
    applicant_type: Mapped[str] = column(UnicodeText, nullable=False)
    applicant_name: Mapped[str] = column(UnicodeText, nullable=False)
    applicant_org: Mapped[str | None] = column(UnicodeText)
    credit_code: Mapped[str | None] = column(UnicodeText)
    contact: Mapped[str] = column(UnicodeText, nullable=False)
    purpose: Mapped[str] = column(UnicodeText, nullable=False)
    scope: Mapped[str] = column(UnicodeText, nullable=False)
    end_date: Mapped[dt.date] = column(Date, nullable=False)
    resource_ids: Mapped[list[str]] = column(JSONB, nullable=False, default=list)
    # the text the applicant accepted
    commitment: Mapped[str] = column(UnicodeText, nullable=False)
    state: Mapped[str] = column(UnicodeText, nullable=False, default=SUBMITTED, index=True)
    reason: Mapped[str | None] = column(UnicodeText)  # of the last return, rejection, revocation
    # the deadline runs from here
    submitted_at: Mapped[dt.datetime] = column(DateTime, nullable=False, default=utcnow)
    # last working day for the decision; None when not awaited
    due_date: Mapped[dt.date | None] = column(Date)
    created: Mapped[dt.datetime] = column(DateTime, nullable=False, default=utcnow)
    updated: Mapped[dt.datetime] = column(DateTime, nullable=False, default=utcnow)
    usage_report: Mapped[str | None] = column(UnicodeText)
    reminded_on: Mapped[dt.date | None] = column(Date)


class Transition(tk.BaseModel):
    """Every state change of an application, with who and when. Only ever added."""

    __tablename__ = "govopen_access_transition"

    id: Mapped[int] = column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[str] = column(UnicodeText, nullable=False, index=True)
    from_state: Mapped[str | None] = column(UnicodeText)
    to_state: Mapped[str] = column(UnicodeText, nullable=False)
    actor: Mapped[str] = column(UnicodeText, nullable=False)
    at: Mapped[dt.datetime] = column(DateTime, nullable=False, default=utcnow)
    note: Mapped[str | None] = column(UnicodeText)

    def as_dict(self) -> dict[str, Any]:
        return {"from": self.from_state, "to": self.to_state, "actor": self.actor,
                "at": self.at.isoformat(), "note": self.note}


class Grant(tk.BaseModel):
    """What an approval gives: these resources of this dataset to this user, until a day."""

    __tablename__ = "govopen_access_grant"

    id: Mapped[str] = column(UnicodeText, primary_key=True, default=_uuid)
    application_id: Mapped[str] = column(UnicodeText, nullable=False, unique=True)
    user_id: Mapped[str] = column(UnicodeText, nullable=False, index=True)
    package_id: Mapped[str] = column(UnicodeText, nullable=False, index=True)
    resource_ids: Mapped[list[str]] = column(JSONB, nullable=False, default=list)
    valid_from: Mapped[dt.datetime] = column(DateTime, nullable=False, default=utcnow)
    valid_until: Mapped[dt.date] = column(Date, nullable=False)  # inclusive, Asia/Shanghai day
    revoked_at: Mapped[dt.datetime | None] = column(DateTime)
    revoked_by: Mapped[str | None] = column(UnicodeText)
    revoke_reason: Mapped[str | None] = column(UnicodeText)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "application_id": self.application_id, "user_id": self.user_id,
                "package_id": self.package_id, "resource_ids": list(self.resource_ids or []),
                "valid_from": self.valid_from.isoformat(),
                "valid_until": self.valid_until.isoformat(),
                "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
                "revoke_reason": self.revoke_reason}


class OrganizationSettings(tk.BaseModel):
    """An organization's own decision deadline and security commitment text."""

    __tablename__ = "govopen_access_org_settings"

    organization_id: Mapped[str] = column(UnicodeText, primary_key=True)
    decision_workdays: Mapped[int | None] = column(Integer)
    commitment: Mapped[str | None] = column(UnicodeText)


class CalendarDay(tk.BaseModel):
    """A day an administrator declared a holiday or a make-up working day."""

    __tablename__ = "govopen_calendar_day"

    day: Mapped[dt.date] = column(Date, primary_key=True)
    workday: Mapped[bool] = column(Boolean, nullable=False)
    note: Mapped[str | None] = column(UnicodeText)


class AccessLog(tk.BaseModel):
    """Append-only, hash-chained log of downloads of restricted files and of decisions
    (lib/audit_chain.py). ``seq`` is gap-free; rows are never updated or deleted."""

    __tablename__ = "govopen_access_log"

    seq: Mapped[int] = column(Integer, primary_key=True, autoincrement=False)
    created: Mapped[dt.datetime] = column(DateTime, nullable=False)
    event: Mapped[str] = column(UnicodeText, nullable=False)
    actor: Mapped[str] = column(UnicodeText, nullable=False)
    organization_id: Mapped[str | None] = column(UnicodeText, index=True)
    package_id: Mapped[str | None] = column(UnicodeText)
    resource_id: Mapped[str | None] = column(UnicodeText)
    application_id: Mapped[str | None] = column(UnicodeText)
    grant_id: Mapped[str | None] = column(UnicodeText)
    remote_addr: Mapped[str | None] = column(UnicodeText)
    size: Mapped[int | None] = column(Integer)
    detail: Mapped[dict[str, Any]] = column(JSONB, nullable=False, default=dict)
    prev_hash: Mapped[str] = column(UnicodeText, nullable=False)
    hash: Mapped[str] = column(UnicodeText, nullable=False)

    CHAINED = ("created", "event", "actor", "organization_id", "package_id", "resource_id",
               "application_id", "grant_id", "remote_addr", "size", "detail")

    def fields(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.CHAINED}

    def as_dict(self) -> dict[str, Any]:
        out = self.fields()
        out["created"] = self.created.isoformat()
        out["seq"], out["hash"] = self.seq, self.hash
        return out
