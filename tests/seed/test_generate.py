"""The demo catalog: deterministic, complete, and internally consistent."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from stdnum.cn import uscc

from seed import geo, ids
from seed.generate import build
from seed.model import (
    OPEN_TYPES,
    SHARING_METHODS,
    SHARING_TYPES,
    UPDATE_CYCLES,
    Catalog,
    Dataset,
    Resource,
)

ROOT = Path(__file__).resolve().parents[2]
# CKAN's default license register (ckan/model/license.py)
CKAN_LICENSES = {
    "notspecified", "odc-pddl", "odc-odbl", "odc-by", "cc-zero", "cc-by", "cc-by-sa", "gfdl",
    "other-open", "other-pd", "other-at", "uk-ogl", "cc-nc", "other-nc", "other-closed",
}
NAME_RE = re.compile(r"^[a-z0-9_-]{2,100}$")
TAG_RE = re.compile(r"^[\w \-.]{2,100}$")


def _digest(catalog: Catalog) -> str:
    h = hashlib.sha256()
    for ds in catalog.datasets:
        h.update(repr(ds.catalog).encode())
        for res in ds.resources:
            h.update(res.filename.encode() + res.content)
    return h.hexdigest()


def _table(res: Resource) -> tuple[list[str], list[list[str]]]:
    """Header and rows as text, read strictly as a consumer would."""
    if res.format == "XLSX":
        ws = openpyxl.load_workbook(io.BytesIO(res.content)).active
        rows = [["" if v is None else str(v) for v in r] for r in ws.iter_rows(values_only=True)]
    else:
        assert res.encoding
        rows = list(csv.reader(io.StringIO(res.content.decode(res.encoding, errors="strict"))))
    return rows[0], rows[1:]


def _columns(ds: Dataset, personal: str) -> list[str]:
    return [d.label_zh for d in ds.catalog.data_items if d.personal == personal]


def _values(catalog: Catalog, wanted: str) -> list[str]:
    """Every cell of every data file whose column holds `wanted` (by ground truth)."""
    out = []
    for ds in catalog.datasets:
        cols = set(_columns(ds, wanted))
        for res in ds.resources:
            header, rows = _table(res)
            idx = [i for i, h in enumerate(header) if h in cols]
            out.extend(row[i] for row in rows for i in idx)
    return out


def test_two_builds_are_equal(catalog: Catalog) -> None:
    assert build() == catalog


def test_files_are_identical_in_another_process() -> None:
    """No hash randomization, clock or environment leaks into the files."""
    code = ("from tests.seed.test_generate import _digest; from seed.generate import build; "
            "print(_digest(build()))")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=True).stdout.strip()
    assert out == _digest(build())


def test_enough_datasets_spread_over_departments_and_libraries(catalog: Catalog) -> None:
    assert len(catalog.datasets) >= 45
    orgs = {o.name for o in catalog.organizations}
    libs = {g.name for g in catalog.groups}
    assert len(orgs) >= 10 and len(libs) == 6
    per_org = Counter(ds.owner_org for ds in catalog.datasets)
    per_lib = Counter(g for ds in catalog.datasets for g in ds.groups)
    assert set(per_org) == orgs, "every department publishes something"
    assert set(per_lib) == libs, "every base library holds datasets"
    assert min(per_lib.values()) >= 5


def test_every_reference_exists(catalog: Catalog) -> None:
    orgs = {o.name for o in catalog.organizations}
    libs = {g.name for g in catalog.groups}
    for ds in catalog.datasets:
        assert ds.owner_org in orgs
        assert set(ds.groups) <= libs


def test_names_titles_tags_and_licenses_are_what_ckan_accepts(catalog: Catalog) -> None:
    names = [ds.name for ds in catalog.datasets] + [o.name for o in catalog.organizations]
    names += [g.name for g in catalog.groups]
    assert len(names) == len(set(names))
    for ds in catalog.datasets:
        assert NAME_RE.match(ds.name), ds.name
        assert ds.title and ds.notes
        assert ds.tags and all(TAG_RE.match(t) for t in ds.tags), ds.tags
        assert ds.license_id in CKAN_LICENSES
        assert 1 <= len(ds.resources) <= 2
        assert len({r.name for r in ds.resources}) == len(ds.resources)
    files = [r.filename for ds in catalog.datasets for r in ds.resources]
    assert len(files) == len(set(files))


def test_organizations_carry_valid_agency_credit_codes(catalog: Catalog) -> None:
    for org in catalog.organizations:
        assert org.credit_code.startswith("11140000")
        assert uscc.is_valid(org.credit_code) and ids.is_valid_uscc(org.credit_code)
        extras = org.extras()
        assert extras["credit_code"] == org.credit_code and extras["level"] == "省级"
        assert extras["title_en"] == org.title_en and extras["contact_phone"].startswith("0351-")
        assert re.search("[A-Za-z]", org.title_en) and org.title.startswith("省")
    for group in catalog.groups:
        assert group.title.endswith("库") and group.title_en


def test_catalog_values_use_the_vocabularies(catalog: Catalog) -> None:
    for ds in catalog.datasets:
        cat = ds.catalog
        assert cat.update_cycle in UPDATE_CYCLES
        assert cat.open_type in OPEN_TYPES
        assert cat.sharing_type in SHARING_TYPES
        assert set(cat.sharing_method) <= set(SHARING_METHODS) and cat.sharing_method
        assert re.fullmatch(r"[123]\d{5}", cat.classification)
        assert cat.secrecy == "非涉密"
        assert cat.division_code == geo.PROVINCE_CODE
        assert cat.release_date <= cat.data_update_date <= "2025-06-30"
        assert cat.formats == tuple(sorted({r.format for r in ds.resources}))
        # Shanxi art. 12-13: restricted entries say why and on what legal basis.
        if cat.open_type != "无条件开放":
            assert cat.open_reason and cat.open_legal_basis
        if cat.open_type == "有条件开放":
            assert cat.open_condition
        if cat.sharing_type != "无条件共享":
            assert cat.sharing_reason and cat.sharing_legal_basis
        extras = cat.as_strings()
        assert all(isinstance(v, str) and v for v in extras.values())
        assert [d["label_zh"] for d in json.loads(extras["data_items"])] == \
            [d.label_zh for d in cat.data_items]
    assert {ds.catalog.open_type for ds in catalog.datasets} == set(OPEN_TYPES)
    assert sum(ds.catalog.livelihood_priority for ds in catalog.datasets) >= 10


def test_base_library_classifications_match_the_groups(catalog: Catalog) -> None:
    """A 类 1 code names a base library (项 101-106, in the order of the groups)."""
    libs = [g.name for g in catalog.groups]
    for ds in catalog.datasets:
        code = ds.catalog.classification
        if code.startswith("1"):
            assert libs[int(code[1:3]) - 1] in ds.groups, (ds.name, code)


def test_classifications_and_divisions_exist_in_the_portal_vocabularies(catalog: Catalog) -> None:
    """Cross-check with the extension's catalog module (pure Python) when it is installed."""
    vocab = pytest.importorskip("ckanext.govopen.catalog")
    codes = pytest.importorskip("ckanext.govopen.catalog.codes")
    for ds in catalog.datasets:
        assert ds.catalog.classification in vocab.CLASSIFICATION, ds.name
    assert all(codes.is_division_code(c.code) for c in geo.COUNTIES)
    labels = {v.name: {t.label("zh_Hans_CN") for t in v} for v in vocab.VOCABULARIES.values()}
    for ds in catalog.datasets:
        cat = ds.catalog
        assert cat.update_cycle in labels["update_cycle"]
        assert cat.open_type in labels["open_type"] and cat.sharing_type in labels["sharing_type"]
        assert set(cat.sharing_method) <= labels["sharing_method"]
        assert cat.secrecy in labels["secrecy"]
        assert {d.type for d in cat.data_items} <= labels["item_type"]


