"""Actions of the catalog: its vocabularies and the directory (政务数据资源目录)."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ckanext.govopen import catalog
from ckanext.govopen.catalog import directory as catalog_directory
from ckanext.govopen.catalog import store
from ckanext.govopen.catalog.schema import (
    catalog_directory_schema,
    vocabulary_show_schema,
)
from ckanext.govopen.lib.lang import govopen_lang, is_english


@tk.side_effect_free
def govopen_vocabulary_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """List the catalog vocabularies: sharing and open types, update cycles, formats,
    classification (类/项/目) and the others the dataset and organization schemas use.

    :returns: ``[{"name": ..., "title": {"zh_Hans_CN": ..., "en": ...}, "size": ...}]``
    :rtype: list of dictionaries
    """
    tk.check_access("govopen_vocabulary_list", context, data_dict)
    return [{"name": v.name, "title": v.title, "size": len(v)}
            for v in catalog.VOCABULARIES.values()]


@tk.side_effect_free
def govopen_vocabulary_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Show one catalog vocabulary: its stable codes (the values stored in datasets)
    with Chinese and English labels.

    :param name: the vocabulary, e.g. ``open_type``, ``update_cycle``, ``classification``
    :type name: string
    :returns: ``{"name": ..., "title": {...}, "terms": [{"code": ..., "label": {...}}]}``;
        classification terms also carry their ``class`` and ``theme`` (类 and 项) codes,
        data item types their ``guide_code`` and ``xsd`` type
    :rtype: dictionary
    """
    tk.check_access("govopen_vocabulary_show", context, data_dict)
    data, errors = tk.navl_validate(data_dict, vocabulary_show_schema(), context)
    if errors:
        raise tk.ValidationError(errors)
    if data["name"] not in catalog.VOCABULARIES:
        raise tk.ObjectNotFound(tk._("No vocabulary called {name}").format(name=data["name"]))
    return catalog.vocabulary(data["name"]).as_dict()


@tk.side_effect_free
def govopen_catalog_directory(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The catalog directory (政务数据资源目录): every public catalog entry with the
    columns of the catalog guide. The same table downloads as CSV or XLSX from
    ``/catalog/directory.csv`` and ``/catalog/directory.xlsx``.

    :param lang: language of headers and labels, ``zh_Hans_CN`` or ``en``
        (default: the request's language)
    :type lang: string
    :returns: ``{"count": n, "columns": [{"key": ..., "label": ...}], "rows": [{key: text}]}``
    :rtype: dictionary
    """
    tk.check_access("govopen_catalog_directory", context, data_dict)
    data, errors = tk.navl_validate(data_dict, catalog_directory_schema(), context)
    if errors:
        raise tk.ValidationError(errors)
    lang = data.get("lang") or govopen_lang()
    table = _directory_table(lang)
    return {
        "count": len(table),
        "columns": [{"key": k, "label": h}
                    for k, h in zip(catalog_directory.KEYS, catalog_directory.headers(lang))],
        "rows": table,
    }


def _public_datasets() -> list[dict[str, Any]]:
    """Every public, active dataset, as an anonymous visitor finds them."""
    search = tk.get_action("package_search")
    page = int(tk.config.get("ckan.search.rows_max") or 1000)
    found: list[dict[str, Any]] = []
    while True:
        result = search({"ignore_auth": True, "user": ""}, {
            "q": "*:*", "fq": "+dataset_type:dataset", "include_private": False,
            "include_drafts": False, "sort": "name asc", "rows": page, "start": len(found)})
        found.extend(result["results"])
        if not result["results"] or len(found) >= result["count"]:
            return found


def _directory_table(lang: str) -> list[dict[str, str]]:
    datasets = _public_datasets()
    try:
        downloads = tk.get_action("govopen_usage_totals")(
            {"ignore_auth": True}, {"ids": [p["id"] for p in datasets]})
    except KeyError:  # the usage capability is not loaded
        downloads = {}
    datasets = [{**p, "downloads": downloads.get(p["id"], 0)} for p in datasets]
    english: dict[str, str] = {}
    if is_english(lang):
        english = store.organization_english_titles(
            sorted({(p.get("organization") or {}).get("name", "") for p in datasets} - {""}))
    site = tk.config["ckan.site_url"].rstrip("/")
    return catalog_directory.rows(
        datasets, lang,
        url_for=lambda p: catalog_directory.address(site, p),
        provider_title=lambda p: english.get((p.get("organization") or {}).get("name", "")),
    )
