"""Downloads are counted by the server per resource and day, whoever downloads and by
whichever route (browser or API token); refused downloads are not counted."""
from __future__ import annotations

import threading

import pytest
from ckan import model
from ckan.tests.helpers import call_action
from ckanext.govopen.usage import model as usage

from .test_gate_downloads import OPEN_CSV, ROUTES, _get

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")


def _total(dataset) -> int:  # type: ignore[no-untyped-def]
    return call_action("govopen_download_counts", {"user": ""}, id=dataset["id"])["total"]


def test_each_download_counts_once(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    res = agency.upload(dataset, OPEN_CSV, filename="aqi.csv")
    run_worker()
    assert _get(app, agency, ROUTES[0], dataset, res).status_code == 403  # still private
    agency.publish(dataset)
    assert _total(dataset) == 0, "a refused download is not counted"
    for n, route in enumerate(ROUTES, start=1):
        assert _get(app, agency, route, dataset, res).status_code == 200
        assert _total(dataset) == n
    assert _get(app, agency, ROUTES[0], dataset, res, agency.stranger).status_code == 200
    shown = app.get("/api/3/action/govopen_download_counts", params={"id": dataset["name"]}).json
    counted = shown["result"]["resources"][res["id"]]
    assert counted["total"] == len(ROUTES) + 1 and len(counted["days"]) == 1


def test_concurrent_downloads_lose_no_count(agency) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()

    def download_many() -> None:
        for _ in range(25):
            usage.record(dataset["id"], "r-1")
        model.Session.remove()

    threads = [threading.Thread(target=download_many) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert usage.totals(dataset["id"]) == {"r-1": 200}


def test_counts_of_a_private_dataset_are_not_shown(app, agency) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    refused = app.get("/api/3/action/govopen_download_counts", params={"id": dataset["id"]},
                      status=None)
    assert refused.status_code == 403
    listed = app.post("/api/3/action/govopen_download_counts", json={"id": ["x"]},
                      status=None)
    assert listed.status_code == 409
