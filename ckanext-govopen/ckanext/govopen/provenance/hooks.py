"""Provenance hooks: a product's sources go into the derived-from index field."""
from __future__ import annotations

from typing import Any

from ckanext.govopen.provenance import search


def before_dataset_index(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    return search.index_fields(pkg_dict)
