"""`ckan govopen reindex`: the parallel rebuild of the search index, run as a user runs it."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from ckan.lib import search
from ckan.tests import helpers

from tests.catalog.factories import CatalogDataset, CatalogOrganization

CKAN = str(Path(sys.executable).with_name("ckan"))


def _indexed_names() -> list[str]:
    result = helpers.call_action("package_search", q="*:*", rows=100, include_private=True)
    return sorted(d["name"] for d in result["results"])


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_two_workers_index_every_dataset_and_show_progress() -> None:
    org = CatalogOrganization()
    names = sorted(CatalogDataset(owner_org=org["id"])["name"] for _ in range(7))
    search.clear_all()
    assert _indexed_names() == []

    run = subprocess.run([CKAN, "-c", os.environ["CKAN_INI"], "govopen", "reindex",
                          "--workers", "2"], capture_output=True, text=True, timeout=300,
                         check=False)

    assert run.returncode == 0, run.stderr
    assert "Indexing dataset 7/7" in run.stdout
    assert "7 datasets indexed" in run.stdout
    assert _indexed_names() == names
    # What the search returns is the whole dataset, as package_show gives it.
    found = helpers.call_action("package_search", q=f"name:{names[0]}")["results"][0]
    assert found["resource_code"] == helpers.call_action("package_show", id=names[0])[
        "resource_code"]


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_an_unreachable_search_service_is_reported_dataset_by_dataset(tmp_path: Path) -> None:
    org = CatalogOrganization()
    ids = sorted(CatalogDataset(owner_org=org["id"])["id"] for _ in range(3))
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    ini = Path(os.environ["CKAN_INI"]).read_text()
    broken = tmp_path / "broken.ini"
    broken.write_text(re.sub(r"(?m)^solr_url = .*$",
                             f"solr_url = http://127.0.0.1:{port}/solr/ckan", ini))

    run = subprocess.run([CKAN, "-c", str(broken), "govopen", "reindex", "--workers", "2",
                          "--force", "--quiet"], capture_output=True, text=True, timeout=300,
                         check=False)

    assert run.returncode == 1
    reported = re.findall(r"Error while indexing dataset (\S+):", run.stderr)
    assert sorted(reported) == ids
    # The command ends with its own summary, not with an uncaught exception.
    assert run.stderr.strip().splitlines()[-1].startswith("0 of 3 datasets indexed")
