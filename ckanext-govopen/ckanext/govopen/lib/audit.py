"""The audit log every capability writes to: who did what, when, to which dataset or file.

Rows are only ever added, in the caller's unit of work (committed with it). The access
capability keeps its own hash-chained log for data handed out under grants
(access/model.py, lib/audit_chain.py).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from sqlalchemy import DateTime, Integer, UnicodeText
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped

from ckanext.govopen.lib.db import column, utcnow

SYSTEM = "system"  # the actor of work no user asked for (jobs, the scheduler)


class AuditEntry(tk.BaseModel):
    """Who did what, when, to which dataset or resource. Rows are only ever added."""

    __tablename__ = "govopen_audit"

    id: Mapped[int] = column(Integer, primary_key=True, autoincrement=True)
    created: Mapped[dt.datetime] = column(DateTime, nullable=False, default=utcnow, index=True)
    actor: Mapped[str] = column(UnicodeText, nullable=False)
    action: Mapped[str] = column(UnicodeText, nullable=False)
    package_id: Mapped[str | None] = column(UnicodeText, index=True)
    resource_id: Mapped[str | None] = column(UnicodeText)
    detail: Mapped[dict[str, Any]] = column(JSONB, nullable=False, default=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "created": self.created.isoformat(), "actor": self.actor,
                "action": self.action, "package_id": self.package_id,
                "resource_id": self.resource_id, "detail": self.detail or {}}


def record(actor: str, action: str, *, package_id: str | None = None,
           resource_id: str | None = None, **detail: Any) -> None:
    """Add an audit row; it is committed with the surrounding unit of work."""
    model.Session.add(AuditEntry(actor=actor or SYSTEM, action=action, package_id=package_id,
                                 resource_id=resource_id, detail=detail, created=utcnow()))


def entries(package_id: str | None, limit: int, offset: int) -> tuple[int, list[AuditEntry]]:
    """Entries (of one dataset, or all), newest first, and how many there are."""
    query = model.Session.query(AuditEntry)
    if package_id:
        query = query.filter(AuditEntry.package_id == package_id)
    total = query.count()
    rows = query.order_by(AuditEntry.created.desc(), AuditEntry.id.desc()).offset(offset).limit(limit)
    return total, list(rows)
