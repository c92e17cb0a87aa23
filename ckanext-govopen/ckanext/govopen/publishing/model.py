"""The table of the publishing workflow (migrations in migration/govopen/versions/)."""
from __future__ import annotations

import datetime as dt

import ckan.plugins.toolkit as tk
from sqlalchemy import DateTime, UnicodeText
from sqlalchemy.orm import Mapped

from ckanext.govopen.lib.db import column, utcnow

DRAFT, SUBMITTED, APPROVED, RETURNED, PUBLISHED = (
    "draft", "submitted", "approved", "returned", "published")
STATES = (DRAFT, SUBMITTED, APPROVED, RETURNED, PUBLISHED)


class DatasetWorkflow(tk.BaseModel):
    """Where a dataset stands in draft → submitted → approved/returned → published."""

    __tablename__ = "govopen_dataset_workflow"

    package_id: Mapped[str] = column(UnicodeText, primary_key=True)
    state: Mapped[str] = column(UnicodeText, nullable=False, default=DRAFT)
    reason: Mapped[str | None] = column(UnicodeText)
    actor: Mapped[str | None] = column(UnicodeText)
    updated: Mapped[dt.datetime] = column(DateTime, nullable=False, default=utcnow)
