"""HTTP surface, auth, and the process: durability after kill -9, clean SIGTERM."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import xml.dom.minidom
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from .conftest import Client, make_doc, start_server, stop_server


def test_paths_with_and_without_slash(solr: Client) -> None:
    for path in ["select", "select/"]:
        assert solr.get(path, {"q": "*:*", "rows": 1, "wt": "json"}).status_code == 200
    for path in ["schema", "schema/"]:
        resp = solr.get(path, {"wt": "schema.xml"})
        assert resp.status_code == 200
        root = xml.dom.minidom.parseString(resp.content).documentElement
        assert root.getAttribute("name") == "ckan-2.11"
    resp = solr.get("admin/file/", {"file": "schema.xml"})
    assert resp.status_code == 200 and b'name="ckan-2.11"' in resp.content
    assert solr.get("admin/ping").json()["status"] == "OK"
    assert solr.get("schema").json()["schema"]["uniqueKey"] == "index_id"
    resp = solr.get("no/such/handler")
    assert resp.status_code == 404 and resp.json()["error"]["code"] == 404
    resp = requests.get(solr.base.replace("/solr/ckan", "/solr/other") + "/select", timeout=5)
    assert resp.status_code == 404


@pytest.fixture
def secured(tmp_path: Path) -> Iterator[str]:
    srv, _ = start_server(tmp_path / "s", user="ckan", password="s3cret:x")
    yield srv.base_url
    stop_server(srv)


def test_basic_auth(secured: str) -> None:
    assert requests.get(f"{secured}/select?q=*:*", timeout=5).status_code == 401
    bad = requests.get(f"{secured}/select?q=*:*", auth=("ckan", "nope"), timeout=5)
    assert bad.status_code == 401 and bad.json()["error"]["code"] == 401
    good = Client(secured, auth=("ckan", "s3cret:x"))
    assert good.add([make_doc("a")]).status_code == 200
    assert good.select(q="*:*")["response"]["numFound"] == 1
    # CKAN puts the credentials into the URL; requests turns them into the same header
    host = secured.replace("http://", "http://ckan:s3cret%3Ax@")
    assert requests.get(f"{host}/select?q=*:*", timeout=5).status_code == 200


def _spawn(data_dir: Path) -> tuple[subprocess.Popen[str], str]:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "ckanext.govopen.searchd", "--data-dir", str(data_dir),
         "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.startswith("searchd listening on http://127.0.0.1:"), line
    return proc, line.split(" on ", 1)[1].strip()


def test_committed_documents_survive_kill_9(tmp_path: Path) -> None:
    proc, url = _spawn(tmp_path / "d")
    try:
        client = Client(url)
        assert client.add([make_doc("kept", title="营业执照")]).status_code == 200
        client.add([make_doc("pending")], commit=False)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    proc, url = _spawn(tmp_path / "d")
    try:
        client = Client(url)
        assert client.names(q="title:营业执照", df="text") == ["kept"]
        # the slot registry survived too: facets and sorts on the dynamic field still work
        assert client.add([make_doc("more", owner_org="o1")]).status_code == 200
        res = client.select(q="*:*", facet="true", facet__field="owner_org", sort="name asc")
        assert res["facet_counts"]["facet_fields"]["owner_org"] == ["o1", 1]
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)


def test_sigterm_shuts_down_cleanly_and_keeps_pending_work(tmp_path: Path) -> None:
    proc, url = _spawn(tmp_path / "d")
    Client(url).add([make_doc("pending")], commit=False)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=20) == 0
    proc, url = _spawn(tmp_path / "d")
    try:
        assert Client(url).names(q="*:*") == ["pending"]
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0


def test_second_instance_on_same_data_dir_fails_cleanly(tmp_path: Path) -> None:
    proc, _url = _spawn(tmp_path / "d")
    try:
        second = subprocess.run(
            [sys.executable, "-m", "ckanext.govopen.searchd", "--data-dir",
             str(tmp_path / "d"), "--port", "0"], check=False, capture_output=True, text=True,
            timeout=60)
        assert second.returncode == 2
        assert "cannot open the index" in second.stderr
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
