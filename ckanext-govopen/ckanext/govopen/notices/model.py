"""The notices table. Migration: migration/govopen/versions/a9e4c2b7d6f1_notices.py."""
from __future__ import annotations

import datetime as dt
import uuid

import ckan.plugins.toolkit as tk
from sqlalchemy import DateTime, UnicodeText
from sqlalchemy.orm import Mapped

from ckanext.govopen.lib.db import column, utcnow


class Notice(tk.BaseModel):
    __tablename__ = "govopen_notice"

    id: Mapped[str] = column(UnicodeText, primary_key=True, default=lambda: str(uuid.uuid4()))
    title: Mapped[str] = column(UnicodeText, nullable=False)
    body: Mapped[str] = column(UnicodeText, nullable=False, default="")
    title_en: Mapped[str] = column(UnicodeText, nullable=False, default="")
    body_en: Mapped[str] = column(UnicodeText, nullable=False, default="")
    author: Mapped[str] = column(UnicodeText, nullable=False)
    created: Mapped[dt.datetime] = column(DateTime, nullable=False, default=utcnow, index=True)
    modified: Mapped[dt.datetime] = column(DateTime, nullable=False, default=utcnow)

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "title": self.title, "body": self.body,
                "title_en": self.title_en, "body_en": self.body_en, "author": self.author,
                "created": self.created.isoformat(), "modified": self.modified.isoformat()}
