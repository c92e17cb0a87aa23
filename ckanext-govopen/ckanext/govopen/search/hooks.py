"""Search hooks: the catalog's index fields and facets replace CKAN's defaults."""
from __future__ import annotations

from collections import OrderedDict
from typing import Any

from ckanext.govopen.catalog import store
from ckanext.govopen.lib.lang import govopen_lang, is_english
from ckanext.govopen.search import fields


def dataset_facets(facets_dict: OrderedDict[str, Any], package_type: str) -> OrderedDict[str, Any]:
    return OrderedDict(fields.facet_titles(govopen_lang()))


def organization_facets(facets_dict: OrderedDict[str, Any], organization_type: str,
                        package_type: str | None) -> OrderedDict[str, Any]:
    titles = fields.facet_titles(govopen_lang())
    titles.pop("organization", None)
    return OrderedDict(titles)


def before_dataset_index(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    return fields.organization_title(fields.index_fields(pkg_dict))


def after_dataset_search(search_results: dict[str, Any],
                         search_params: dict[str, Any]) -> dict[str, Any]:
    facets = search_results.get("search_facets") or {}
    lang = govopen_lang()
    fields.relabel_facets(facets, lang)
    if "organization" in facets and is_english(lang):
        items = facets["organization"].get("items", [])
        english = store.organization_english_titles([i["name"] for i in items])
        for item in items:
            item["display_name"] = english.get(item["name"], item["display_name"])
    return search_results
