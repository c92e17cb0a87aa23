"""Vocabularies, classification and the DCAT mapping (no services needed)."""
from __future__ import annotations

from ckanext.govopen import catalog
from ckanext.govopen.catalog import classification, dcat_map, vocabularies


def test_every_vocabulary_term_has_chinese_and_english_labels() -> None:
    for vocab in catalog.VOCABULARIES.values():
        assert vocab.title["zh_Hans_CN"] and vocab.title["en"]
        for term in vocab:
            assert term.zh and term.en, (vocab.name, term.code)


def test_rule_values_are_stable_codes() -> None:
    assert vocabularies.SHARING_TYPE.codes() == ["unconditional", "conditional", "not_shared"]
    assert vocabularies.OPEN_TYPE.codes() == ["unconditional", "conditional", "not_open"]
    assert [t.zh for t in vocabularies.UPDATE_CYCLE] == [
        "实时", "每日", "每周", "每月", "每季度", "每半年", "每年", "不定期", "静态"]


def test_labels_follow_the_language_and_unknown_codes_show_as_is() -> None:
    assert vocabularies.OPEN_TYPE.label("conditional", "zh_Hans_CN") == "有条件开放"
    assert vocabularies.OPEN_TYPE.label("conditional", "en") == "Open on conditions"
    assert vocabularies.OPEN_TYPE.label("conditional", None) == "有条件开放"
    assert vocabularies.OPEN_TYPE.label("nonsense", "en") == "nonsense"


def test_classification_covers_the_six_base_libraries_and_themes() -> None:
    themes = classification.CATALOG_THEME
    base = [t.zh for t in themes if t.code.startswith("1")]
    assert base == ["人口基础库", "法人单位基础库", "公共信用基础库", "宏观经济基础库",
                    "空间地理基础库", "电子证照基础库"]
    assert sum(1 for t in themes if t.code.startswith("2")) >= 10


def test_classification_codes_are_class_item_category() -> None:
    for term in classification.CLASSIFICATION:
        assert len(term.code) == 6 and term.code.isdigit()
        assert term.code[:3] in classification.CATALOG_THEME
        assert term.code[0] in classification.CATALOG_CLASS
    assert classification.theme_of("205001") == "205"
    assert classification.theme_of("999999") is None
    assert classification.path_label("101001", "zh_Hans_CN") == "基础信息资源类 › 人口基础库 › 户籍人口"


def test_grouped_choices_hold_every_classification_once() -> None:
    codes = [c for _, options in classification.grouped("en") for c, _ in options]
    assert sorted(codes) == sorted(classification.CLASSIFICATION.codes())


def test_every_code_maps_to_dcat() -> None:
    for code in vocabularies.UPDATE_CYCLE.codes():
        assert dcat_map.frequency_uri(code).startswith(dcat_map.EU + "frequency/")
    for code in vocabularies.OPEN_TYPE.codes():
        assert dcat_map.access_rights_uri(code).startswith(dcat_map.EU + "access-right/")
    for code in classification.CLASSIFICATION.codes():
        assert dcat_map.theme_uri(code).startswith(dcat_map.EU + "data-theme/")
    assert dcat_map.access_rights_uri("not_open").endswith("NON_PUBLIC")
    assert dcat_map.file_type_uri("CSV").endswith("file-type/CSV")
    assert dcat_map.file_type_uri("API") is None


def test_vocabulary_as_dict_is_what_the_api_returns() -> None:
    d = catalog.vocabulary("item_type").as_dict()
    assert d["name"] == "item_type"
    assert d["terms"][0] == {"code": "string", "label": {"zh_Hans_CN": "字符型", "en": "String"},
                             "guide_code": "C", "xsd": "string"}
