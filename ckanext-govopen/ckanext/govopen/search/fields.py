"""What the catalog adds to the search index, and how its facets are labelled.

CKAN indexes every top-level scheming field as an exact string (Solr's ``*`` dynamic
field, single-valued) and list fields as one JSON string, which cannot be faceted.
List-valued facets therefore go into ``vocab_*`` fields, which are multi-valued exact
strings in CKAN's Solr schema.
"""
from __future__ import annotations

import json
from typing import Any

from ckanext.govopen.catalog.classification import CATALOG_THEME, theme_of
from ckanext.govopen.catalog.terms import Vocabulary
from ckanext.govopen.catalog.vocabularies import (
    FORMAT,
    LIVELIHOOD,
    OPEN_TYPE,
    SHARING_TYPE,
    UPDATE_CYCLE,
)
from ckanext.govopen.lib.coerce import json_list_of
from ckanext.govopen.lib.texts import EN, lang_key

# Facet field → (zh label, en label, vocabulary labelling its values or None).
FACETS: dict[str, tuple[str, str, Vocabulary | None]] = {
    "organization": ("资源提供方", "Provider", None),
    "catalog_theme": ("基础库/主题", "Base library / theme", CATALOG_THEME),
    "open_type": ("开放类型", "Open type", OPEN_TYPE),
    "sharing_type": ("共享类型", "Sharing type", SHARING_TYPE),
    "update_cycle": ("更新周期", "Update cycle", UPDATE_CYCLE),
    "vocab_format": ("资源格式", "Format", FORMAT),
    "livelihood_priority": ("民生重点", "Livelihood priority", LIVELIHOOD),
}

# Dataset list field → multi-valued index field.
LIST_FIELDS = {
    "formats": "vocab_format",
    "sharing_method": "vocab_sharing_method",
    "related_resource_codes": "vocab_related_resource_codes",
}


def facet_titles(lang: str | None) -> dict[str, str]:
    en = lang_key(lang) == EN
    return {name: (en_label if en else zh) for name, (zh, en_label, _) in FACETS.items()}


def index_fields(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    """Add the catalog's facet fields to a document CKAN is about to index."""
    classification = pkg_dict.get("classification")
    theme = theme_of(classification) if isinstance(classification, str) else None
    if theme:
        pkg_dict["catalog_theme"] = theme
        pkg_dict["catalog_class"] = theme[0]
    for field, index_name in LIST_FIELDS.items():
        values = json_list_of(pkg_dict.get(field), str)
        if values:
            pkg_dict[index_name] = values
        # the JSON string would land in a single-valued field: keep it searchable
        # through extras_<field> (text) only
        pkg_dict.pop(field, None)
    data_items = json_list_of(pkg_dict.pop("data_items", None), dict)
    if data_items:
        pkg_dict["vocab_data_item"] = [
            str(i.get(k)) for i in data_items for k in ("name", "label_zh") if i.get(k)]
    return pkg_dict


def relabel_facets(search_facets: dict[str, Any], lang: str | None) -> dict[str, Any]:
    """Give catalog facet items their label in `lang` instead of the stored code."""
    for name, (_, _, vocab) in FACETS.items():
        if vocab is None or name not in search_facets:
            continue
        for item in search_facets[name].get("items", []):
            item["display_name"] = vocab.label(item["name"], lang)
    return search_facets


# Text field (``extras_*`` is text in CKAN's schema and copied into ``text``) holding
# the publishing organization's title: CKAN indexes only its name, so 发改委 could not
# find the datasets of 省发展和改革委员会. searchd also indexes its pinyin.
ORG_TITLE_FIELD = "extras_govopen_org_title"


def organization_title(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    """Add the organization's title to a document CKAN is about to index."""
    raw = pkg_dict.get("validated_data_dict")
    try:
        org = json.loads(raw).get("organization") if isinstance(raw, str) else None
    except ValueError:
        org = None
    title = org.get("title") if isinstance(org, dict) else None
    if isinstance(title, str) and title.strip():
        pkg_dict[ORG_TITLE_FIELD] = title
    return pkg_dict
