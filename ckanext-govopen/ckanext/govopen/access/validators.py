"""Validators of application input: credit code, dates, id lists (messages in zh and en)."""
from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from stdnum.cn import uscc

from ckanext.govopen.access import texts

__all__ = ["govopen_access_date", "govopen_access_id_list", "govopen_uscc"]


def govopen_uscc(value: Any) -> Any:
    """A GB 32100 unified social credit code with a valid check character (upper-cased)."""
    if value in (None, ""):
        return value
    try:
        return uscc.validate(str(value).strip().upper())
    except Exception as err:  # stdnum raises several ValidationError subclasses
        raise tk.Invalid(texts.both("err.uscc")) from err


def govopen_access_date(value: Any) -> Any:
    if value in (None, "") or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as err:
        raise tk.Invalid(texts.both("err.date")) from err


def govopen_access_id_list(value: Any) -> list[str]:
    """A list of ids from a JSON list or a comma/space separated form value."""
    if value in (None, ""):
        return []
    items = value if isinstance(value, list | tuple) else str(value).replace(",", " ").split()
    return [str(v).strip() for v in items if str(v).strip()]
