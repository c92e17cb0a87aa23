"""The demo data in the DataStore, as `make run` loads it (issue 17, done-when).

The whole demo seed is loaded once for this module (as tests/access/test_seeded_matrix.py
and tests/publishing/test_seed.py load it: ``seed.load`` with the workflow, files masked
inline), then the real job worker runs the DataStore loads publishing queued. For every
tabular file of every open (无条件开放) demo dataset: anonymous ``datastore_search`` and
``datastore_search_sql`` answer with as many rows as the public copy has, the fields carry
the data items' Chinese labels, the table is previewed on the resource page, and no resident
ID, mobile, bank card or e-mail appears in what the API returns, neither by the
desensitize core's validators nor as any identifier the raw upload held.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action
from ckanext.govopen.desensitize.verify import scan_text

from .conftest import api, burst_worker

seed_generate = pytest.importorskip("seed.generate")
seed_load = pytest.importorskip("seed.load")

pytestmark = pytest.mark.usefixtures("with_plugins")
TABULAR = ("CSV", "XLSX")
OPEN = "unconditional"
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _csv_rows(text: str) -> list[list[str]]:
    return [row for row in csv.reader(io.StringIO(text)) if any(c.strip() for c in row)]


def _xlsx_rows(body: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(body), read_only=True, data_only=True)
    try:
        rows = [["" if c is None else str(c) for c in row]
                for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()
    return [row for row in rows if any(c.strip() for c in row)]


def _rows(body: bytes, fmt: str, encoding: str | None = "utf-8-sig") -> list[list[str]]:
    """The file's non-empty rows as text cells, header first."""
    if fmt == "XLSX":
        return _xlsx_rows(body)
    return _csv_rows(body.decode(encoding or "utf-8-sig"))


def _identifiers(cells: Iterator[str]) -> set[str]:
    return {c.strip() for c in cells if c.strip() and scan_text(c)}


