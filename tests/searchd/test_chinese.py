"""Folding, pinyin and synonyms (searchd/chinese.py, synonyms.py), without a server."""
from __future__ import annotations

import os
from pathlib import Path

from ckanext.govopen.searchd import synonyms
from ckanext.govopen.searchd.chinese import fold, pinyin_terms, suggest_terms, word_pinyin


def test_traditional_text_folds_to_simplified_phrase_aware() -> None:
    assert fold("學校") == "学校"
    assert fold("醫療機構名錄") == "医疗机构名录"
    assert fold("乾燥") == "干燥" and fold("乾隆") == "乾隆"
    assert fold("Data 2024") == "Data 2024"


def test_words_give_pinyin_and_initials() -> None:
    assert word_pinyin("医疗机构") == ("yiliaojigou", "yljg")
    assert word_pinyin("旅行社") == ("lvxingshe", "lxs")
    assert word_pinyin("水") == ("shui",)
    assert word_pinyin("GDP") == ()
    assert pinyin_terms(["交通", "交通"]) == ["jiaotong\x1f交通", "jt\x1f交通"]


def test_titles_give_pinyin_suffixes_for_suggestions() -> None:
    terms = suggest_terms("全省醫療機構名錄")
    assert "yiliaojigouminglu" in terms and "yljgml" in terms
    assert any(t.startswith("quanshengyiliao") for t in terms)


def test_synonym_lines_in_solr_format() -> None:
    rules = synonyms.parse("# comment\n个体户, 个体工商户\n两险 => 生育保险 医疗保险\nGDP, 地区生产总值\n")
    assert rules["个体户"] == ("个体工商户",) and rules["个体工商户"] == ("个体户",)
    assert rules["两险"] == ("生育保险 医疗保险",) and "生育保险 医疗保险" not in rules
    assert rules["gdp"] == ("地区生产总值",)
    assert synonyms.check("a, b\nonly\nx => \na => b => c") == [
        "2: a line needs at least two words separated by ','",
        "3: '=>' needs words on both sides", "4: more than one '=>'"]


def test_rules_apply_inside_longer_words_and_to_traditional_input() -> None:
    shipped = synonyms.Synonyms()
    assert "省发展和改革委员会" in shipped.variants("省发改委")
    assert "个体工商户" in shipped.variants("個體戶")
    assert shipped.variants("water") == []
    assert shipped.variants("GDP") == ["地区生产总值", "国内生产总值"]
    assert shipped.variants("happiness") == [], "ppi applies to the whole word only"


def test_a_sysadmins_file_is_reread_when_it_changes(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    local = tmp_path / "local.txt"
    monkeypatch.setattr(synonyms, "RECHECK", 0.0)
    rules = synonyms.Synonyms([synonyms.SHIPPED, local])
    assert rules.variants("检疫站") == []
    local.write_text("检疫站 => 预防接种门诊\n", "utf-8")
    os.utime(local, (1, 1))  # a different modification time, whatever the clock says
    assert rules.variants("检疫站") == ["预防接种门诊"]
    local.unlink()
    assert rules.variants("检疫站") == []
