"""Deleting a resource, dropping it from the dataset or purging the dataset removes its
stored files: the encrypted raw upload, the public masked copy and the report."""
from __future__ import annotations

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action
from ckanext.govopen.storage import files as storage
from ckanext.govopen.storage import records

from .conftest import PEOPLE_CSV

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")


def _files(resource_id: str) -> list[str]:
    return [kind for kind, path in (("raw", storage.raw_path(resource_id)),
                                    ("public", storage.public_path(resource_id)),
                                    ("report", storage.report_path(resource_id)))
            if path.exists()]


def _audit(agency, dataset):  # type: ignore[no-untyped-def]
    entries = agency.act(agency.reviewer, "govopen_audit_list", package_id=dataset["id"])
    return [(e["action"], e["resource_id"], e["detail"]) for e in entries["results"]]


def test_deleting_a_resource_removes_its_files(agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    gone = agency.upload(dataset, PEOPLE_CSV)
    kept = agency.upload(dataset, PEOPLE_CSV, filename="kept.csv")
    run_worker()
    assert _files(gone["id"]) == _files(kept["id"]) == ["raw", "public", "report"]

    agency.act(agency.editor, "resource_delete", id=gone["id"])
    assert _files(gone["id"]) == []
    assert records.get(gone["id"]) is None
    assert _files(kept["id"]) == ["raw", "public", "report"], "the other file is untouched"
    removed = [d for action, rid, d in _audit(agency, dataset)
               if action == "files_removed" and rid == gone["id"]]
    assert len(removed) == 1 and removed[0]["filename"] == "people.csv"
    assert removed[0]["sha256"]


def test_a_resource_dropped_by_package_update_loses_its_files(agency) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    dropped = agency.upload(dataset, PEOPLE_CSV)
    kept = agency.upload(dataset, PEOPLE_CSV, filename="kept.csv")
    assert _files(dropped["id"]) == ["raw"]  # still pending: the worker has not run
    current = call_action("package_show", id=dataset["id"])
    current["resources"] = [r for r in current["resources"] if r["id"] == kept["id"]]
    agency.act(agency.editor, "package_update", **current)
    assert _files(dropped["id"]) == [] and _files(kept["id"]) == ["raw"]


def test_purging_a_dataset_removes_every_file(agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    resources = [agency.upload(dataset, PEOPLE_CSV, filename=f"f{n}.csv") for n in range(2)]
    run_worker()
    agency.act(agency.editor, "package_delete", id=dataset["id"])
    # A deleted dataset can still be restored from the trash: its files stay until purged.
    assert all(_files(r["id"]) == ["raw", "public", "report"] for r in resources)

    admin = factories.Sysadmin()
    call_action("dataset_purge", {"user": admin["name"], "ignore_auth": False}, id=dataset["id"])
    assert all(_files(r["id"]) == [] and records.get(r["id"]) is None for r in resources)
    entries = call_action("govopen_audit_list", {"user": admin["name"]})["results"]
    purge = [e for e in entries if e["action"] == "purge" and e["package_id"] == dataset["id"]]
    assert len(purge) == 1 and sorted(purge[0]["detail"]["resources"]) == sorted(
        r["id"] for r in resources)
