"""Front hooks: the English title and summary are searchable from the English UI."""
from __future__ import annotations

from typing import Any

from ckanext.govopen.front.bilingual import english_value


def before_dataset_index(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    # Top-level schema fields land in Solr's catch-all string field, which full-text
    # search never reads; CKAN's schema copies extras_* into the text field.
    for field in ("title", "notes"):
        value = english_value(pkg_dict, field)
        if value:
            pkg_dict[f"extras_{field}_en"] = value
    return pkg_dict
