"""Rows of a table, and their CSV or XLSX bytes, identical on every run."""
from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
import zipfile

from faker import Faker
from openpyxl import Workbook

from seed import geo
from seed.columns import TIME_AXES, Column, axis_values, cell, text
from seed.rows import Cell, Row

# Fixed instants for the parts of an XLSX file that would otherwise record "now".
_XLSX_TIME = "2024-01-01T00:00:00Z"
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)


def build_rows(cols: tuple[Column, ...], fake: Faker, rows: int, year: int) -> list[list[Cell]]:
    """`rows` random rows, or one row per point of the grid when there are `each:` axes."""
    axes = [(i, axis_values(c)) for i, c in enumerate(cols) if c.base == "each"]
    rng = fake.random
    salt = rng.getrandbits(64)
    if axes:
        points = list(itertools.product(*(range(len(values)) for _, values in axes)))
    else:
        points = [()] * rows
    out = []
    for index, point in enumerate(points):
        fixed = {i: (values[k], k) for (i, values), k in zip(axes, point, strict=True)}
        row = Row(fake, _place(cols, fixed) or rng.choice(geo.COUNTIES), year, index, salt)
        row.series_key = "|".join(text(v) for i, (v, _) in sorted(fixed.items())
                                  if cols[i].arg.split(":")[0] not in TIME_AXES)
        for i, (_, k) in fixed.items():
            if cols[i].arg.split(":")[0] in TIME_AXES:
                row.t, row.time_unit = k, cols[i].arg.split(":")[0]
        for i, col in enumerate(cols):
            row.values[col.header] = fixed[i][0] if i in fixed else cell(col, row)
        out.append(list(row.values.values()))
    return out


def _place(cols: tuple[Column, ...], fixed: dict[int, tuple[Cell, int]]) -> geo.County | None:
    """A row on the `cities` or `counties` axis lives there."""
    for i, (_, k) in fixed.items():
        if cols[i].arg == "cities":
            return geo.CITIES[k].counties[0]
        if cols[i].arg == "counties":
            return geo.COUNTIES[k]
    return None


def to_csv(headers: list[str], rows: list[list[Cell]], encoding: str) -> bytes:
    """CSV with CRLF line ends as spreadsheet programs write it; encoding is strict."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(headers)
    writer.writerows([text(v) for v in row] for row in rows)
    return buf.getvalue().encode(encoding)


def to_xlsx(headers: list[str], rows: list[list[Cell]], sheet: str,
            numeric: tuple[str, ...] = ()) -> bytes:
    """One worksheet; dates as date cells, `numeric` columns as numbers (as people do)."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append(headers)
    as_number = {headers.index(h) for h in numeric}
    for row in rows:
        ws.append([int(v) if i in as_number else v for i, v in enumerate(row)])
    for col in ws.iter_cols(min_row=2):
        for c in col:
            if isinstance(c.value, dt.date):
                c.number_format = "yyyy-mm-dd"
    buf = io.BytesIO()
    wb.save(buf)
    return _normalize_zip(buf.getvalue())


def _normalize_zip(data: bytes) -> bytes:
    """Rewrite the archive with fixed entry dates and fixed document times."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                              rb"\g<1>" + _XLSX_TIME.encode(), body)
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, body)
    return out.getvalue()
