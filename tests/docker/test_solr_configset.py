"""docker/solr/: CKAN's own schema with Chinese analysis, and nothing else changed."""
from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
from ckanext.govopen.searchd import synonyms
from ckanext.govopen.searchd.schema import default_schema_path

ROOT = Path(__file__).resolve().parents[2]
CONFIGSET = ROOT / "docker" / "solr" / "managed-schema.xml"
CONF = "/opt/solr/server/solr/configsets/ckan/conf/"


def _xml(elem: ET.Element) -> str:
    alone = copy.deepcopy(elem)
    alone.tail = None  # the text after an element belongs to its neighbours
    return ET.tostring(alone, encoding="unicode")


def _parts(root: ET.Element, tag: str) -> list[str]:
    return sorted(_xml(e) for e in root.iter(tag))


def test_the_configset_is_ckans_schema_with_chinese_text_types_only() -> None:
    ours = ET.parse(CONFIGSET).getroot()
    ckan = ET.parse(default_schema_path()).getroot()
    assert ours.get("name") == ckan.get("name") == "ckan-2.11"
    for tag in ("field", "dynamicField", "copyField", "uniqueKey"):
        assert _parts(ours, tag) == _parts(ckan, tag), tag
    types = {t.get("name"): t for t in ours.iter("fieldType")}
    stock = {t.get("name"): t for t in ckan.iter("fieldType")}
    assert set(types) == set(stock)
    changed = {n for n in types if _xml(types[n]) != _xml(stock[n])}
    assert changed == {"text", "text_ngram"}


def test_text_segments_chinese_folds_traditional_and_expands_synonyms() -> None:
    text = next(t for t in ET.parse(CONFIGSET).getroot().iter("fieldType")
                if t.get("name") == "text")
    for side in ("index", "query"):
        analyzer = text.find(f"analyzer[@type='{side}']")
        assert analyzer is not None
        tokenizer = analyzer.find("tokenizer")
        assert tokenizer is not None and tokenizer.get("class") == "solr.HMMChineseTokenizerFactory"
        icu = [f for f in analyzer.iter("filter") if f.get("class") == "solr.ICUTransformFilterFactory"]
        assert [f.get("id") for f in icu] == ["Traditional-Simplified"]
    query = text.find("analyzer[@type='query']")
    assert query is not None
    syn = [f for f in query.iter("filter") if f.get("class") == "solr.SynonymGraphFilterFactory"]
    assert syn and syn[0].get("synonyms") == "synonyms.txt"


def test_solr_gets_the_modules_and_searchds_own_synonyms_file() -> None:
    solr = yaml.safe_load((ROOT / "docker" / "compose.yaml").read_text())["services"]["solr"]
    assert solr["environment"]["SOLR_MODULES"] == "analysis-extras"
    mounts = dict(reversed(v.split(":")[:2]) for v in solr["volumes"])
    compose_dir = ROOT / "docker"
    assert (compose_dir / mounts[CONF + "managed-schema.xml"]).resolve() == CONFIGSET
    assert (compose_dir / mounts[CONF + "synonyms.txt"]).resolve() == synonyms.SHIPPED


def test_the_shipped_synonyms_are_well_formed_and_cover_common_terms() -> None:
    text = synonyms.SHIPPED.read_text("utf-8")
    assert synonyms.check(text) == []
    rules = synonyms.parse(text)
    assert len([line for line in text.splitlines() if line.strip() and not line.startswith("#")]) >= 80
    assert "发展和改革委员会" in rules["发改委"]
    assert "个体工商户" in rules["个体户"]
    assert "人力资源和社会保障厅" in rules["人社厅"]
