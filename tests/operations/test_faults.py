"""Fault test: a whole `make run` portal under a steady load of 20 clients (loopback only),
each service killed with SIGKILL in turn. The portal must answer again without a manual
step, and every write acknowledged before or after a crash must still be there.

The numbers (errors during each outage, seconds to recovery) are printed and written to
``faults.json`` in the portal's var/ directory. Bounded: each outage waits at most
RECOVERY_LIMIT seconds, the load stops with the test.
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Self

import psutil
import pytest

from tests.catalog.factories import catalog_fields
from tests.test_make_run import ROOT, Portal

pytestmark = pytest.mark.slow

CLIENTS = 20
RECOVERY_LIMIT = 90.0
SERVICES = ("searchd", "postgresql", "redis", "worker", "web worker")


class Load:
    """CLIENTS readers (pages, API, search) and one writer creating datasets."""

    def __init__(self, url: str, token: str, org: str) -> None:
        self.url, self.token, self.org = url, token, org
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.log: list[tuple[float, bool]] = []   # (time, ok) of every request
        self.acknowledged: list[str] = []         # names of datasets the API confirmed
        self.threads = [threading.Thread(target=self._read, args=(i,), daemon=True)
                        for i in range(CLIENTS)]
        self.threads.append(threading.Thread(target=self._write, daemon=True))

    def _get(self, path: str, headers: dict[str, str] | None = None,
             data: bytes | None = None) -> tuple[int, bytes]:
        path = urllib.parse.quote(path, safe="/?=&:*,%")  # the Chinese queries
        request = urllib.request.Request(self.url + path, data=data, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()
        except OSError:
            return 0, b""

    def _record(self, ok: bool) -> None:
        with self.lock:
            self.log.append((time.monotonic(), ok))

    def _read(self, n: int) -> None:
        rng = random.Random(n)
        paths = ("/dataset/", "/api/3/action/package_search?q=数据", "/api/3/action/status_show",
                 "/api/3/action/package_list", "/organization/", "/")
        while not self.stop.is_set():
            status, _ = self._get(rng.choice(paths))
            self._record(status == 200)
            time.sleep(0.2)

    def _write(self) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            name = f"fault-{os.getpid()}-{n}"
            body = json.dumps({**catalog_fields(title=f"故障测试 {n}"), "name": name,
                               "owner_org": self.org}).encode()
            status, answer = self._get("/api/3/action/package_create", data=body, headers={
                "Authorization": self.token, "Content-Type": "application/json"})
            ok = status == 200 and json.loads(answer or b"{}").get("success") is True
            self._record(ok)
            if ok:
                with self.lock:
                    self.acknowledged.append(name)
            time.sleep(0.5)

    def errors_between(self, start: float, end: float) -> tuple[int, int]:
        with self.lock:
            window = [ok for t, ok in self.log if start <= t <= end]
        return sum(1 for ok in window if not ok), len(window)

    def __enter__(self) -> Self:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(40)


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[Portal]:
    p = Portal(tmp_path / "var")
    p.env["GOVOPEN_DEMO"] = "0"  # the writer makes the data; demo data takes minutes
    try:
        yield p
    finally:
        p.stop()


def _status(portal: Portal) -> dict[str, Any]:
    return json.loads((portal.var / "status.json").read_text())["services"]  # type: ignore[no-any-return]


def _ckan(portal: Portal, *args: str) -> str:
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "stack.py"), "ckan", *args],
                          env=portal.env, capture_output=True, text=True, timeout=120,
                          check=True)
    return done.stdout


def _victim(portal: Portal, service: str) -> int:
    if service == "web worker":  # one of gunicorn's workers: its master replaces it
        master = psutil.Process(_status(portal)["web"]["pid"])
        return int(master.children()[0].pid)
    return int(_status(portal)[service]["pid"])


def _answers(load: Load, service: str) -> bool:
    probes = {"searchd": "/api/3/action/package_search?q=*:*",
              "postgresql": "/api/3/action/package_list",
              "redis": "/api/3/action/status_show", "worker": "/api/3/action/status_show",
              "web worker": "/dataset/"}
    return load._get(probes[service])[0] == 200


def _recovered(portal: Portal, load: Load, service: str, restarts: int) -> bool:
    if service != "web worker":
        row = _status(portal)[service]
        if row["state"] != "running" or row["restarts"] <= restarts:
            return False
    return _answers(load, service)


def _make_org(portal: Portal, token: str) -> str:
    from tests.catalog.factories import credit_code

    body = json.dumps({"name": "fault-agency", "title": "山西省故障测试厅",
                       "title_en": "Fault Test Department", "credit_code": credit_code(1),
                       "org_level": "province", "contact_name": "李工",
                       "contact_phone": "0351-5550100"}).encode()
    request = urllib.request.Request(f"{portal.url}/api/3/action/organization_create", data=body,
                                     headers={"Authorization": token,
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as r:
        return str(json.load(r)["result"]["name"])


def test_each_service_killed_under_load_recovers_and_loses_no_write(portal: Portal) -> None:
    portal.start()
    token = _ckan(portal, "user", "token", "add", "admin", "faults").strip().splitlines()[-1].strip()
    org = _make_org(portal, token)
    results = []
    with Load(portal.url, token, org) as load:
        time.sleep(5)  # steady state first
        for service in SERVICES:
            restarts = (0 if service == "web worker" else _status(portal)[service]["restarts"])
            os.kill(_victim(portal, service), signal.SIGKILL)
            killed = time.monotonic()
            while not _recovered(portal, load, service, restarts):
                assert time.monotonic() - killed < RECOVERY_LIMIT, \
                    f"{service} did not recover:\n{portal.output[-2000:]}"
                time.sleep(0.2)
            back = time.monotonic()
            time.sleep(3)  # let in-flight requests settle before counting
            errors, total = load.errors_between(killed, back)
            results.append({"service": service, "recovery_s": round(back - killed, 1),
                            "errors": errors, "requests": total})
        time.sleep(10)  # writes after the last crash
    report = {"clients": CLIENTS, "acknowledged_writes": len(load.acknowledged),
              "outages": results}
    (portal.var / "faults.json").write_text(json.dumps(report, indent=1))
    print("\nservice      recovery_s  errors/requests during outage")
    for row in results:
        print(f"{row['service']:<12} {row['recovery_s']:>10}  {row['errors']}/{row['requests']}")
    assert portal.proc is not None and portal.proc.poll() is None, "the portal stopped"
    assert len(load.acknowledged) >= 5, "the writer got (almost) nothing acknowledged"
    missing: list[str] = []
    deadline = time.monotonic() + 60  # the index catches up after searchd's restart
    while time.monotonic() < deadline:
        missing = [name for name in load.acknowledged if load._get(
            f"/api/3/action/package_show?id={name}", {"Authorization": token})[0] != 200]
        found = json.loads(load._get(
            "/api/3/action/package_search?q=故障测试&rows=1000&include_private=true",
            {"Authorization": token})[1] or b"{}")
        indexed = {d["name"] for d in found.get("result", {}).get("results", [])}
        missing += [f"{name} (not indexed)" for name in load.acknowledged if name not in indexed]
        if not missing:
            break
        time.sleep(2)
    assert not missing, f"acknowledged writes lost: {missing[:10]}"
