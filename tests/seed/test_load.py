"""The loader's schema adaptation, with a stand-in for CKAN's toolkit."""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from seed.load import Loader, catalog_values
from seed.model import Catalog

SCHEMA = {
    "dataset_fields": [
        {"field_name": "title"},
        {"field_name": "maintainer"},
        {"field_name": "open_type", "choices": [
            {"value": "unconditional", "label": {"zh_Hans_CN": "无条件开放", "en": "Open"}},
            {"value": "not_open", "label": {"zh_Hans_CN": "不予开放", "en": "Not open"}}]},
        {"field_name": "sharing_method", "choices": [
            {"value": "api", "label": "接口服务"}, {"value": "download", "label": "文件下载"}]},
        {"field_name": "data_items", "repeating_subfields": [
            {"field_name": "name"},
            {"field_name": "type", "choices": [{"value": "string", "label": "字符型"}]}]},
    ],
}


class _NotFound(Exception):
    pass


def _loader(schema: dict[str, Any] | None) -> Loader:
    def get_action(name: str) -> Any:
        if schema is None:
            def missing(context: Any, data: Any) -> Any:
                raise _NotFound(name)
            return missing
        return lambda context, data: schema

    tk = SimpleNamespace(
        get_action=get_action, ObjectNotFound=_NotFound, ValidationError=ValueError,
        h=SimpleNamespace(scheming_field_choices=lambda f: f.get("choices")),
    )
    loader = Loader.__new__(Loader)
    loader.tk, loader.user, loader._schemas, loader._lookups = tk, "admin", {}, {}
    return loader


def test_schema_fields_go_top_level_with_labels_turned_into_values() -> None:
    data: dict[str, Any] = {}
    _loader(SCHEMA).place("dataset", {
        "open_type": "不予开放", "sharing_method": ["接口服务", "文件下载"],
        "data_items": [{"name": "xm", "label_zh": "姓名", "type": "字符型"}],
        "contact_name": "省民政厅数据管理处", "contact_phone": "0351-1234567",
        "update_cycle": "每月",
    }, data)
    assert data["open_type"] == "not_open"
    assert data["sharing_method"] == ["api", "download"]
    assert data["data_items"] == [{"name": "xm", "label_zh": "姓名", "type": "string"}]
    assert data["maintainer"] == "省民政厅数据管理处", "falls back to CKAN's own field"
    assert data["extras"] == [{"key": "contact_phone", "value": "0351-1234567"},
                              {"key": "update_cycle", "value": "每月"}]


def test_without_a_schema_everything_is_an_extra_as_text() -> None:
    data: dict[str, Any] = {}
    _loader(None).place("organization", {"level": "省级", "formats": ["CSV"]}, data)
    assert data == {"extras": [{"key": "level", "value": "省级"},
                               {"key": "formats", "value": '["CSV"]'}]}


def test_catalog_values_keep_lists_and_leave_out_empty_fields(catalog: Catalog) -> None:
    ds = next(d for d in catalog.datasets if d.name == "air-quality-daily")
    values = catalog_values(ds.catalog)
    assert values["formats"] == ["CSV"]
    assert isinstance(values["sharing_method"], list)
    assert values["data_items"][0] == {"name": "date", "label_zh": "日期", "type": "日期型"}
    assert values["livelihood_priority"] == "true"
    assert "open_reason" not in values and "personal" not in str(values)
