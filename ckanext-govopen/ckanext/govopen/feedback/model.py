"""Tables of the feedback capability: error reports, data requests, their followers.

Migration: migration/govopen/versions/d2a7c5e9f3b1_feedback_tables.py.
"""
from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import ckan.plugins.toolkit as tk
from sqlalchemy import Date, DateTime, UnicodeText
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped

from ckanext.govopen.lib.db import column, utcnow

# error report states: submitted → accepted → corrected / rejected → answered
SUBMITTED, ACCEPTED, CORRECTED, REJECTED, ANSWERED = (
    "submitted", "accepted", "corrected", "rejected", "answered")
REPORT_STATES = (SUBMITTED, ACCEPTED, CORRECTED, REJECTED, ANSWERED)

# data request states: submitted → routed → planned / published / refused
ROUTED, PLANNED, PUBLISHED, REFUSED = "routed", "planned", "published", "refused"
REQUEST_STATES = (SUBMITTED, ROUTED, PLANNED, PUBLISHED, REFUSED)


def _uuid() -> str:
    return str(uuid.uuid4())


class ErrorReport(tk.BaseModel):
    """Suspect data reported on a dataset or one of its files (纠错). The reporter and the
    contact and evidence they gave are never public; the issue and the answer are."""

    __tablename__ = "govopen_feedback_report"

    id: Mapped[str] = column(UnicodeText, primary_key=True, default=_uuid)
    package_id: Mapped[str] = column(UnicodeText, nullable=False, index=True)
    resource_id: Mapped[str | None] = column(UnicodeText)
    organization_id: Mapped[str] = column(UnicodeText, nullable=False, index=True)
    user_id: Mapped[str] = column(UnicodeText, nullable=False, index=True)
    field: Mapped[str | None] = column(UnicodeText)  # the column or catalog field
    row: Mapped[str | None] = column(UnicodeText)  # which record(s)
    value: Mapped[str | None] = column(UnicodeText)  # the value thought wrong
    description: Mapped[str] = column(UnicodeText, nullable=False)
    evidence: Mapped[str] = column(UnicodeText, nullable=False)
    contact: Mapped[str] = column(UnicodeText, nullable=False)
    state: Mapped[str] = column(UnicodeText, nullable=False, default=SUBMITTED, index=True)
    reason: Mapped[str | None] = column(UnicodeText)  # of a rejection
    correction: Mapped[str | None] = column(UnicodeText)  # what the provider changed
    answer: Mapped[str | None] = column(UnicodeText)
    # the 标注 mark is shown from acceptance until the answer
    accepted_at: Mapped[dt.datetime | None] = column(DateTime)
    answered_at: Mapped[dt.datetime | None] = column(DateTime)
    due_date: Mapped[dt.date] = column(Date, nullable=False)  # last working day to answer
    reminded_on: Mapped[dt.date | None] = column(Date)
    # [{from, to, actor, at, note}]: who did what, for the provider and the reporter
    history: Mapped[list[dict[str, Any]]] = column(JSONB, nullable=False, default=list)
    created: Mapped[dt.datetime] = column(DateTime, nullable=False, default=utcnow)
    updated: Mapped[dt.datetime] = column(DateTime, nullable=False, default=utcnow)


class DataRequest(tk.BaseModel):
    """A request for data not on the portal (数据需求), routed to an organization."""

    __tablename__ = "govopen_feedback_request"

    id: Mapped[str] = column(UnicodeText, primary_key=True, default=_uuid)
    user_id: Mapped[str] = column(UnicodeText, nullable=False, index=True)
    title: Mapped[str] = column(UnicodeText, nullable=False)
    description: Mapped[str] = column(UnicodeText, nullable=False)
    purpose: Mapped[str] = column(UnicodeText, nullable=False)
    suggested_provider: Mapped[str | None] = column(UnicodeText)
    organization_id: Mapped[str | None] = column(UnicodeText, index=True)
    state: Mapped[str] = column(UnicodeText, nullable=False, default=SUBMITTED, index=True)
    answer: Mapped[str | None] = column(UnicodeText)  # the plan, or why it is refused
    expected_date: Mapped[dt.date | None] = column(Date)
    dataset_id: Mapped[str | None] = column(UnicodeText)  # the dataset that answers it
    followers: Mapped[list[str]] = column(JSONB, nullable=False, default=list)  # user ids
    history: Mapped[list[dict[str, Any]]] = column(JSONB, nullable=False, default=list)
    created: Mapped[dt.datetime] = column(DateTime, nullable=False, default=utcnow)
    updated: Mapped[dt.datetime] = column(DateTime, nullable=False, default=utcnow)
