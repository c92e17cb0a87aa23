"""Small database pieces: what every capability's model.py needs, and an advisory lock."""
from __future__ import annotations

import datetime as dt
from typing import Any

from ckan import model
from sqlalchemy import Column, text


def column(*args: Any, **kwargs: Any) -> Any:
    """A ``Column``, typed as the ``Mapped[...]`` annotation it is assigned to: SQLAlchemy
    1.4's mypy plugin does not see that ``tk.BaseModel`` (``registry.generate_base()``) is
    declarative, so without this the stubs type every attribute as ``Column[...]``."""
    return Column(*args, **kwargs)


def utcnow() -> dt.datetime:
    """Now as CKAN stores times: naive UTC."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def xact_lock(key: int) -> None:
    """Take the PostgreSQL advisory lock `key` until the session's transaction ends (commit
    or rollback), waiting while another transaction holds it: serializes a read-then-write
    that two requests or runs could otherwise interleave. Each user picks its own constant."""
    model.Session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
