"""The download counter: one row per resource and calendar day (Asia/Shanghai).

Migration: migration/govopen/versions/f5c1d9e3b7a2_download_counts.py. Counts are
incremented in the database (INSERT … ON CONFLICT … count + 1), so concurrent downloads in
several web workers never lose one.
"""
from __future__ import annotations

import datetime as dt

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
