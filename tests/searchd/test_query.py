"""The Lucene / DisMax parser and local params, without an index."""
from __future__ import annotations

import pytest
from ckanext.govopen.searchd.errors import SolrError
from ckanext.govopen.searchd.localparams import split_local_params
from ckanext.govopen.searchd.query import (
    MUST,
    MUST_NOT,
    SHOULD,
    STAR,
    Bool,
    MatchAll,
    Range,
    Term,
    parse_dismax,
    parse_lucene,
)
from ckanext.govopen.searchd.translate import min_should_match


def occurs(node: object) -> list[str]:
    assert isinstance(node, Bool)
    return [o for o, _ in node.clauses]


def test_match_all_and_fields() -> None:
    assert isinstance(parse_lucene("*:*", True), MatchAll)
    assert parse_lucene('tags: "x y"', True) == Term("tags", "x y", "phrase")
    assert parse_lucene("name:foo-bar", True) == Term("name", "foo-bar")
    assert parse_lucene(r"title:Seymour\: An", False).clauses[0][1] == Term("title", "Seymour:")


@pytest.mark.parametrize("q, op_and, expected", [
    ("a b", True, [MUST, MUST]),
    ("a b", False, [SHOULD, SHOULD]),
    ("a OR b", True, [SHOULD, SHOULD]),
    ("a AND b", False, [MUST, MUST]),
    ("a b OR c", True, [MUST, SHOULD, SHOULD]),  # Lucene's classic quirk
    ("+a -b c", False, [MUST, MUST_NOT, SHOULD]),
    ("a AND NOT b", False, [MUST, MUST_NOT]),
    ("a && !b", False, [MUST, MUST_NOT]),
])
def test_boolean_rules(q: str, op_and: bool, expected: list[str]) -> None:
    assert occurs(parse_lucene(q, op_and)) == expected


def test_ckan_delete_query_shape() -> None:
    node = parse_lucene('+entity_type:package AND +(id:"X" OR name:"X") AND +site_id:"S"',
                        False)
    assert occurs(node) == [MUST, MUST, MUST]
    assert occurs(node.clauses[1][1]) == [SHOULD, SHOULD]  # type: ignore[union-attr]


def test_pure_negative_and_groups() -> None:
    assert occurs(parse_lucene("-dataset_type:harvest", True)) == [MUST_NOT]
    group = parse_lucene("license_id:(a OR b)^2", True)
    assert isinstance(group, Bool) and group.boost == 2.0
    assert [c.field for _, c in group.clauses] == ["license_id", "license_id"]  # type: ignore[attr-defined]


def test_ranges_wildcards_fuzzy_proximity_regex() -> None:
    assert parse_lucene("m:[2026-01-01T00:00:00Z TO NOW]", True) == Range(
        "m", "2026-01-01T00:00:00Z", "NOW")
    assert parse_lucene("v:{* TO 5]", True) == Range("v", None, "5", False, True)
    assert parse_lucene('v:["*" TO *]', True) == Range("v", "*", None)
    assert parse_lucene("title:won*", True) == Term("title", "won" + STAR, "wildcard")
    assert parse_lucene(r"title:won\*", True) == Term("title", "won*")
    assert parse_lucene("x~1", True) == Term(None, "x", "fuzzy", fuzzy=1.0)
    assert parse_lucene('"a b"~3^2', True) == Term(None, "a b", "phrase", slop=3, boost=2.0)
    assert parse_lucene("name:/ri.*r/", True) == Term("name", "ri.*r", "regex")


@pytest.mark.parametrize("q", ["(a", "a)", "a AND", "AND a", "x^", '"open', "f:", "[a TO b",
                               "Pop!", "a:b:c", "--x", "title:-1"])
def test_lucene_syntax_errors(q: str) -> None:
    with pytest.raises(SolrError) as err:
        parse_lucene(q, True)
    assert err.value.code == 400 and "Cannot parse" in err.value.msg


def test_dismax_treats_specials_as_text() -> None:
    node = parse_dismax('water (quality) title:x "a b" -no +yes')
    assert isinstance(node, Bool)
    assert [(o, c.text) for o, c in node.clauses] == [  # type: ignore[attr-defined]
        (SHOULD, "water"), (SHOULD, "(quality)"), (SHOULD, "title:x"), (SHOULD, "a b"),
        (MUST_NOT, "no"), (MUST, "yes")]
    assert parse_dismax('a "b') == parse_dismax("a b")  # unbalanced quotes dropped
    assert parse_dismax("a --b") == parse_dismax("a b")  # stray operators trimmed
    with pytest.raises(SolrError):
        parse_dismax("--included")


@pytest.mark.parametrize("count, spec, expected", [
    (1, "2<-1 5<80%", 1), (2, "2<-1 5<80%", 2), (3, "2<-1 5<80%", 2), (5, "2<-1 5<80%", 4),
    (6, "2<-1 5<80%", 4), (10, "2<-1 5<80%", 8), (4, "100%", 4), (4, "0%", 0), (4, "-1", 3),
    (4, "2", 2), (4, "-25%", 3), (3, "9", 3),
])
def test_min_should_match(count: int, spec: str, expected: int) -> None:
    assert min_should_match(count, spec) == expected


def test_bad_mm_is_a_400() -> None:
    with pytest.raises(SolrError):
        min_should_match(3, "abc")


def test_local_params() -> None:
    params, body = split_local_params("{!dismax qf='title name' mm=2}water")
    assert params == {"type": "dismax", "qf": "title name", "mm": "2"} and body == "water"
    params, body = split_local_params("{!bool must=a must=b should='c d'}")
    assert params.all("must") == ["a", "b"] and params["should"] == "c d"
    params, body = split_local_params("{!type=lucene v='x y'}")
    assert params["type"] == "lucene" and body == "x y"
    assert split_local_params("plain") == ({}, "plain")
    with pytest.raises(SolrError):
        split_local_params("{!dismax qf=x")