@pytest.fixture(scope="module")
def demo(reset_db, migrate_db_for, reset_index, reset_redis, reset_queues) -> Iterator[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """The demo portal with its DataStore loads done: loaded once for the module (a
    clean database, index, Redis and queues first, as clean_db and friends make them)."""
    import ckan.plugins

    ckan.plugins.load_all()
    try:
        reset_db()
        migrate_db_for("activity")
        migrate_db_for("govopen")
        reset_index()
        reset_redis()
        reset_queues()
        factories.Sysadmin(name="admin")
        catalog = seed_generate.build()
        seed_load.load(catalog, seed_load.Loader("admin", out=lambda _line: None))
        worker_log = burst_worker()
        found = call_action("package_search", {"user": "admin"}, q="*:*", rows=1000,
                            include_private=True, fq="+dataset_type:dataset")["results"]
        raw = {r.filename: r for d in catalog.datasets for r in d.resources}
        yield {"packages": found, "raw": raw, "catalog": catalog, "worker_log": worker_log}
    finally:
        ckan.plugins.unload_non_system_plugins()


def _tabular(packages: list[dict[str, Any]], open_type: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(pkg, res) for pkg in packages if pkg.get("open_type") == open_type
            for res in pkg["resources"] if (res.get("format") or "").upper() in TABULAR]


def _problems(app: Any, pkg: dict[str, Any], res: dict[str, Any], raw: list[list[str]]) -> list[str]:
    """What is wrong with one open demo table, as an anonymous client sees it."""
    download = app.get(f"/dataset/{pkg['name']}/resource/{res['id']}/download")
    if download.status_code != 200:
        return [f"download: {download.status_code}"]
    public = _rows(download.data, res["format"])
    search = api(app, "datastore_search", resource_id=res["id"], limit=10_000)
    sql = api(app, "datastore_search_sql", sql=f'SELECT * FROM "{res["id"]}" ORDER BY _id')
    if search.status_code != 200 or sql.status_code != 200:
        return [(f"datastore_search {search.status_code}, datastore_search_sql "
                 f"{sql.status_code}: {search.text[:300]}")]
    result, rows = search.json["result"], sql.json["result"]["records"]
    problems = []
    if not result["total"] == len(result["records"]) == len(rows) == len(public) - 1:
        problems.append(f"rows: search {result['total']}, SQL {len(rows)}, "
                        f"public copy {len(public) - 1}")
    labels = [f["info"]["label"] for f in result["fields"] if f["id"] != "_id"]
    headers = [h.lstrip("\ufeff").strip() for h in public[0]]
    if labels != headers or not _CJK.search(labels[0]):
        problems.append(f"labels {labels} for headers {headers}")
    # Columns of the file only: _full_text is PostgreSQL's word index of them (its
    # fragments of a public credit code would look like other numbers).
    values = [str(v) for record in (*result["records"], *rows)
              for k, v in record.items() if not k.startswith("_") and v is not None]
    found = sorted({v for v in values if scan_text(v)})
    if found:
        problems.append(f"identifiers in the answer: {found[:3]}")
    text = "\n".join(values)
    leaked = sorted(i for i in _identifiers(c for row in raw[1:] for c in row) if i in text)
    if leaked:
        problems.append(f"raw identifiers in the answer: {leaked[:3]}")
    views = call_action("resource_view_list", {"user": ""}, id=res["id"])
    if not any(v["view_type"] == "datatables_view" for v in views):
        problems.append("no table preview")
    return problems


def test_every_open_demo_table_is_queryable_and_masked(app, demo) -> None:  # type: ignore[no-untyped-def]
    tables = _tabular(demo["packages"], OPEN)
    expected = sum(1 for d in demo["catalog"].datasets if d.catalog.open_type == "无条件开放"
                   for r in d.resources if r.format in TABULAR)
    assert len(tables) == expected >= 40, "every open demo file is in the portal"
    problems = {}
    for pkg, res in tables:
        source = demo["raw"][res["url"].rsplit("/", 1)[-1]]
        found = _problems(app, pkg, res, _rows(source.content, source.format, source.encoding))
        if found:
            problems[f"{pkg['name']}/{res['name']} ({res['format']})"] = found
    assert not problems, problems


def test_the_demo_had_identifiers_to_mask(demo) -> None:  # type: ignore[no-untyped-def]
    """The scan above could pass on data holding nothing personal: it does not."""
    raw = [demo["raw"][res["url"].rsplit("/", 1)[-1]]
           for _pkg, res in _tabular(demo["packages"], OPEN)]
    holding = [r.filename for r in raw
               if _identifiers(c for row in _rows(r.content, r.format, r.encoding)[1:]
                               for c in row)]
    # Open data rarely holds personal data (the demo's personal files are restricted);
    # these two hold legal representatives' IDs and phones that masking must hide.
    assert {"social-organizations.csv", "wage-arrears-blacklist.csv"} <= set(holding), holding


def test_restricted_demo_tables_refuse_anonymous_queries(app, demo) -> None:  # type: ignore[no-untyped-def]
    tables = [*_tabular(demo["packages"], "conditional"), *_tabular(demo["packages"], "not_open")]
    assert len(tables) >= 10
    for pkg, res in tables:
        for action, data in (("datastore_search", {"resource_id": res["id"]}),
                             ("datastore_search_sql", {"sql": f'SELECT * FROM "{res["id"]}"'})):
            answer = api(app, action, **data)
            assert answer.status_code == 403, (pkg["name"], action, answer.status_code)


@pytest.mark.browser
def test_a_demo_resource_page_previews_its_table_with_chinese_headers(  # type: ignore[no-untyped-def]
        live_server: str, page: Any, demo) -> None:
    pkg, res = next((p, r) for p, r in _tabular(demo["packages"], OPEN)
                    if p["name"] == "household-population-by-county")
    page.goto(f"{live_server}/dataset/{pkg['name']}/resource/{res['id']}")
    preview = page.frame_locator("iframe").first
    headers = preview.locator("#dtprv thead th")
    headers.filter(has_text="行政区划代码").first.wait_for(state="attached", timeout=60_000)
    texts = [t.strip() for t in headers.all_text_contents()]
    for label in ("行政区划代码", "地区", "所属市"):
        assert any(label in t for t in texts), texts
    body = preview.locator("#dtprv tbody")
    body.filter(has_text="太原市").first.wait_for(timeout=45_000)
