"""The files of issue 14, as agencies export them: read, masked, or refused - never leaked."""

from __future__ import annotations

import json
import random

import pytest
from ckanext.govopen.desensitize import MalformedInputError, desensitize_file
from ckanext.govopen.desensitize.rawscan import scan_output
from ckanext.govopen.desensitize.validators import id_check_char

from .helpers import bank_card, read_csv, resident_id

APPLICANTS = [
    "张三丰",
    "李四海",
    "王小明",
    "赵六",
    "陈静怡",
    "刘德福",
    "杨晓东",
    "黄丽娟",
    "周建国",
]


def _card62(rng: random.Random) -> str:
    while True:
        card = bank_card(rng, 18)
        if card.startswith("62"):
            return card


def test_semicolon_bom_file_is_masked_and_says_how_it_was_read(tmp_path):
    rng = random.Random(14)
    cards = [_card62(rng) for _ in APPLICANTS]
    lines = ["申请人;银行卡号;补助金额;备注"]
    lines += [f"{n};{c};1200.00;已发放" for n, c in zip(APPLICANTS, cards)]
    src = tmp_path / "in.csv"
    src.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode())
    report = desensitize_file(src, tmp_path / "out.csv")
    out = (tmp_path / "out.csv").read_text("utf-8")
    assert not [x for x in APPLICANTS + cards if x in out]
    rows = read_csv(tmp_path / "out.csv")
    assert rows[0] == ["申请人", "银行卡号", "补助金额", "备注"]
    assert [r[2:] for r in rows[1:]] == [["1200.00", "已发放"]] * len(APPLICANTS)
    reading = report.to_dict()["tables"][0]["reading"]
    assert reading["delimiter"] == "semicolon" and reading["header_row"] == 1


def test_byte_scan_finds_what_a_misreading_would_hide(tmp_path):
    # The output of a masker that read a semicolon file as one column: the scan reads
    # bytes, so the names it saw and the cards are found whatever the columns were.
    rng = random.Random(3)
    out = tmp_path / "out.csv"
    out.write_text("申请人;银行卡号\n张三丰;" + _card62(rng) + "\n", encoding="utf-8")
    result = scan_output(out, "csv", names={"张三丰"})
    assert not result.passed
    assert sorted(k for f in result.findings for k in f["kinds"]) == [
        "bank_card",
        "name",
    ]
    assert all(
        "张三丰" not in json.dumps(f, ensure_ascii=False) for f in result.findings
    )


def test_grouped_resident_id_under_a_neutral_header_is_masked(tmp_path):
    body = "14010219900307123"
    ident = body + id_check_char(body)
    grouped = f"{ident[:6]} {ident[6:14]} {ident[14:]}"
    src = tmp_path / "in.csv"
    src.write_text(f"编号,办理状态\n{grouped},已办结\n", encoding="utf-8")
    desensitize_file(src, tmp_path / "out.csv")
    rows = read_csv(tmp_path / "out.csv")
    assert rows[1][1] == "已办结" and ident[6:14] not in rows[1][0]
    leaked = tmp_path / "leaked.csv"
    leaked.write_text(f"编号\n{grouped}\n", encoding="utf-8")
    assert scan_output(leaked, "csv").findings[0]["kinds"] == ["id_card"]


def test_title_line_above_header_and_footnotes_below(tmp_path):
    rng = random.Random(5)
    ids = [resident_id(rng) for _ in range(4)]
    body = "2024年低保对象名单\n\n姓名,身份证号,保障人数\n"
    body += "".join(f"{n},{i},{k}\n" for n, i, k in zip(APPLICANTS, ids, "1234"))
    body += "注：数据截至2024年底\n"
    src = tmp_path / "in.csv"
    src.write_text(body, encoding="utf-8")
    report = desensitize_file(src, tmp_path / "out.csv").to_dict()["tables"][0]
    rows = read_csv(tmp_path / "out.csv")
    assert rows[0] == ["姓名", "身份证号", "保障人数"]
    assert [r[2] for r in rows[1:]] == list("1234")
    assert report["reading"]["header_row"] == 3
    assert report["outside_table"] == {
        "above": ["2024年低保对象名单"],
        "below": ["注：数据截至2024年底"],
    }


