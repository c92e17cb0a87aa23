from __future__ import annotations

import json
import random
import zipfile
from pathlib import Path

import openpyxl
import pytest
from ckanext.govopen.desensitize import (
    EncodingError,
    MalformedInputError,
    TooLargeError,
    UnsupportedFormatError,
    desensitize_file,
)

from .helpers import mobile, read_csv, resident_id, write_csv

HEADER = ["姓名", "身份证号", "备注"]


def _rows(n: int = 5) -> list[list[str]]:
    rng = random.Random(9)
    return [["张三", resident_id(rng), f"电话{mobile(rng)}"] for _ in range(n)]


def _no_leftovers(directory: Path) -> None:
    assert [p.name for p in directory.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_encodings_are_detected_and_bom_stripped(tmp_path, encoding):
    src = write_csv(tmp_path / "in.csv", HEADER, _rows(), encoding)
    report = desensitize_file(src, tmp_path / "out.csv")
    rows = read_csv(tmp_path / "out.csv")
    assert rows[0] == HEADER  # no BOM in the first header
    assert report.encoding == (
        "gb18030" if encoding in ("gbk", "gb18030") else encoding
    )
    assert report.tables[0].columns[0].type == "name"
    assert rows[1][0] == "张*"


def test_late_non_ascii_decides_encoding(tmp_path):
    rows = [["a", "1", "x"]] * 50_000 + [["张三", "1", "备注"]]
    src = write_csv(tmp_path / "in.csv", ["n", "v", "r"], rows, "gbk")
    report = desensitize_file(src, tmp_path / "out.csv", chunk_bytes=64 * 1024)
    assert report.encoding == "gb18030"
    assert read_csv(tmp_path / "out.csv")[-1][2] == "备注"


@pytest.mark.parametrize(
    "payload",
    [
        "姓名,电话\n张三,13800138000\n".encode("utf-16"),
        b"name,phone\n\x80\x81\xff,1\n",
        "姓名,电话\n张三,1\n".encode() + b"\xff\xfe\xfd,2\n" * 3,
    ],
)
def test_unknown_or_broken_encoding(tmp_path, payload):
    src = tmp_path / "in.csv"
    src.write_bytes(payload)
    with pytest.raises(EncodingError) as err:
        desensitize_file(src, tmp_path / "out.csv")
    assert err.value.message_zh and err.value.message_en
    assert not (tmp_path / "out.csv").exists()
    _no_leftovers(tmp_path)


def test_invalid_utf8_after_valid_chunk_reports_row(tmp_path):
    good = "姓名,备注\n" + "张三,你好\n" * 20_000
    src = tmp_path / "in.csv"
    src.write_bytes(good.encode() + b"\xe4\xbd,x\n")
    with pytest.raises(EncodingError) as err:
        desensitize_file(src, tmp_path / "out.csv", chunk_bytes=64 * 1024)
    assert err.value.row == 20_002
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize(
    ("body", "code", "row"),
    [
        ("a,b,c\n1,2,3\n4,5\n6,7,8\n", "ragged_row", 3),
        ("a,b,c\n1,2,3\n4,5,6,7\n", "ragged_row", 3),
        ('a,b,c\n1,2,3\n4,"5,6\n7,8,9\n', "unclosed_quote", 3),
        ('a,b,c\n1,2,3\n4,5,"6"x\n', "bad_csv", 3),
        ('a,b,c\n1,"x\ny",3\n4,5\n', "ragged_row", 3),
        ("", "no_header", None),
    ],
)
def test_malformed_csv_gives_typed_error_and_no_output(tmp_path, body, code, row):
    src = tmp_path / "in.csv"
    src.write_text(body, encoding="utf-8")
    with pytest.raises(MalformedInputError) as err:
        desensitize_file(src, tmp_path / "out.csv")
    assert err.value.code == code
    if row is not None:
        assert err.value.row == row
    assert not (tmp_path / "out.csv").exists()
    _no_leftovers(tmp_path)


def test_blank_lines_quotes_and_crlf(tmp_path):
    src = tmp_path / "in.csv"
    src.write_bytes(
        '姓名,备注\r\n张三,"有逗号, 和""引号"""\r\n\r\n李四,"多行\r\n备注"\r\n'.encode()
    )
    report = desensitize_file(src, tmp_path / "out.csv")
    rows = read_csv(tmp_path / "out.csv")
    assert rows[1] == ["张*", '有逗号, 和"引号"']
    assert rows[2][0] == "李*" and report.rows == 2


def _xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text that looks like a formula
    wb.save(path)
    return path


def test_xlsx_every_sheet_and_numbers_that_are_identifiers(tmp_path):
    src = _xlsx(
        tmp_path / "in.xlsx",
        {
            "人员": [
                ["姓名", "手机", "证件"],
                ["张三", 13800138000, 110105194912310021],
                ["李四", 13900139000.0, "11010519491231002X"],
            ],
            "说明": [["编号", "备注"], [1, "联系电话13700137000"], [2, "=1+1"]],
        },
    )
    report = desensitize_file(src, tmp_path / "out.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    people, notes = wb["人员"], wb["说明"]
    assert [c.value for c in people[2]] == [
        "张*",
        "138****8000",
        report.tables[0].columns[2] and "******",
    ]
    assert (
        people[3][1].value == "139****9000"
        and people[3][2].value == "110***********002X"
    )
    assert "13700137000" not in notes[2][1].value
    assert (
        notes[3][1].value == "=1+1" and notes[3][1].data_type == "s"
    )  # text, not a formula
    assert [t.name for t in report.tables] == ["人员", "说明"]
    assert report.tables[0].columns[2].fallback_masked == 1


def test_xlsx_zip_bomb_is_rejected_before_parsing(tmp_path):
    src = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<x/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"<" + b"a" * (50 * 2**20) + b"/>")
    with pytest.raises(TooLargeError) as err:
        desensitize_file(src, tmp_path / "out.xlsx")
    assert err.value.code == "zip_bomb"
    with pytest.raises(TooLargeError):
        desensitize_file(
            src,
            tmp_path / "out.xlsx",
            policy={
                "limits": {"xlsx_max_ratio": 10**6, "xlsx_max_uncompressed_bytes": 1000}
            },
        )
    assert not (tmp_path / "out.xlsx").exists()


def test_broken_xlsx(tmp_path):
    src = tmp_path / "in.xlsx"
    src.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(MalformedInputError):
        desensitize_file(src, tmp_path / "out.xlsx")


def test_json_array_of_objects_keeps_types_of_untouched_values(tmp_path):
    src = tmp_path / "in.json"
    src.write_text(
        json.dumps(
            [
                {"姓名": "张三", "手机": 13800138000, "人数": 3, "备注": None},
                {"姓名": "李四", "人数": 4, "备注": "身份证110105194912310021"},
            ],
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    desensitize_file(src, tmp_path / "out.json")
    out = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert out[0] == {"姓名": "张*", "手机": "138****8000", "人数": 3, "备注": None}
    assert "手机" not in out[1] and out[1]["人数"] == 4
    assert "19491231" not in out[1]["备注"]


# A lone object of scalars is one record (JSON Lines of one line), so it is read.
@pytest.mark.parametrize(
    "payload",
    ['{"a": {"b": 1}}', "[1, 2]", "[{", '{"a": [{"x": 1}], "b": {"c": [{"y": 2}]}}'],
)
def test_json_not_a_table(tmp_path, payload):
    src = tmp_path / "in.json"
    src.write_text(payload)
    with pytest.raises(MalformedInputError):
        desensitize_file(src, tmp_path / "out.json")
    assert not (tmp_path / "out.json").exists()


def test_unsupported_format(tmp_path):
    src = tmp_path / "in.xls"
    src.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UnsupportedFormatError):
        desensitize_file(src, tmp_path / "out.xls")


def test_existing_output_is_not_replaced_on_failure(tmp_path):
    dst = tmp_path / "out.csv"
    dst.write_text("old public copy")
    src = tmp_path / "in.csv"
    src.write_text("a,b\n1\n")
    with pytest.raises(MalformedInputError):
        desensitize_file(src, dst)
    assert dst.read_text() == "old public copy"
