"""Validators of feedback input: text that PostgreSQL can store and a person can read,
dates (messages in zh and en)."""
from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.lib.navl.dictization_functions import StopOnError, missing
from ckan.types import Context, FlattenDataDict, FlattenErrorDict, FlattenKey

from ckanext.govopen.feedback.texts import TEXTS

__all__ = ["govopen_feedback_date", "govopen_feedback_long", "govopen_feedback_required",
           "govopen_feedback_short"]

SHORT, LONG = 500, 5000


def govopen_feedback_required(key: FlattenKey, data: FlattenDataDict,
                              errors: FlattenErrorDict, context: Context) -> None:
    """Like CKAN's not_empty, with the message in both languages (CKAN's is translated
    into the request's language only)."""
    value = data.get(key)
    if value is missing or value is None or (isinstance(value, str) and not value.strip()):
        errors[key].append(TEXTS.both("err.required"))
        raise StopOnError


def _text(value: Any, limit: int) -> Any:
    if value is None:
        return value
    if not isinstance(value, str):  # a list or an object where text belongs
        value = str(value)
    if "\x00" in value:  # PostgreSQL refuses U+0000 in text: a 409, not a 500
        raise tk.Invalid(TEXTS.both("err.nul"))
    value = value.strip()
    if len(value) > limit:
        raise tk.Invalid(TEXTS.both("err.too_long", max=limit))
    return value


def govopen_feedback_short(value: Any) -> Any:
    """One line: a field name, a row, a value, a contact (at most 500 characters)."""
    return _text(value, SHORT)


def govopen_feedback_long(value: Any) -> Any:
    """A description, evidence or an answer (at most 5,000 characters)."""
    return _text(value, LONG)


def govopen_feedback_date(value: Any) -> Any:
    if value in (None, "") or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as err:
        raise tk.Invalid(TEXTS.both("err.date")) from err