def test_repeated_header_row_is_kept_as_it_is(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(
        "姓名,手机号码\n张三丰,13800138000\n姓名,手机号码\n李四海,13900139000\n"
    )
    desensitize_file(src, tmp_path / "out.csv")
    assert read_csv(tmp_path / "out.csv") == [
        ["姓名", "手机号码"],
        ["张**", "138****8000"],
        ["姓名", "手机号码"],
        ["李**", "139****9000"],
    ]


@pytest.mark.parametrize(
    "wrapper",
    [
        lambda recs: {"code": 0, "msg": "成功", "data": recs},
        lambda recs: {"result": {"page": 1, "list": {"rows": recs}}},
    ],
)
def test_json_wrapping_the_records_is_read_and_kept(tmp_path, wrapper):
    recs = [{"姓名": "张三丰", "手机": "13800138000", "人数": 3}]
    src = tmp_path / "in.json"
    src.write_text(json.dumps(wrapper(recs), ensure_ascii=False), encoding="utf-8")
    report = desensitize_file(src, tmp_path / "out.json")
    out = json.loads((tmp_path / "out.json").read_text("utf-8"))
    expected = wrapper([{"姓名": "张**", "手机": "138****8000", "人数": 3}])
    assert out == expected
    path = report.to_dict()["tables"][0]["reading"]["records_path"]
    assert path in ("$.data", "$.result.list.rows")


def test_json_lines(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"姓名": "张三丰", "n": 1}\n{"姓名": "李四海", "n": 2}\n', "utf-8")
    desensitize_file(src, tmp_path / "out.jsonl")
    lines = (tmp_path / "out.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(x) for x in lines] == [
        {"姓名": "张**", "n": 1},
        {"姓名": "李**", "n": 2},
    ]


def test_header_and_words_around_masked_values_are_kept(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(
        "户主姓名,备注\n张三丰,联系人王五电话13800138000\n", encoding="utf-8"
    )
    desensitize_file(src, tmp_path / "out.csv")
    assert read_csv(tmp_path / "out.csv") == [
        ["户主姓名", "备注"],
        ["张**", "联系人王*电话138****8000"],
    ]


def test_unsure_reading_is_refused_with_what_was_found(tmp_path):
    src = tmp_path / "in.csv"
    # Every line reads as two columns with commas and as two with semicolons.
    src.write_text("a,b;c\n1,2;3\n4,5;6\n", encoding="utf-8")
    with pytest.raises(MalformedInputError) as err:
        desensitize_file(src, tmp_path / "out.csv")
    assert err.value.code == "ambiguous_delimiter"
    assert "comma / semicolon" in err.value.message_en
    assert "分隔符" in err.value.message_zh
    assert not (tmp_path / "out.csv").exists()


def test_card_that_also_passes_the_credit_code_check_is_masked(tmp_path):
    # About one 18-digit card in 31 is also a valid all-digit USCC; it must not be kept
    # as a public credit code (the leak of issue 14).
    from ckanext.govopen.desensitize.validators import is_uscc

    rng = random.Random(0)
    card = next(c for c in iter(lambda: _card62(rng), None) if is_uscc(c))
    src = tmp_path / "in.csv"
    src.write_text(f"序号,摘要\n1,退款至银行卡{card}\n", encoding="utf-8")
    report = desensitize_file(src, tmp_path / "out.csv")
    assert card not in (tmp_path / "out.csv").read_text("utf-8")
    assert report.verification["bytes"]["passed"]


def test_a_wider_data_row_is_never_taken_for_the_header(tmp_path):
    # Only one-text title lines may be skipped: a header with two fields above a row of
    # three is the header, and the row is reported as ragged (a published header is
    # never masked, so a data row there would leak).
    src = tmp_path / "in.csv"
    src.write_text("姓名,电话\n张三丰,13800138000,多余\n", encoding="utf-8")
    with pytest.raises(MalformedInputError) as err:
        desensitize_file(src, tmp_path / "out.csv")
    assert err.value.code == "ragged_row" and err.value.row == 2
