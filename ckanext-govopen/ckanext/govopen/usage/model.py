"""The download counter: one row per resource and calendar day (Asia/Shanghai).

Migration: migration/govopen/versions/f5c1d9e3b7a2_download_counts.py. Counts are
incremented in the database (INSERT … ON CONFLICT … count + 1), so concurrent downloads in
several web workers never lose one.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from sqlalchemy import Date, Integer, UnicodeText, func
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Mapped

from ckanext.govopen.lib import clock
from ckanext.govopen.lib.db import column


class DownloadCount(tk.BaseModel):
    __tablename__ = "govopen_download_count"

    resource_id: Mapped[str] = column(UnicodeText, primary_key=True)
    day: Mapped[dt.date] = column(Date, primary_key=True)
    package_id: Mapped[str] = column(UnicodeText, nullable=False)
    count: Mapped[int] = column(Integer, nullable=False, default=0)


def record(package_id: str, resource_id: str, day: dt.date | None = None) -> None:
    """Count one download of ``resource_id`` today (committed at once: a download that
    was served is counted even if the request fails afterwards)."""
    table = DownloadCount.__table__
    stmt = insert(table).values(resource_id=resource_id, package_id=package_id,
                                day=day or clock.today(), count=1)
    stmt = stmt.on_conflict_do_update(index_elements=[table.c.resource_id, table.c.day],
                                      set_={"count": table.c.count + 1})
    model.Session.execute(stmt)
    model.Session.commit()


def totals(package_id: str) -> dict[str, int]:
    """Downloads of each resource of the dataset, all days together."""
    rows = (model.Session.query(DownloadCount.resource_id, func.sum(DownloadCount.count))
            .filter(DownloadCount.package_id == package_id)
            .group_by(DownloadCount.resource_id))
    return {rid: int(n) for rid, n in rows}


def by_day(resource_id: str) -> list[tuple[dt.date, int]]:
    rows = (model.Session.query(DownloadCount.day, DownloadCount.count)
            .filter(DownloadCount.resource_id == resource_id)
            .order_by(DownloadCount.day))
    return [(day, int(n)) for day, n in rows]


def _public(query: Any) -> Any:
    """Only rows of datasets anyone may see: figures never reveal a private dataset."""
    return (query.join(model.Package, model.Package.id == DownloadCount.package_id)
            .filter(model.Package.private.is_(False), model.Package.state == "active"))


def package_totals(package_ids: list[str]) -> dict[str, int]:
    """Downloads of each of the given datasets, all resources and days together."""
    if not package_ids:
        return {}
    rows = (model.Session.query(DownloadCount.package_id, func.sum(DownloadCount.count))
            .filter(DownloadCount.package_id.in_(package_ids))
            .group_by(DownloadCount.package_id))
    return {pid: int(n) for pid, n in rows}


def public_total(organization_id: str | None = None) -> int:
    query = _public(model.Session.query(func.coalesce(func.sum(DownloadCount.count), 0)))
    if organization_id:
        query = query.filter(model.Package.owner_org == organization_id)
    return int(query.scalar() or 0)


def public_top(limit: int, organization_id: str | None = None) -> list[tuple[str, int]]:
    """The most downloaded public datasets, most first (ties: by id, so the order is stable)."""
    total = func.sum(DownloadCount.count)
    query = _public(model.Session.query(DownloadCount.package_id, total))
    if organization_id:
        query = query.filter(model.Package.owner_org == organization_id)
    rows = (query.group_by(DownloadCount.package_id)
            .order_by(total.desc(), DownloadCount.package_id).limit(limit))
    return [(pid, int(n)) for pid, n in rows]


def public_by_day(since: dt.date, organization_id: str | None = None) -> dict[dt.date, int]:
    query = _public(model.Session.query(DownloadCount.day, func.sum(DownloadCount.count))
                    .filter(DownloadCount.day >= since))
    if organization_id:
        query = query.filter(model.Package.owner_org == organization_id)
    return {day: int(n) for day, n in query.group_by(DownloadCount.day)}


def packages_counted_since(since: dt.date) -> list[str]:
    """Datasets downloaded on or after `since` (whose index entry may be behind)."""
    rows = (model.Session.query(DownloadCount.package_id)
            .filter(DownloadCount.day >= since).distinct())
    return [pid for (pid,) in rows]


def public_totals(package_ids: list[str]) -> dict[str, int]:
    """Downloads of each of the given datasets that anyone may see."""
    if not package_ids:
        return {}
    rows = (_public(model.Session.query(DownloadCount.package_id, func.sum(DownloadCount.count)))
            .filter(DownloadCount.package_id.in_(package_ids))
            .group_by(DownloadCount.package_id))
    return {pid: int(n) for pid, n in rows}
