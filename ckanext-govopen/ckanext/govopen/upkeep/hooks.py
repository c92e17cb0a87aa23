"""Upkeep's plugin hooks: the update status and quality score in the search index, the
更新状态 facet, and the periodic duties of ``ckan govopen tick``."""
from __future__ import annotations

import datetime as dt
import json
import logging
from collections import OrderedDict
from typing import Any

from ckanext.govopen.lib.lang import govopen_lang
from ckanext.govopen.upkeep import store, ticking
from ckanext.govopen.upkeep.texts import TEXTS

log = logging.getLogger(__name__)

STATUS_FIELD = "govopen_update_status"
DUE_FIELD = "govopen_update_due"
QUALITY_FIELD = "govopen_quality"  # zero-padded: the index sorts it as text


def _with_status_facet(facets_dict: OrderedDict[str, Any]) -> OrderedDict[str, Any]:
    facets_dict[STATUS_FIELD] = TEXTS.in_lang("facet", govopen_lang())
    return facets_dict


def dataset_facets(facets_dict: OrderedDict[str, Any], package_type: str) -> OrderedDict[str, Any]:
    return _with_status_facet(facets_dict)


def organization_facets(facets_dict: OrderedDict[str, Any], organization_type: str,
                        package_type: str | None) -> OrderedDict[str, Any]:
    return _with_status_facet(facets_dict)


def before_dataset_index(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    # Earlier hooks have flattened or dropped list fields; the validated dict is whole.
    try:
        full = json.loads(pkg_dict.get("validated_data_dict") or "{}")
    except ValueError:
        full = {}
    if not isinstance(full, dict) or not full:
        full = pkg_dict
    state = store.freshness(full)
    pkg_dict[STATUS_FIELD] = state.status
    if state.due is not None:
        pkg_dict[DUE_FIELD] = state.due.isoformat()
    pkg_dict[QUALITY_FIELD] = f"{store.score(full).percent:03d}"
    return pkg_dict


def after_dataset_search(search_results: dict[str, Any],
                         search_params: dict[str, Any]) -> dict[str, Any]:
    facet = (search_results.get("search_facets") or {}).get(STATUS_FIELD)
    if facet:
        lang = govopen_lang()
        for item in facet.get("items", []):
            key = f"status.{item['name']}"
            if key in TEXTS:
                item["display_name"] = TEXTS.in_lang(key, lang)
    return search_results


def tick(now: dt.datetime) -> None:
    """Every few minutes: re-index datasets whose update status changed, mail reminders."""
    changed, mailed = ticking.refresh(now), ticking.remind(now)
    log.info("upkeep tick: %d status change(s), %d reminder mail(s)", changed, len(mailed))
