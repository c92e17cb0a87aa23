from __future__ import annotations

import json
import random
import subprocess
import sys

import polars as pl
import pytest
from ckanext.govopen.desensitize import VerificationError, desensitize_file, rules
from ckanext.govopen.desensitize.verify import scan_text

from .helpers import bank_card, mobile, read_csv, resident_id, uscc, write_csv


def _table(n: int = 30, seed: int = 1) -> tuple[list[str], list[list[str]]]:
    rng = random.Random(seed)
    header = ["编号", "备注", "联系方式", "单位信用代码", "说明"]
    rows = [
        [
            resident_id(rng),
            mobile(rng),
            f"联系人王五，卡号{bank_card(rng)}",
            uscc(rng),
            f"第{i}条",
        ]
        for i in range(n)
    ]
    return header, rows


def test_report_is_json_and_content_beats_misleading_headers(tmp_path):
    header, rows = _table()
    src = write_csv(tmp_path / "in.csv", header, rows)
    report = desensitize_file(src, tmp_path / "out.csv")
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    cols = {c["header"]: c for c in data["tables"][0]["columns"]}
    assert cols["编号"]["type"] == "id_card" and cols["编号"]["source"] == "content"
    assert cols["备注"]["type"] == "phone" and cols["备注"]["source"] == "content"
    # A personal header over content that is no phone: fail closed, every value masked.
    assert (
        cols["联系方式"]["type"] == "phone"
        and cols["联系方式"]["fallback_masked"] == 30
    )
    assert cols["说明"]["type"] == "free_text"
    assert (
        cols["单位信用代码"]["type"] == "uscc" and cols["单位信用代码"]["changed"] == 0
    )
    assert data["verification"]["passed"] is True
    assert data["policy_version"] and data["policy_digest"] and data["rows"] == 30
    assert data["bytes_in"] > 0 and data["bytes_out"] > 0
    out = read_csv(tmp_path / "out.csv")
    for row in out[1:]:
        for cell in row:
            assert not scan_text(cell)
    assert [r[3] for r in out[1:]] == [r[3] for r in rows]  # credit codes untouched


def test_verification_failure_leaves_no_output(tmp_path, monkeypatch):
    header, rows = _table(5)
    src = write_csv(tmp_path / "in.csv", header, rows)
    monkeypatch.setitem(
        rules._MASKERS, "id_card", lambda s, spec, full: s
    )  # a leaking rule
    with pytest.raises(VerificationError) as err:
        desensitize_file(src, tmp_path / "out.csv")
    assert not (tmp_path / "out.csv").exists()
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    rep = err.value.report.to_dict()
    assert rep["verification"]["passed"] is False
    assert rep["verification"]["findings"][0]["kinds"] == ["id_card"]
    dumped = json.dumps(rep, ensure_ascii=False)
    assert not any(r[0] in dumped for r in rows)  # no values in the report
    assert rep["verification"]["findings"][0]["table"] == "in"
    assert "个人信息" in err.value.message_zh


def test_public_column_override_and_pseudonyms(tmp_path):
    src = write_csv(
        tmp_path / "in.csv",
        ["服务热线", "姓名", "身份证号"],
        [
            ["13800138000", "张三", "110105194912310021"],
            ["13800138000", "李四", "110105194912310021"],
        ],
    )
    policy = {
        "columns": {"服务热线": {"type": "public"}},
        "rules": {"id_card": {"rule": "pseudonym"}},
    }
    report = desensitize_file(
        src, tmp_path / "out.csv", policy=policy, secret=b"portal-key"
    )
    out = read_csv(tmp_path / "out.csv")
    assert out[1][0] == "13800138000"  # the organization declared it public
    assert out[1][2] == out[2][2] and out[1][2].startswith("PS_")
    assert report.tables[0].columns[0].source == "policy"


def test_k_anonymity_suppresses_small_classes(tmp_path):
    rows = [["男", "30-39", "朝阳区"]] * 5 + [["女", "90-99", "某县"]]
    src = write_csv(tmp_path / "in.csv", ["性别", "年龄段", "区县"], rows)
    report = desensitize_file(
        src,
        tmp_path / "out.csv",
        policy={
            "k_anonymity": {"k": 3, "quasi_identifiers": ["性别", "年龄段", "不存在"]}
        },
    )
    out = read_csv(tmp_path / "out.csv")
    assert out[-1] == ["*", "*", "*"] and out[1] == ["男", "30-39", "朝阳区"]
    assert report.tables[0].suppressed_rows.count == 1
    assert report.tables[0].suppressed_rows.rows == [7]
    assert report.k_anonymity["missing_columns"] == ["不存在"]


