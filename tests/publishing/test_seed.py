"""The demo data goes through the workflow: every personal-data file publishes masked."""
from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action
from stdnum.cn import ric

seed_generate = pytest.importorskip("seed.generate")
seed_load = pytest.importorskip("seed.load")

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
_ID = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def _cells(body: bytes, fmt: str) -> str:
    if fmt == "XLSX":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
                         for c in row if c is not None)
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:  # some demo uploads are GBK, as agencies send them
        return body.decode("gb18030")


def _valid_ids(text: str) -> list[str]:
    """Resident IDs: MOD 11-2 check digit and a real birth date (credit codes have neither)."""
    found = []
    for m in _ID.findall(text):
        try:
            born = dt.date(int(m[6:10]), int(m[10:12]), int(m[12:14]))
        except ValueError:
            continue
        if 1900 <= born.year <= 2030 and ric.calc_check_digit(m[:17]) == m[17].upper():
            found.append(m)
    return found


def test_demo_files_publish_masked(app) -> None:  # type: ignore[no-untyped-def]
    factories.Sysadmin(name="admin")
    seeded = seed_generate.build()
    seed_load.load(seeded, seed_load.Loader("admin", out=lambda _line: None))

    public = call_action("package_search", {"user": ""}, rows=1000, include_private=False)
    assert public["count"] >= 40
    raw = {r.filename: r.content for d in seeded.datasets for r in d.resources}
    checked = masked = restricted = 0
    token = call_action("api_token_create", {"user": "admin"}, user="admin", name="t")["token"]
    for pkg in public["results"]:
        flow = call_action("govopen_dataset_workflow_show", {"user": ""}, id=pkg["id"])
        assert flow["state"] == "published"
        for res in pkg["resources"]:
            if res.get("url_type") != "upload":
                continue
            assert next(r for r in flow["resources"] if r["id"] == res["id"])["status"] == "passed"
            url = f"/dataset/{pkg['name']}/resource/{res['id']}/download"
            if pkg.get("open_type") in ("conditional", "not_open"):
                # Restricted: not for the public; the provider (here: a sysadmin) reads it.
                assert app.get(url, status=None).status_code == 403, res["name"]
                restricted += 1
                response = app.get(url, headers={"Authorization": token})
            else:
                response = app.get(url)
            assert response.status_code == 200
            text = _cells(response.data, res["format"])
            original = _cells(raw[res["url"].rsplit("/", 1)[-1]], res["format"])
            assert _valid_ids(text) == [], res["name"]
            assert _MOBILE.findall(text) == [], res["name"]
            checked += 1
            masked += bool(_valid_ids(original) or _MOBILE.findall(original))
    assert checked == sum(len(d.resources) for d in seeded.datasets)
    assert masked >= 10, "the demo holds personal-data files, and they were masked"
    assert restricted >= 12, "the demo's conditional and not-open files are all closed"