def test_data_items_name_every_column(catalog: Catalog) -> None:
    for ds in catalog.datasets:
        items = ds.catalog.data_items
        assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,63}", d.name) for d in items)
        assert len({d.name for d in items}) == len(items), ds.name
        assert all(d.type in ("字符型", "数值型", "日期型") for d in items)
        for res in ds.resources:
            header, _ = _table(res)
            if "数据项说明" not in res.name:
                assert header == [d.label_zh for d in items]


def test_files_decode_strictly_with_consistent_rows(catalog: Catalog) -> None:
    for ds in catalog.datasets:
        for res in ds.resources:
            header, rows = _table(res)
            assert len(rows) == res.rows
            assert all(len(r) == len(header) for r in rows), res.filename
            if "数据项说明" not in res.name:
                assert 20 <= len(rows) <= 200, (res.filename, len(rows))
            assert all(cell.strip() for row in rows for cell in row), res.filename


def test_formats_and_encodings_are_mixed(catalog: Catalog) -> None:
    kinds = Counter((r.format, r.encoding) for ds in catalog.datasets for r in ds.resources)
    assert kinds[("CSV", "utf-8")] >= 20
    assert kinds[("CSV", "gbk")] >= 3
    assert kinds[("CSV", "utf-8-sig")] >= 3
    assert kinds[("XLSX", None)] >= 3
    for ds in catalog.datasets:
        for res in ds.resources:
            if res.encoding == "gbk":
                try:
                    res.content.decode("utf-8")
                except UnicodeDecodeError:
                    continue
                raise AssertionError(f"{res.filename} should not also be valid UTF-8")
            if res.encoding == "utf-8-sig":
                assert res.content.startswith(b"\xef\xbb\xbf")