def test_quarantined_rows_are_reported(tmp_path):
    src = write_csv(
        tmp_path / "in.csv",
        ["姓名", "手机"],
        [["张三", "13800138000"], ["李四", "不详"]],
    )
    report = desensitize_file(src, tmp_path / "out.csv")
    assert report.tables[0].quarantined_rows.rows == [3]
    assert report.tables[0].columns[1].fallback_masked == 1


def test_streaming_batches_keep_row_numbers(tmp_path):
    rng = random.Random(4)
    rows = [["张三", mobile(rng)] for _ in range(30_000)] + [["李四", "不详"]]
    src = write_csv(tmp_path / "in.csv", ["姓名", "手机"], rows)
    report = desensitize_file(src, tmp_path / "out.csv", chunk_bytes=100_000)
    assert report.rows == 30_001
    assert report.tables[0].quarantined_rows.rows == [30_002]
    assert pl.read_csv(tmp_path / "out.csv").height == 30_001


def test_engine_imports_nothing_of_ckan():
    code = (
        "import sys; import ckanext.govopen.desensitize as d; "
        "print(any(m == 'ckan' or m.startswith('ckan.') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_k_anonymity_on_json_keeps_types(tmp_path):
    src = tmp_path / "in.json"
    rows = [{"性别": "男", "年龄": 30, "人数": 1}] * 3 + [
        {"性别": "女", "年龄": 99, "人数": 2}
    ]
    src.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    desensitize_file(
        src,
        tmp_path / "out.json",
        policy={"k_anonymity": {"k": 2, "quasi_identifiers": ["性别", "年龄"]}},
    )
    out = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert out[0] == {"性别": "男", "年龄": 30, "人数": 1}
    assert out[3] == {"性别": "*", "年龄": "*", "人数": "*"}


def test_column_rule_override_needs_a_type():
    from ckanext.govopen.desensitize import PolicyError, load_policy

    with pytest.raises(PolicyError):
        load_policy({"columns": {"联系人": {"rule": "pseudonym"}}})
    policy = load_policy({"columns": {"联系人": {"type": "name", "rule": "pseudonym"}}})
    assert policy.rule_for("name", "联系人").rule == "pseudonym"


def test_verifier_sees_fullwidth_and_spaced_forms():
    from ckanext.govopen.desensitize.verify import _check_column

    s = pl.Series(
        [
            "１３８ ００１３ ８０００",
            "6222 0212 3456 7890 128",
            "无",
            "91110000600037341L",
        ]
    )
    assert _check_column(s) == [0, 1]
    assert scan_text("１３８ ００１３ ８０００") == ["mobile"]


def test_verification_follows_the_writer_through_every_batch(tmp_path, monkeypatch):
    # A leaking ID rule and small batches: the verification that runs beside the writer
    # must see every row of every batch, with the right row numbers.
    rng = random.Random(8)
    rows = [[resident_id(rng), f"第{i}条"] for i in range(3000)]
    src = write_csv(tmp_path / "in.csv", ["身份证号", "说明"], rows)
    monkeypatch.setitem(rules._MASKERS, "id_card", lambda s, spec, full: s)
    with pytest.raises(VerificationError) as err:
        desensitize_file(src, tmp_path / "out.csv", chunk_bytes=20_000)
    rep = err.value.report.to_dict()["verification"]
    assert rep["findings_total"] == 3000 and rep["cells_scanned"] == 6000
    assert [f["row"] for f in rep["findings"]] == list(range(2, 52))
    assert [p.name for p in tmp_path.iterdir()] == ["in.csv"]


def test_byte_scan_beside_the_writer_finds_a_name_seen_only_in_a_later_batch(tmp_path):
    # 王小明 is written alone in the first batch's free text (no cue, not that row's
    # name), and is only seen as a name in the last batch: the byte scan that follows
    # the writer checked the first block before it knew the name, so it must look again.
    rows = [["李四", "王小明已到场"]] + [["张三", "已办结"]] * 2000 + [["王小明", "已办结"]]
    src = write_csv(tmp_path / "in.csv", ["姓名", "备注"], rows)
    with pytest.raises(VerificationError) as err:
        desensitize_file(src, tmp_path / "out.csv", chunk_bytes=4_000)
    rep = err.value.report.to_dict()["verification"]
    assert rep["passed"] is True  # the cells hold no identifier
    raw = rep["bytes"]
    assert raw["findings_total"] == 1 and raw["pieces_scanned"] == len(rows) + 1
    assert raw["findings"] == [{"part": "csv", "line": 2, "kinds": ["name"], "name": "王**"}]
    assert [p.name for p in tmp_path.iterdir()] == ["in.csv"]
