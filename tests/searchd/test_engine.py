"""The index behind the HTTP API: slot registry, overflow fields, rebuilds, concurrency."""
from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from ckanext.govopen.searchd import fields
from ckanext.govopen.searchd.engine import Engine
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
