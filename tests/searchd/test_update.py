"""/update: JSON and XML commands, Solr's validation, commits."""
from __future__ import annotations

import json
from typing import Any

import pytest

from .conftest import SITE, Client, make_doc


def count(solr: Client, q: str = "*:*") -> int:
    return solr.select(q=q, rows=0)["response"]["numFound"]


def test_spec_body_is_accepted(solr: Client, spec_doc: dict[str, Any]) -> None:
    resp = solr.add([spec_doc])
    assert resp.status_code == 200, resp.text
    assert resp.json()["responseHeader"]["status"] == 0
    assert count(solr) == 1


def test_same_unique_key_replaces(solr: Client) -> None:
    solr.add([make_doc("a", title="first")])
    solr.add([make_doc("a", title="second")])
    docs = solr.select(q="*:*", fl="title")["response"]["docs"]
    assert docs == [{"title": "second"}]


@pytest.mark.parametrize("change, needle", [
    ({"id": None}, "missing required field: id"),
    ({"site_id": None}, "missing required field: site_id"),
    ({"index_id": None}, "uniqueKey"),
    ({"title": ["a", "b"]}, "multiple values encountered for non multiValued field title"),
    ({"owner_org": ["a", "b"]}, "multiple values"),
    ({"metadata_modified": "yesterday"}, "Invalid Date String"),
    ({"extras_x": [{"a": 1}]}, "extras_x"),
    ({"res_extras_y": [{"a": 1}, {"b": 2}]}, "res_extras_y"),
    ({"views_recent": "many"}, "views_recent"),
])
def test_invalid_documents_get_400(solr: Client, change: dict[str, Any], needle: str) -> None:
    doc = make_doc("bad")
    for key, value in change.items():
        if value is None:
            doc.pop(key)
        else:
            doc[key] = value
    resp = solr.add([make_doc("good"), doc])
    assert resp.status_code == 400
    body = resp.json()
    assert body["responseHeader"]["status"] == 400
    assert body["error"]["code"] == 400
    assert needle in body["error"]["msg"]
    assert count(solr) == 0  # the whole request is rejected, not half of it


def test_empty_and_null_values_are_dropped(solr: Client) -> None:
    solr.add([make_doc("a", notes="", res_type=[None, None], author=None)])
    doc = solr.select(q="*:*", fl="*")["response"]["docs"][0]
    assert "notes" not in doc and "res_type" not in doc and "author" not in doc


def test_deferred_commit_becomes_visible_on_commit(solr: Client) -> None:
    solr.add([make_doc("later")], commit=False)
    assert count(solr) == 0
    assert solr.commit().status_code == 200
    assert count(solr) == 1


def test_ckan_delete_queries(solr: Client) -> None:
    solr.add([make_doc("a"), make_doc("b"), make_doc("c", site_id="other.site")])
    resp = solr.xml('<delete><query>+entity_type:package AND +(id:"id-a" OR name:"id-a") '
                    f'AND +site_id:"{SITE}"</query></delete>', commit=True)
    assert resp.status_code == 200
    assert sorted(solr.names(q="*:*")) == ["b", "c"]
    solr.xml("<delete><id>idx-b</id></delete>")
    solr.commit()
    assert solr.names(q="*:*") == ["c"]
    solr.add([make_doc("d")])
    solr.xml(f'<delete><query>+site_id:"{SITE}"</query></delete>')
    solr.xml("<commit />")
    assert solr.names(q="*:*") == ["c"]


def test_delete_then_add_in_one_uncommitted_batch(solr: Client) -> None:
    solr.add([make_doc("a")])
    solr.xml('<delete><query>*:*</query></delete>')
    solr.add([make_doc("b")], commit=False)
    solr.commit()
    assert solr.names(q="*:*") == ["b"]


def test_json_commands_and_xml_add(solr: Client) -> None:
    body = {"add": {"doc": make_doc("j1")}, "commit": {}}
    assert solr.post("update", json.dumps(body), "application/json").status_code == 200
    assert solr.names(q="*:*") == ["j1"]
    xml = ("<add><doc><field name=\"id\">x1</field><field name=\"index_id\">x1</field>"
           f"<field name=\"site_id\">{SITE}</field><field name=\"name\">x1</field>"
           "<field name=\"tags\">a</field><field name=\"tags\">b</field></doc></add>")
    assert solr.xml(xml, commit=True).status_code == 200
    assert solr.select(q="name:x1", fl="tags")["response"]["docs"] == [{"tags": ["a", "b"]}]
    body2 = {"delete": {"query": "name:x1"}}
    solr.post("update", json.dumps(body2), "application/json", {"commit": "true"})
    assert solr.names(q="*:*") == ["j1"]
    assert solr.post("update", "<add><doc>", "text/xml").status_code == 400
    assert solr.post("update", "{not json", "application/json").status_code == 400
    assert solr.post("update", '{"frobnicate": {}}', "application/json").status_code == 400


def test_optimize_and_empty_commit(solr: Client) -> None:
    solr.add([make_doc("a")], commit=False)
    assert solr.xml("<optimize />", commit=True).status_code == 200
    assert count(solr) == 1
    assert solr.post("update/", b"", "application/json", {"commit": "true"}).status_code == 200
