"""Property: whatever the table looks like, no validating identifier survives.

Tables get personal data in random columns under random (often misleading) headers,
free-text cells with identifiers embedded in Chinese, ASCII and full-width surroundings,
GBK encoding, XLSX cells holding identifiers as numbers, and JSON. The output is checked
with a small checker written here against python-stdnum, not with the engine's verifier.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import random
import re
from pathlib import Path

import openpyxl
from ckanext.govopen.desensitize import desensitize_file
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.cn import ric
from stdnum.cn import uscc as std_uscc

from .helpers import bank_card, mobile, old_resident_id, resident_id, uscc

HEADERS = [
    "姓名",
    "身份证号",
    "手机",
    "备注",
    "编号",
    "说明",
    "地址",
    "联系方式",
    "银行卡号",
    "统一社会信用代码",
    "email",
    "col",
    "",
    "数据",
    "remark",
    "证件",
]
KINDS = [
    "id",
    "id_x",
    "id15",
    "mobile",
    "mobile_spaced",
    "card",
    "uscc",
    "uscc_digits",
    "email",
    "name",
    "text",
    "number",
    "empty",
]
NAMES = ["张三", "李四", "王小明", "欧阳娜娜", "赵六"]
SURROUND = [
    "",
    "联系人",
    "电话：",
    "tel",
    "ID",
    "No.",
    " ",
    "，",
    "(",
    "号码为",
    "abc_",
]


def _spaced(m: str) -> str:
    return f"{m[:3]} {m[3:7]} {m[7:]}"


def _ident(kind: str, rng: random.Random) -> str:
    return {
        "id": lambda: resident_id(rng, x_check=False),
        "id_x": lambda: resident_id(rng, x_check=True),
        "id15": lambda: old_resident_id(rng),
        "mobile": lambda: mobile(rng),
        "mobile_spaced": lambda: _spaced(mobile(rng)),
        "card": lambda: bank_card(rng, rng.choice([16, 19])),
        "uscc": lambda: uscc(rng),
        "uscc_digits": lambda: uscc(rng, all_digits=True),
        "email": lambda: f"user{rng.randint(1, 99)}@example.com",
        "name": lambda: rng.choice(NAMES),
        "number": lambda: str(rng.randint(0, 10 ** rng.randint(1, 10))),
        "text": lambda: rng.choice(["已办结", "待复核", "无", "情况属实"]),
        "empty": lambda: "",
    }[kind]()


def _cell(kind: str, free_text: bool, rng: random.Random) -> str:
    value = _ident(kind, rng)
    if free_text and value:
        value = rng.choice(SURROUND) + value + rng.choice([*SURROUND, "已核验", "x"])
        if rng.random() < 0.2:
            value = value.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return value


# --- independent checker ---------------------------------------------------------------
_ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_FW = str.maketrans("０１２３４５６７８９", "0123456789")


def _is_id(s: str) -> bool:
    if len(s) == 18 and s[:17].isdigit() and s[17] in "0123456789Xx":
        if not 1800 <= int(s[6:10]) <= 2099:
            return False  # no living person; the engine's definition too
        try:
            datetime.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
        except ValueError:
            return False
        return ric.calc_check_digit(s[:17] + "0") == s[17].upper()
    if len(s) == 15 and s.isdigit() and s[0] != "0":
        try:
            datetime.date(1900 + int(s[6:8]), int(s[8:10]), int(s[10:12]))
        except ValueError:
            return False
        return True
    return False


def _is_uscc(s: str) -> bool:
    return (
        len(s) == 18
        and s[2:8].isdigit()
        and all(c in _ALPHA for c in s)
        and std_uscc.calc_check_digit(s[:17]) == s[17]
    )


def leaks(text: str) -> list[str]:
    text = text.translate(_FW)
    found = []
    for tok in re.findall(r"[0-9A-Za-z_]+", text, re.ASCII):
        if _is_uscc(tok) and not _is_id(tok):
            continue
        for m in re.finditer(r"[0-9]+", tok):
            run, after = m.group(0), tok[m.end() : m.end() + 1]
            if _is_id(run) or (
                len(run) == 17 and after in ("X", "x") and _is_id(run + after)
            ):
                found.append("id")
            elif len(run) == 11 and run[0] == "1" and run[1] in "3456789":
                found.append("mobile")
            elif 16 <= len(run) <= 19 and run[0] in "3456" and luhn.is_valid(run):
                found.append("card")
    for _ in re.finditer(r"(?<![0-9])1[3-9][0-9] [0-9]{4} [0-9]{4}(?![0-9])", text):
        found.append("mobile")
    if re.search(r"[A-Za-z0-9]@example\.com", text):
        found.append("email")
    return found


def _read_output(path: Path, fmt: str) -> list[str]:
    if fmt == "xlsx":
        wb = openpyxl.load_workbook(path, read_only=True)
        return [
            str(v)
            for ws in wb.worksheets
            for row in ws.iter_rows(values_only=True)
            for v in row
            if v is not None
        ]
    if fmt == "json":
        return [
            str(v) for obj in json.loads(path.read_text("utf-8")) for v in obj.values()
        ]
    return [
        c
        for row in csv.reader(io.StringIO(path.read_text("utf-8"), newline=""))
        for c in row
    ]


table = st.fixed_dictionaries(
    {
        "seed": st.integers(0, 2**32),
        "kinds": st.lists(st.sampled_from(KINDS), min_size=1, max_size=5),
        "headers": st.lists(st.sampled_from(HEADERS), min_size=5, max_size=5),
        "free": st.lists(st.booleans(), min_size=5, max_size=5),
        "rows": st.integers(1, 12),
        "fmt": st.sampled_from(["csv", "csv-gbk", "xlsx", "json"]),
    }
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(table)
def test_no_validating_identifier_survives(tmp_path, t):
    rng = random.Random(t["seed"])
    kinds = t["kinds"]
    headers = [
        f"{h}{i}" if t["headers"].count(h) > 1 else h
        for i, h in enumerate(t["headers"][: len(kinds)])
    ]
    rows = [
        [_cell(k, t["free"][i], rng) for i, k in enumerate(kinds)]
        for _ in range(t["rows"])
    ]
    fmt = t["fmt"]
    ext = fmt.split("-")[0]
    src, dst = tmp_path / f"in.{ext}", tmp_path / f"out.{ext}"
    if fmt.startswith("csv"):
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows([headers, *rows])
        src.write_bytes(buf.getvalue().encode("gbk" if fmt == "csv-gbk" else "utf-8"))
    elif fmt == "xlsx":
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(headers)
        for row in rows:
            # Identifiers typed in as numbers, the way Excel users store them.
            ws.append(
                [
                    int(v)
                    if v.isdigit() and rng.random() < 0.5
                    else (float(v) if v.isdigit() and rng.random() < 0.5 else v)
                    for v in row
                ]
            )
        wb.save(src)
    else:
        src.write_text(
            json.dumps([dict(zip(headers, row)) for row in rows], ensure_ascii=False)
        )
    report = desensitize_file(src, dst, secret=b"k")
    assert report.verification["passed"]
    for cell in _read_output(dst, ext):
        assert not leaks(cell), (cell, report.to_dict()["tables"][0]["columns"])
    for f in tmp_path.iterdir():
        f.unlink()


def test_checker_sees_raw_identifiers():
    rng = random.Random(3)
    for kind in ("id", "id_x", "id15", "mobile", "mobile_spaced", "card", "email"):
        for _ in range(20):
            assert leaks(_cell(kind, True, rng)), kind
    assert not leaks(uscc(rng)) and not leaks("代码" + uscc(rng, all_digits=True))
