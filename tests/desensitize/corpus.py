"""Agency-shaped files with the ground truth known by construction.

A table has personal columns (names, resident IDs, mobiles, bank cards, e-mails, IDs
written in three groups under a neutral header), a free-text column that mixes cells with
embedded identifiers and names after cues with cells that hold none, and non-personal
columns (numbers, amounts, dates, status words, districts). ``render`` writes it in one of
the shapes agencies export (CSV dialects with titles, footers and repeated headers, JSON
arrays, wrapped records, JSON Lines, XLSX with title rows and merged two-row headers).

Used by the property tests and by ``tools/bench_desensitize.py`` (recall and utility).
"""

from __future__ import annotations

import csv
import io
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from .helpers import bank_card, mobile, resident_id

# Distinct names, none a substring of another or of any other generated text.
NAMES = [
    "张三丰", "李四海", "王小明", "欧阳娜娜", "赵六", "陈静怡", "刘德福", "杨晓东", "黄丽娟",
    "周建国", "吴秀兰", "孙志强", "马玉梅", "朱宏伟", "胡桂英", "郭振华", "何淑珍", "高永刚",
]  # fmt: skip
STATUS = ["已办结", "待复核", "情况属实", "材料齐全", "已公示", "不予受理"]
DISTRICTS = ["小店区", "迎泽区", "杏花岭区", "尖草坪区", "万柏林区", "晋源区"]
PERSONAL = {
    "name": ["姓名", "申请人姓名", "户主姓名", "联系人"],
    "id": ["身份证号", "公民身份号码", "证件号码"],
    "mobile": ["手机号码", "联系电话"],
    "card": ["银行卡号", "收款账号"],
    "email": ["电子邮箱"],
    "id_grouped": ["编号", "登记号"],  # a neutral header over IDs written in groups
}
NEUTRAL = {
    "seq": "序号",
    "amount": "补助金额（元）",
    "date": "登记日期",
    "status": "办理状态",
    "district": "所属区县",
}
SHAPES = [
    "csv_comma", "csv_semicolon_bom", "csv_tab", "csv_pipe", "csv_quoted", "csv_title",
    "csv_footer", "csv_repeated_header", "csv_gbk", "json_array", "json_wrapped",
    "json_deep", "jsonl", "xlsx", "xlsx_title", "xlsx_two_header_rows",
]  # fmt: skip


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    personal: list[list[bool]]  # per cell: holds personal data
    secrets: set[str] = field(default_factory=set)  # must not appear in any output
    names: set[str] = field(default_factory=set)


def _grouped(ident: str) -> str:
    sep = random.Random(ident).choice(" -")
    return sep.join((ident[:6], ident[6:14], ident[14:]))


def _spaced_mobile(m: str, rng: random.Random) -> str:
    return rng.choice(
        [
            f"{m[:3]} {m[3:7]} {m[7:]}",
            f"{m[:3]}-{m[3:7]}-{m[7:]}",
            f"+86 {m}",
            f"+86-{m}",
        ]
    )


def _free(rng: random.Random, name: str, t: Table) -> tuple[str, bool]:
    pick = rng.random()
    if pick < 0.2:
        other = rng.choice(NAMES)
        m = mobile(rng)
        written = _spaced_mobile(m, rng) if rng.random() < 0.3 else m
        t.secrets.update((other, m, written))
        t.names.add(other)
        return f"联系人{other}电话{written}", True
    if pick < 0.35:
        card = bank_card(rng, rng.choice([16, 17, 18, 19]))
        t.secrets.update((card, name))
        return f"退款至银行卡{card}，户名{name}", True
    if pick < 0.45:
        ident = resident_id(rng)
        t.secrets.add(ident)
        return f"经办人身份证{ident}已核验", True
    return rng.choice([*STATUS, "请于工作日上午九点至十二点联系", ""]), False


def make_table(rng: random.Random, n_rows: int) -> Table:
    kinds = rng.sample(list(PERSONAL), k=rng.randint(2, len(PERSONAL)))
    if "name" not in kinds:
        kinds.insert(0, "name")
    neutral = rng.sample(list(NEUTRAL), k=rng.randint(2, len(NEUTRAL)))
    order = [("p", k) for k in kinds] + [("n", k) for k in neutral] + [("f", "remark")]
    rng.shuffle(order)
    headers = [
        rng.choice(PERSONAL[k]) if g == "p" else NEUTRAL.get(k, "备注")
        for g, k in order
    ]
    t = Table(headers, [], [])
    for i in range(n_rows):
        name = rng.choice(NAMES)
        t.names.add(name)
        row, flags = [], []
        for g, k in order:
            if g == "f":
                value, personal = _free(rng, name, t)
            elif g == "p":
                value, personal = _personal(k, name, rng), True
                t.secrets.add(value)
            else:
                value, personal = _neutral(k, i, rng), False
            row.append(value)
            flags.append(personal)
        t.rows.append(row)
        t.personal.append(flags)
    return t


def _personal(kind: str, name: str, rng: random.Random) -> str:
    if kind == "name":
        return name
    if kind == "id":
        return resident_id(rng)
    if kind == "id_grouped":
        return _grouped(resident_id(rng))
    if kind == "mobile":
        return mobile(rng)
    if kind == "card":
        return bank_card(rng, rng.choice([16, 19]))
    return f"user{rng.randint(10, 9999)}@example.com"


