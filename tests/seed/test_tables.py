"""File bytes: strict encodings, and XLSX files without timestamps."""
from __future__ import annotations

import datetime as dt
import io
import time
import zipfile

import openpyxl

from seed.tables import to_csv, to_xlsx

HEADERS = ["姓名", "日期", "手机号码"]
ROWS: list[list[object]] = [["张伟", dt.date(2025, 1, 2), "13800138000"],
                            ["李娜", dt.date(2025, 2, 3), "13900139000"]]


def test_csv_is_crlf_and_strictly_encoded() -> None:
    data = to_csv(HEADERS, ROWS, "gbk")  # type: ignore[arg-type]
    assert data.decode("gbk").splitlines()[1] == "张伟,2025-01-02,13800138000"
    assert b"\r\n" in data
    assert to_csv(HEADERS, ROWS, "utf-8-sig").startswith(b"\xef\xbb\xbf")  # type: ignore[arg-type]


def test_xlsx_is_identical_later_and_has_no_clock_in_it() -> None:
    first = to_xlsx(HEADERS, ROWS, "表", ("手机号码",))  # type: ignore[arg-type]
    time.sleep(1.1)
    assert to_xlsx(HEADERS, ROWS, "表", ("手机号码",)) == first  # type: ignore[arg-type]
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2024, 1, 1, 0, 0, 0)}
        assert b"2024-01-01T00:00:00Z" in z.read("docProps/core.xml")


def test_xlsx_cells_have_the_right_types() -> None:
    data = to_xlsx(HEADERS, ROWS, "表", ("手机号码",))  # type: ignore[arg-type]
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws.title == "表"
    assert [c.value for c in ws[1]] == HEADERS
    assert ws["B2"].value == dt.datetime(2025, 1, 2) and ws["B2"].number_format == "yyyy-mm-dd"
    assert ws["C2"].value == 13800138000
