"""What the catalog adds to search documents and facets (no services needed)."""
from __future__ import annotations

import json

from ckanext.govopen.search import fields as search


def test_index_fields_add_theme_and_multi_valued_facets() -> None:
    doc = {
        "classification": "205001",
        "formats": json.dumps(["CSV", "XLSX"]),
        "sharing_method": '["api"]',
        "related_resource_codes": "[]",
        "data_items": json.dumps([{"name": "aqi", "label_zh": "空气质量指数", "type": "number"}]),
        "open_type": "conditional",
    }
    out = search.index_fields(doc)
    assert out["catalog_theme"] == "205"
    assert out["catalog_class"] == "2"
    assert out["vocab_format"] == ["CSV", "XLSX"]
    assert out["vocab_sharing_method"] == ["api"]
    assert "vocab_related_resource_codes" not in out
    assert out["vocab_data_item"] == ["aqi", "空气质量指数"]
    # list-valued JSON strings would not fit a single-valued exact field
    assert "formats" not in out and "data_items" not in out
    assert out["open_type"] == "conditional"


def test_unknown_classification_adds_no_theme() -> None:
    out = search.index_fields({"classification": "999999"})
    assert "catalog_theme" not in out


def test_facet_items_get_labels_in_the_language() -> None:
    facets = {
        "open_type": {"items": [{"name": "conditional", "display_name": "conditional", "count": 2}]},
        "catalog_theme": {"items": [{"name": "101", "display_name": "101", "count": 1}]},
        "organization": {"items": [{"name": "org", "display_name": "机构", "count": 1}]},
    }
    search.relabel_facets(facets, "en")
    assert facets["open_type"]["items"][0]["display_name"] == "Open on conditions"
    assert facets["catalog_theme"]["items"][0]["display_name"] == "Population base library"
    assert facets["organization"]["items"][0]["display_name"] == "机构"
    search.relabel_facets(facets, "zh_Hans_CN")
    assert facets["open_type"]["items"][0]["display_name"] == "有条件开放"


def test_facet_titles() -> None:
    zh = search.facet_titles("zh_Hans_CN")
    assert list(zh) == ["organization", "catalog_theme", "open_type", "sharing_type",
                        "update_cycle", "vocab_format", "livelihood_priority"]
    assert zh["open_type"] == "开放类型"
    assert search.facet_titles("en")["organization"] == "Provider"
