"""Small pieces every capability's model.py needs."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Column


def column(*args: Any, **kwargs: Any) -> Any:
    """A ``Column``, typed as the ``Mapped[...]`` annotation it is assigned to: SQLAlchemy
    1.4's mypy plugin does not see that ``tk.BaseModel`` (``registry.generate_base()``) is
    declarative, so without this the stubs type every attribute as ``Column[...]``."""
    return Column(*args, **kwargs)


def utcnow() -> dt.datetime:
    """Now as CKAN stores times: naive UTC."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