def test_some_datasets_hold_personal_data(catalog: Catalog) -> None:
    personal = [ds for ds in catalog.datasets if "id_number" in ds.personal]
    assert len(personal) >= 10
    kinds = {p for ds in catalog.datasets for p in ds.personal}
    assert {"name", "id_number", "mobile", "address", "email"} <= kinds


def test_every_identity_number_has_a_valid_check_digit(catalog: Catalog) -> None:
    numbers = _values(catalog, "id_number")
    assert len(numbers) > 1000
    assert all(ids.resident_id_check_ok(n) for n in numbers)


def test_mobile_numbers_and_emails_look_real(catalog: Catalog) -> None:
    mobiles = _values(catalog, "mobile")
    assert mobiles and all(re.fullmatch(r"1[3-9]\d{9}", m) for m in mobiles)
    emails = _values(catalog, "email")
    assert emails and all(re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]+", e) for e in emails)


def test_every_credit_code_column_is_valid(catalog: Catalog) -> None:
    codes = []
    for ds in catalog.datasets:
        for res in ds.resources:
            header, rows = _table(res)
            if "统一社会信用代码" in header:
                i = header.index("统一社会信用代码")
                codes.extend(row[i] for row in rows)
    assert len(codes) > 1000
    assert all(uscc.is_valid(c) and ids.is_valid_uscc(c) for c in codes)
    assert {c[:2] for c in codes} >= {"91", "92", "12", "51"}


def test_an_xlsx_keeps_mobile_numbers_as_numbers(catalog: Catalog) -> None:
    """As people store them in Excel; the cell is still personal data."""
    ds = next(d for d in catalog.datasets if d.name == "graduate-employment-registration")
    ws = openpyxl.load_workbook(io.BytesIO(ds.resources[0].content)).active
    header = [c.value for c in ws[1]]
    assert isinstance(ws.cell(2, header.index("手机号码") + 1).value, int)
    assert isinstance(ws.cell(2, header.index("身份证号") + 1).value, str)


def test_people_in_a_row_are_consistent(catalog: Catalog) -> None:
    """Sex follows the identity number; birth dates match it; a child has the father's surname."""
    ds = next(d for d in catalog.datasets if d.name == "birth-medical-certificates")
    header, rows = _table(ds.resources[0])
    col = {h: i for i, h in enumerate(header)}
    for row in rows:
        assert row[col["新生儿姓名"]][0] == row[col["父亲姓名"]][0]
        assert int(row[col["母亲身份证号"]][16]) % 2 == 0
        assert int(row[col["父亲身份证号"]][16]) % 2 == 1
    ds = next(d for d in catalog.datasets if d.name == "migrant-residence-registration")
    header, rows = _table(ds.resources[0])
    col = {h: i for i, h in enumerate(header)}
    for row in rows:
        number = row[col["公民身份号码"]]
        assert row[col["性别"]] == ("男" if int(number[16]) % 2 else "女")
        assert row[col["出生日期"]].startswith(
            f"{number[6:10]}-{number[10:12]}-{number[12:14]}")