def _neutral(kind: str, i: int, rng: random.Random) -> str:
    if kind == "seq":
        return str(i + 1)
    if kind == "amount":
        return f"{rng.randint(100, 99999)}.{rng.randint(0, 99):02d}"
    if kind == "date":
        return (
            f"20{rng.randint(19, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        )
    if kind == "status":
        return rng.choice(STATUS)
    return rng.choice(DISTRICTS)


@dataclass
class Rendered:
    filename: str
    data: bytes
    headers: list[str]  # the header the output should carry
    repeated_header_at: int | None = None  # data row index of a repeated header row


def _csv(rows: list[list[str]], delimiter: str, quote_all: bool = False) -> str:
    buf = io.StringIO()
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    csv.writer(
        buf, delimiter=delimiter, lineterminator="\n", quoting=quoting
    ).writerows(rows)
    return buf.getvalue()


def render(shape: str, t: Table, rng: random.Random) -> Rendered:
    """The table in ``shape``; ``t.rows`` may gain a repeated header row."""
    h, rows = t.headers, t.rows
    if shape.startswith("csv"):
        delimiter = {"csv_semicolon_bom": ";", "csv_tab": "\t", "csv_pipe": "|"}.get(
            shape, ","
        )
        body = _csv([h, *rows], delimiter, quote_all=shape == "csv_quoted")
        rep = None
        if shape == "csv_title":
            body = "2024年度困难群众救助名单\n\n" + body
        elif shape == "csv_footer":
            body += "\n注：本表数据截至2024年12月31日\n制表单位：民政局\n"
        elif shape == "csv_repeated_header":
            rep = len(rows) // 2
            t.rows.insert(rep, list(h))
            t.personal.insert(rep, [False] * len(h))
            body = _csv([h, *t.rows], delimiter)
        if shape == "csv_semicolon_bom":
            return Rendered(f"{shape}.csv", b"\xef\xbb\xbf" + body.encode(), h, rep)
        enc = "gb18030" if shape == "csv_gbk" else "utf-8"
        return Rendered(f"{shape}.csv", body.encode(enc), h, rep)
    records = [dict(zip(h, r)) for r in rows]
    if shape == "json_array":
        return Rendered(f"{shape}.json", _dumps(records), h)
    if shape == "json_wrapped":
        wrapper = {"code": 0, "msg": "成功", "total": len(records), "data": records}
        return Rendered(f"{shape}.json", _dumps(wrapper), h)
    if shape == "json_deep":
        wrapper = {"result": {"page": 1, "list": {"rows": records}}, "success": True}
        return Rendered(f"{shape}.json", _dumps(wrapper), h)
    if shape == "jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        return Rendered(f"{shape}.jsonl", text.encode(), h)
    return _xlsx(shape, t)


def _dumps(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode()


def _xlsx(shape: str, t: Table) -> Rendered:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名单"
    expected = list(t.headers)
    if shape == "xlsx_title":
        ws.append(["2024年度困难群众救助名单"])
        ws.merge_cells(
            start_row=1, start_column=1, end_row=1, end_column=len(t.headers)
        )
        ws.append(list(t.headers))
    elif shape == "xlsx_two_header_rows":
        # Group labels merged over pairs of columns, the leaf labels below.
        top: list[str | None] = []
        for i in range(len(t.headers)):
            top.append(f"第{i // 2 + 1}组" if i % 2 == 0 else None)
        ws.append(top)
        ws.append(list(t.headers))
        for i in range(0, len(t.headers) - 1, 2):
            ws.merge_cells(start_row=1, start_column=i + 1, end_row=1, end_column=i + 2)
        expected = [f"第{i // 2 + 1}组/{hd}" for i, hd in enumerate(t.headers)]
    else:
        ws.append(list(t.headers))
    for row in t.rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return Rendered(f"{shape}.xlsx", buf.getvalue(), expected)


def read_output(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and rows of an output file (CSV is always comma separated UTF-8)."""
    suffix = path.suffix
    if suffix == ".csv":
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8"), newline="")))
        return rows[0], rows[1:]
    if suffix == ".xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True)
        cells = [
            ["" if v is None else str(v) for v in r]
            for r in wb.worksheets[0].iter_rows(values_only=True)
        ]
        return cells[0], cells[1:]
    text = path.read_text("utf-8")
    if suffix == ".jsonl":
        records = [json.loads(line) for line in text.splitlines() if line.strip()]
    else:
        records = _records(json.loads(text))
    headers = list(records[0]) if records else []
    return headers, [[str(r.get(k, "")) for k in headers] for r in records]


def _records(node: object) -> list[dict]:
    if isinstance(node, list):
        return node  # type: ignore[return-value]
    assert isinstance(node, dict)
    for value in node.values():
        if isinstance(value, (dict, list)) and (found := _records_in(value)):
            return found
    return []


def _records_in(node: object) -> list[dict]:
    if isinstance(node, list) and node and all(isinstance(x, dict) for x in node):
        return node  # type: ignore[return-value]
    if isinstance(node, dict):
        return _records(node)
    return []
