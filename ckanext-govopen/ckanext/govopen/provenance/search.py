"""The derived-from index: which products use a dataset.

A product's sources are a list of objects, which a search document cannot hold; the ids
of its portal sources go into ``vocab_derived_from``, a multi-valued exact-string field
of CKAN's Solr schema, so a dataset page finds its products with one filter query.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context

from ckanext.govopen.lib.coerce import json_list_of
from ckanext.govopen.provenance.sources import PRODUCT_TYPE

INDEX_FIELD = "vocab_derived_from"


def index_fields(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    """Replace a product's sources by the ids it derives from; other types pass as is."""
    if pkg_dict.get("type") != PRODUCT_TYPE:
        return pkg_dict
    sources = json_list_of(pkg_dict.pop("sources", None), dict)
    ids = sorted({str(s["source_dataset"]) for s in sources if s.get("source_dataset")})
    if ids:
        pkg_dict[INDEX_FIELD] = ids
    usage = " ".join(str(s.get("usage") or "") for s in sources).strip()
    if usage:
        pkg_dict["extras_sources_usage"] = usage
    return pkg_dict


def derived_products(dataset_id: str, context: Context, rows: int = 50) -> list[dict[str, Any]]:
    """Products deriving from `dataset_id` that the context's user may see, newest first."""
    result = tk.get_action("package_search")(context, {
        "q": "*:*",
        "fq": f'+dataset_type:{PRODUCT_TYPE} +{INDEX_FIELD}:"{dataset_id}"',
        "sort": "metadata_created desc", "rows": rows, "include_private": True,
    })
    return result["results"]
