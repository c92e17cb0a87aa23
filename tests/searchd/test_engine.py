"""The index behind the HTTP API: slot registry, overflow fields, rebuilds, concurrency."""
from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from ckanext.govopen.searchd import fields
from ckanext.govopen.searchd.engine import Engine
from ckanext.govopen.searchd.errors import SolrError
from ckanext.govopen.searchd.params import Params
from ckanext.govopen.searchd.schema import Schema, default_schema_path
from ckanext.govopen.searchd.search import select
from ckanext.govopen.searchd.server import SearchServer

from .conftest import Client, make_doc


@pytest.fixture
def schema() -> Schema:
    return Schema(default_schema_path())


def query(engine: Engine, **params: object) -> dict:
    pairs = [(k.replace("__", "."), str(v)) for k, vs in params.items()
             for v in (vs if isinstance(vs, list) else [vs])]
    return select(engine, Params(pairs))


def test_overflowing_slots_stay_searchable_and_facetable(
        tmp_path: Path, schema: Schema, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(fields.POOLS, "s", 15)
    monkeypatch.setitem(fields.POOLS, "d", 3)
    engine = Engine(tmp_path, schema)
    try:
        extra = {f"custom_{i}": f"v{i % 3}" for i in range(20)}
        extra.update({f"when{i}_date": f"202{i}-01-01T00:00:00Z" for i in range(5)})
        engine.add([make_doc(f"d{i}", **extra, rank=str(i)) for i in range(4)])
        engine.commit()
        assert not engine.registry.get("custom_19").native  # type: ignore[union-attr]
        assert query(engine, q="custom_19:v1")["response"]["numFound"] == 4
        assert query(engine, q="custom_19:v*")["response"]["numFound"] == 4
        assert query(engine, q="custom_19:[v0 TO v2]")["response"]["numFound"] == 4
        assert query(engine, q="when4_date:[2023-06-01T00:00:00Z TO *]")[
            "response"]["numFound"] == 4
        res = query(engine, q="*:*", facet="true", facet__field=["custom_19", "when4_date"],
                    rows=0)
        assert res["facet_counts"]["facet_fields"] == {
            "custom_19": ["v1", 4], "when4_date": ["2024-01-01T00:00:00Z", 4]}
        names = [d["name"] for d in query(engine, q="*:*", sort="rank desc", fl="name")[
            "response"]["docs"]]
        assert names == ["d3", "d2", "d1", "d0"]  # sorted in Python, not natively
    finally:
        engine.close()


def test_registry_is_freed_when_the_index_empties(tmp_path: Path, schema: Schema) -> None:
    engine = Engine(tmp_path, schema)
    try:
        engine.add([make_doc("a", random_key_1="x")])
        engine.commit()
        assert engine.registry.get("random_key_1") is not None
        engine.delete_query("*:*")
        engine.commit()
        assert engine.registry.names() == []
        assert json.loads((tmp_path / "fields.json").read_text())["fields"] == {}
    finally:
        engine.close()


def test_layout_change_rebuilds_from_stored_documents(tmp_path: Path, schema: Schema) -> None:
    engine = Engine(tmp_path, schema)
    engine.add([make_doc("a", title="营业执照", owner_org="o1"), make_doc("b")])
    engine.commit()
    engine.close()
    registry = tmp_path / "fields.json"
    registry.write_text(json.dumps({"layout": -1, "fields": {}}))
    engine = Engine(tmp_path, schema)
    try:
        assert query(engine, q="title:营业执照", fl="name")["response"]["docs"] == [
            {"name": "a"}]
        res = query(engine, q="*:*", facet="true", facet__field="owner_org")
        assert res["facet_counts"]["facet_fields"]["owner_org"] == ["o1", 1]
        assert json.loads(registry.read_text())["layout"] == fields.LAYOUT
    finally:
        engine.close()


def test_concurrent_readers_and_writers(server: SearchServer) -> None:
    errors: list[str] = []
    client = Client(server.base_url)
    client.add([make_doc(f"seed{i}", title="数据 water") for i in range(20)])

    def reader() -> None:
        c = Client(server.base_url)
        for _ in range(40):
            resp = c.select_raw({"q": "数据", "defType": "dismax", "qf": "title text",
                                 "facet": "true", "facet.field": "tags", "rows": 5})
            if resp.status_code != 200 or resp.json()["response"]["numFound"] < 20:
                errors.append(resp.text)

    def writer(n: int) -> None:
        c = Client(server.base_url)
        for i in range(10):
            resp = c.add([make_doc(f"w{n}-{i}", title="数据", tags=[f"t{i}"])])
            if resp.status_code != 200:
                errors.append(resp.text)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    threads += [threading.Thread(target=writer, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert client.select(q="*:*", rows=0)["response"]["numFound"] == 40


def test_queued_writes_apply_in_order_and_only_a_commit_shows_them(
        tmp_path: Path, schema: Schema) -> None:
    """Adds are acknowledged before the indexer has run them; order and visibility hold."""
    engine = Engine(tmp_path, schema)
    try:
        engine.add([make_doc("gone", title="旧")])
        engine.delete_ids(["idx-gone"])
        engine.add([make_doc("kept", title="第一版")])
        engine.add([make_doc("kept", title="第二版")])
        engine.add([make_doc(f"q{i}", owner_org="drop") for i in range(50)])
        engine.delete_query("owner_org:drop")
        engine.add([make_doc("late", owner_org="drop")])
        assert query(engine, q="*:*")["response"]["numFound"] == 0
        engine.commit()
        docs = query(engine, q="*:*", fl="name title", sort="name asc")["response"]["docs"]
        assert docs == [{"name": "kept", "title": "第二版"}, {"name": "late", "title": "late"}]
    finally:
        engine.close()


def test_a_bad_document_is_refused_before_anything_is_queued(
        tmp_path: Path, schema: Schema) -> None:
    engine = Engine(tmp_path, schema)
    try:
        with pytest.raises(SolrError) as info:
            engine.add([make_doc("fine"), make_doc("bad", metadata_modified="not a date")])
        assert info.value.code == 400
        engine.commit()
        assert query(engine, q="*:*")["response"]["numFound"] == 0
    finally:
        engine.close()


def test_close_commits_what_was_queued(tmp_path: Path, schema: Schema) -> None:
    engine = Engine(tmp_path, schema)
    for i in range(300):  # more writes than the queue holds
        engine.add([make_doc(f"d{i}")])
    engine.close()
    with pytest.raises(SolrError) as info:
        engine.add([make_doc("after")])
    assert info.value.code == 503
    engine = Engine(tmp_path, schema)
    try:
        assert query(engine, q="*:*")["response"]["numFound"] == 300
    finally:
        engine.close()
