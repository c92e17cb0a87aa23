"""Reading a list field as stored: a list, or the JSON text scheming keeps in an extra.

Pure (no CKAN import). The write side, where a bad value is an error to report, is the
validators' business (``logic/validators.py``); this side never raises, since an index
hook, a feed or an export must not fail on one odd stored value.
"""
from __future__ import annotations

import json
from typing import Any, TypeVar

T = TypeVar("T")


def json_list(value: Any) -> list[Any]:
    """`value` as a list, without empty (None, "") elements.

    A list (or tuple) is taken as is; text is parsed as JSON. Text that is not JSON
    stands for itself (a single code stored before the field held a list), and any other
    single value becomes a one-element list, so nothing stored is silently dropped.
    """
    if isinstance(value, str):
        if not value.strip():
            return []
        try:
            value = json.loads(value)
        except ValueError:
            return [value]
    if value is None:
        return []
    items = list(value) if isinstance(value, (list, tuple)) else [value]
    return [v for v in items if v is not None and v != ""]


def json_list_of(value: Any, kind: type[T]) -> list[T]:
    """The elements of :func:`json_list` that are of `kind` (``str`` for codes, ``dict``
    for rows such as data items or sources); others are skipped."""
    return [v for v in json_list(value) if isinstance(v, kind)]
