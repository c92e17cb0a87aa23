"""Which English text a dataset, organization or group has for a field.

Datasets keep ``title_en`` / ``notes_en`` as schema fields; groups keep ``title_en``
as an extra. Chinese stays the text of record: English is shown only when present.
"""
from __future__ import annotations

from typing import Any

from ckanext.govopen.lib.lang import is_english


def english_value(data: dict[str, Any], field: str) -> str:
    value = data.get(f"{field}_en")
    if not value:
        for extra in data.get("extras") or ():
            if isinstance(extra, dict) and extra.get("key") == f"{field}_en":
                value = extra.get("value")
                break
    return value.strip() if isinstance(value, str) else ""


def english(data: dict[str, Any] | None, field: str) -> str:
    """The English `field` of `data` when the page is English and it has one, else ""."""
    if not isinstance(data, dict) or not is_english():
        return ""
    return english_value(data, field)
