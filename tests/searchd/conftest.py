"""Fixtures: an in-process searchd on a free port, a small HTTP client, sample documents."""
from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from ckanext.govopen.searchd.engine import Engine
from ckanext.govopen.searchd.schema import Schema, default_schema_path
from ckanext.govopen.searchd.server import SearchServer, make_server

SITE = "test.ckan.net"

# docs/search-contract.md §1, the body CKAN (with scheming + dcat) really sends; "…" filled in.
SPEC_DOC: dict[str, Any] = {
    "id": "0d8d5b2e-0000-4000-8000-000000000001", "name": "river-quality",
    "title": "River quality", "notes": "Monthly water samples from the river.",
    "license_id": "cc-by", "type": "dataset", "owner_org": "ebc2a1d0-0000-4000-8000-0000000000aa",
    "metadata_created": "2026-11-21T01:25:15.084496Z",
    "metadata_modified": "2026-11-21T01:25:15.084503Z", "private": False, "state": "active",
    "num_resources": 2, "organization": "test-org",
    "validated_data_dict": json.dumps({"name": "river-quality", "title": "River quality"}),
    "data_dict": json.dumps({"name": "river-quality"}),
    "title_string": "River quality", "extras_issued": "2024-01-15",
    "extras_theme": "[\"http://publications.europa.eu/resource/authority/data-theme/ENVI\"]",
    "tags": ["economy", "water quality"], "capacity": "public", "groups": ["test-group"],
    "res_name": ["report", "table"], "res_description": ["A report", None],
    "res_format": ["PDF", "CSV"],
    "res_url": ["http://example.com/r.pdf", "http://example.com/t.csv"],
    "res_type": [None, None], "entity_type": "package", "dataset_type": "dataset",
    "site_id": SITE, "index_id": "bc86a1d0c0ffee00000000000000beef",
    "permission_labels": ["public"],
}


def make_doc(name: str, **fields: Any) -> dict[str, Any]:
    """A minimal CKAN-like dataset document; `fields` override or add."""
    doc: dict[str, Any] = {
        "id": f"id-{name}", "name": name, "title": name, "site_id": SITE,
        "index_id": f"idx-{name}", "entity_type": "package", "dataset_type": "dataset",
        "state": "active", "capacity": "public", "permission_labels": ["public"],
        "metadata_created": "2025-01-01T00:00:00Z", "metadata_modified": "2025-01-01T00:00:00Z",
    }
    doc.update(fields)
    if "title" in doc and "title_string" not in doc:
        doc["title_string"] = doc["title"]
    return doc


class Client:
    def __init__(self, base: str, auth: tuple[str, str] | None = None) -> None:
        self.base = base
        self.http = requests.Session()
        self.http.auth = auth

    def get(self, path: str, params: Any = None) -> requests.Response:
        return self.http.get(f"{self.base}/{path}", params=params, timeout=30)

    def post(self, path: str, data: Any, content_type: str,
             params: Any = None) -> requests.Response:
        return self.http.post(f"{self.base}/{path}", data=data, params=params, timeout=30,
                              headers={"Content-Type": content_type})

    def select_raw(self, params: Any) -> requests.Response:
        return self.get("select/", params)

    def select(self, **params: Any) -> dict[str, Any]:
        pairs: list[tuple[str, Any]] = []
        for key, value in params.items():
            key = key.replace("__", ".")
            for item in value if isinstance(value, list) else [value]:
                pairs.append((key, item))
        resp = self.select_raw(pairs)
        assert resp.status_code == 200, resp.text
        return resp.json()

    def names(self, **params: Any) -> list[str]:
        params.setdefault("fl", "name")
        params.setdefault("rows", 1000)
        return [d.get("name") for d in self.select(**params)["response"]["docs"]]

    def add(self, docs: list[dict[str, Any]], commit: bool = True) -> requests.Response:
        return self.post("update/", json.dumps(docs), "application/json",
                         {"commit": "true"} if commit else None)

    def xml(self, body: str, commit: bool = False) -> requests.Response:
        return self.post("update/", body.encode("utf-8"), "text/xml; charset=utf-8",
                         {"commit": "true"} if commit else None)

    def commit(self) -> requests.Response:
        return self.xml("<commit />", commit=True)


def start_server(data_dir: Path, **kwargs: Any) -> tuple[SearchServer, threading.Thread]:
    engine = Engine(data_dir, Schema(default_schema_path()))
    server = make_server(engine, "127.0.0.1", 0, **kwargs)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


def stop_server(server: SearchServer) -> None:
    server.shutdown()
    server.server_close()
    server.engine.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SearchServer]:
    srv, _ = start_server(tmp_path / "search")
    yield srv
    stop_server(srv)


@pytest.fixture
def solr(server: SearchServer) -> Client:
    return Client(server.base_url)


@pytest.fixture
def spec_doc() -> dict[str, Any]:
    return json.loads(json.dumps(SPEC_DOC))
