"""Upkeep tables: what ``tick`` last saw of each dataset (so it acts once per change) and
the October review's confirmations.

Migration: migration/govopen/versions/a7e3c5d1b9f2_upkeep.py.
"""
from __future__ import annotations

import datetime as dt

import ckan.plugins.toolkit as tk
from sqlalchemy import Date, DateTime, Integer, UnicodeText
from sqlalchemy.orm import Mapped

from ckanext.govopen.lib.db import column, utcnow


class UpkeepState(tk.BaseModel):
    """One row per dataset: its update status when ``tick`` last looked, and for which due
    date and status its provider was last reminded."""

    __tablename__ = "govopen_upkeep_state"

    package_id: Mapped[str] = column(UnicodeText, primary_key=True)
    status: Mapped[str] = column(UnicodeText, nullable=False)
    due: Mapped[dt.date | None] = column(Date)
    reminded_due: Mapped[dt.date | None] = column(Date)
    reminded_status: Mapped[str | None] = column(UnicodeText)
    updated: Mapped[dt.datetime] = column(DateTime, nullable=False, default=utcnow)


class CatalogReview(tk.BaseModel):
    """An entry confirmed reviewed in a year's catalog review (Changsha art. 16)."""

    __tablename__ = "govopen_catalog_review"

    year: Mapped[int] = column(Integer, primary_key=True)
    package_id: Mapped[str] = column(UnicodeText, primary_key=True)
    organization_id: Mapped[str] = column(UnicodeText, nullable=False, index=True)
    reviewer: Mapped[str] = column(UnicodeText, nullable=False)
    reviewed: Mapped[dt.datetime] = column(DateTime, nullable=False, default=utcnow)
    note: Mapped[str | None] = column(UnicodeText)
