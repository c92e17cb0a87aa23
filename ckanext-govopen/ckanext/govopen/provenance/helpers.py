"""What the templates show: derived products of a dataset, sources of a product, the
note of a download."""
from __future__ import annotations

import logging
from typing import Any

from ckanext.govopen.lib.context import user_context
from ckanext.govopen.provenance import search, sources
from ckanext.govopen.provenance.note import parse_date
from ckanext.govopen.provenance.views import resource_note

log = logging.getLogger(__name__)


def govopen_derived_products(pkg_dict: dict[str, Any]) -> list[dict[str, Any]]:
    """The derived products registered on a dataset that the viewer may see."""
    if not pkg_dict.get("id") or pkg_dict.get("type") == sources.PRODUCT_TYPE:
        return []
    try:
        return search.derived_products(pkg_dict["id"], user_context())
    except Exception:  # a search outage must not take the dataset page down
        log.exception("derived products of %s", pkg_dict.get("id"))
        return []


def govopen_product_sources(pkg_dict: dict[str, Any]) -> list[dict[str, Any]]:
    """A product's sources, each with its dataset as it is now and whether it changed
    after the product acquired it."""
    views = sources.source_views(pkg_dict, user_context())
    for view in views:
        view["acquired_date"] = parse_date(view.get("acquired"))
    return views


def govopen_resource_provenance(pkg_dict: dict[str, Any],
                                res: dict[str, Any]) -> dict[str, Any]:
    """The provenance note of a download of `res` made today, and its companion files."""
    return resource_note(pkg_dict, res)
