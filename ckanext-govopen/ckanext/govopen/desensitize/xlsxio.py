"""XLSX reading (every sheet, read-only, after a zip-bomb check) and writing.

Numbers are turned into the text a person would read: an integral float that fits in
2^53 becomes its digits (13800138000.0 -> "13800138000", so phones and 15-digit IDs stored
as numbers are still recognized); larger floats have lost digits and stay in scientific
notation ("1.1010519491231e+17"), which every rule masks whole. Output cells are always
written as text so Excel cannot mangle masked IDs again.
"""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl

from .errors import MalformedInputError, TooLargeError
from .tables import Batch, internal_names

_EXACT_FLOAT = 2**53


def check_zip(path: Path, limits: dict[str, int]) -> None:
    """Reject containers that would expand beyond the limits, before any XML is parsed."""
    max_total = limits.get("xlsx_max_uncompressed_bytes", 2**31)
    max_ratio = limits.get("xlsx_max_ratio", 200)
    max_members = limits.get("xlsx_max_members", 10_000)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise MalformedInputError("bad_xlsx", detail=str(exc)) from None
    if len(infos) > max_members:
        raise TooLargeError("zip_bomb", detail=f"{len(infos)} members")
    total = sum(i.file_size for i in infos)
    if total > max_total:
        raise TooLargeError("zip_bomb", detail=f"{total} bytes uncompressed")
    for info in infos:
        # Tiny members legitimately compress very well; only big ones are judged by ratio.
        if info.file_size > 2**20 and info.file_size > max_ratio * max(
            info.compress_size, 1
        ):
            raise TooLargeError(
                "zip_bomb",
                detail=f"{info.filename}: ratio {info.file_size // max(info.compress_size, 1)}",
            )


def cell_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < _EXACT_FLOAT:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


class XlsxTable:
    def __init__(self, ws: Any, batch_rows: int, width: int | None = None) -> None:
        self._ws = ws
        self._rows = ws.iter_rows(values_only=True)
        self.name = ws.title
        self._batch_rows = batch_rows
        self._row = 0
        self.headers: list[str] = []
        for row in self._rows:
            self._row += 1
            if any(v is not None and str(v).strip() for v in row):
                # The sheet's declared width counts: Excel users leave headers blank over
                # columns that hold data. Without a declaration, trailing blanks go.
                values = list(row)
                if width is None:
                    width = ws.max_column if isinstance(ws.max_column, int) else 0
                while len(values) > width and values and values[-1] is None:
                    values.pop()
                values += [None] * (width - len(values))
                self.headers = [cell_text(v) or "" for v in values]
                break

    def batches(self) -> Iterator[Batch]:
        ncols = len(self.headers)
        if not ncols:
            return
        names = internal_names(ncols)
        buf: list[list[str | None]] = []
        first = self._row + 1
        for row in self._rows:
            self._row += 1
            values = [cell_text(v) for v in row]
            if len(values) > ncols:
                extra = [v for v in values[ncols:] if v is not None and v.strip()]
                if extra:
                    raise MalformedInputError(
                        "ragged_row", row=self._row, actual=len(values), expected=ncols
                    )
                values = values[:ncols]
            if not any(v is not None and v.strip() for v in values):
                continue  # Excel keeps formatted empty rows; they carry nothing
            values += [None] * (ncols - len(values))
            if not buf:
                first = self._row
            buf.append(values)
            if len(buf) >= self._batch_rows:
                yield Batch(_frame(buf, names), first)
                buf = []
        if buf:
            yield Batch(_frame(buf, names), first)


def _frame(rows: list[list[str | None]], names: list[str]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={n: pl.String for n in names}, orient="row")


class XlsxSource:
    def __init__(
        self,
        path: str | Path,
        limits: dict[str, int],
        batch_rows: int = 20_000,
        widths: list[int] | None = None,
    ) -> None:
        # ``widths``: known column counts per sheet, when re-reading our own output (a
        # write-only workbook declares no dimensions and drops empty header cells).
        self._widths = widths
        self.path = Path(path)
        self.encoding = "xlsx"
        self.bytes_read = self.path.stat().st_size
        self._limits = limits
        self._batch_rows = batch_rows

    def tables(self) -> Iterator[XlsxTable]:
        import openpyxl

        check_zip(self.path, self._limits)
        from openpyxl.utils.exceptions import InvalidFileException

        try:
            wb = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        except (
            InvalidFileException,
            zipfile.BadZipFile,
            KeyError,
            ValueError,
            TypeError,
            OSError,
            SyntaxError,
        ) as exc:  # what openpyxl raises for broken packages
            raise MalformedInputError(
                "bad_xlsx", detail=f"{type(exc).__name__}: {exc}"
            ) from None
        try:
            for i, ws in enumerate(wb.worksheets):
                if not isinstance(ws.max_column, int) and hasattr(
                    ws, "reset_dimensions"
                ):
                    ws.reset_dimensions()  # no declared size: read what is there
                width = (
                    self._widths[i] if self._widths and i < len(self._widths) else None
                )
                yield XlsxTable(ws, self._batch_rows, width)
        finally:
            wb.close()


class XlsxSink:
    def __init__(self, path: str | Path) -> None:
        import openpyxl

        self._path = Path(path)
        self._wb = openpyxl.Workbook(write_only=True)
        self._ws: Any = None
        self._titles: set[str] = set()

    def begin_table(self, name: str, headers: list[str]) -> None:
        title = (name or "Sheet")[:31]
        n = 1
        while title in self._titles:
            n += 1
            title = f"{name[:27]}_{n}"
        self._titles.add(title)
        self._ws = self._wb.create_sheet(title=title)
        self._ws.append([self._cell(h) for h in headers])

    def _cell(self, value: str | None) -> Any:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        if value is None:
            return None
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith("="):
            cell = WriteOnlyCell(self._ws, value=value)
            cell.data_type = "s"  # text, never a formula
            return cell
        return value

    def write(self, frame: pl.DataFrame) -> None:
        for row in frame.iter_rows():
            self._ws.append([self._cell(v) for v in row])

    def close(self) -> int:
        if not self._titles:
            self._wb.create_sheet(title="Sheet")
        self._wb.save(self._path)
        return self._path.stat().st_size

    def abort(self) -> None:
        pass
