"""XLSX reading (every sheet, read-only, after a zip-bomb check) and writing.

Numbers are turned into the text a person would read: an integral float that fits in
2^53 becomes its digits (13800138000.0 -> "13800138000", so phones and 15-digit IDs stored
as numbers are still recognized); larger floats have lost digits and stay in scientific
notation ("1.1010519491231e+17"), which every rule masks whole. Output cells are always
written as text so Excel cannot mangle masked IDs again.
"""

from __future__ import annotations

import datetime
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl

from . import patterns as P
from .errors import MalformedInputError, TooLargeError
from .headers import header_type
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


_NAME_LIKE = re.compile(P.render("^" + P.SURNAME_RE + "{HAN}{1,3}$", P.PY))
_LOOKAHEAD = 12  # rows searched for the header (titles and notes may come first)


def _filled(values: list[str | None]) -> int:
    return sum(1 for v in values if v is not None and v.strip())


def _header_like(values: list[str | None], width: int) -> bool:
    """A second header row: mostly filled with short labels, no digits (data has)."""
    cells = [v.strip() for v in values if v is not None and v.strip()]
    return (
        len(cells) >= max(2, -(-width // 2))
        and all(len(c) <= 20 and not any(ch.isdigit() for ch in c) for c in cells)
        # A first data row of names would otherwise become part of the header, which is
        # published unmasked; a label such as 银行卡号 names a column type.
        and not any(_NAME_LIKE.match(c) and header_type(c) is None for c in cells)
    )


def _combine(top: list[str | None], below: list[str | None]) -> list[str]:
    """One header from two rows: a group label merged over several columns (only its
    first cell holds it) carried right, joined with the label below."""
    out, group = [], ""
    for up, down in zip(top, below):
        up, down = (up or "").strip(), (down or "").strip()
        if up:
            group = up
        if down and group and down != group:
            out.append(f"{group}/{down}")
        else:
            out.append(down or up)
    return out


class XlsxTable:
    def __init__(self, ws: Any, batch_rows: int, width: int | None = None) -> None:
        self._ws = ws
        self._rows = ws.iter_rows(values_only=True)
        self.name = ws.title
        self._batch_rows = batch_rows
        self._row = 0
        self.headers: list[str] = []
        self.header_rows: list[int] = []
        self.preamble: list[str] = []
        self._ahead: list[tuple[int, tuple[Any, ...]]] = []
        own_output = width is not None
        if width is None:
            width = ws.max_column if isinstance(ws.max_column, int) else 0
        for row in self._rows:
            self._row += 1
            if any(v is not None and str(v).strip() for v in row):
                self._ahead.append((self._row, row))
                if own_output or len(self._ahead) >= _LOOKAHEAD:
                    break
        if self._ahead:
            self._pick_header(width, own_output)

    def _fit(self, row: tuple[Any, ...], width: int) -> list[str | None]:
        # The sheet's declared width counts: Excel users leave headers blank over columns
        # that hold data. Without a declaration, trailing blanks go.
        values = list(row)
        while len(values) > width and values and values[-1] is None:
            values.pop()
        values += [None] * (width - len(values))
        return [cell_text(v) for v in values]

    def _pick_header(self, width: int, own_output: bool) -> None:
        """The header is the first row that fills at least half the columns; rows above
        it are titles (a title merged across the sheet fills one cell). A row of labels
        right below a header with gaps is a second header row (merged group cells)."""
        if not width:
            width = max(len(r) for _, r in self._ahead)
        rows = [(n, self._fit(r, width)) for n, r in self._ahead]
        need = 2 if width > 1 else 1  # see dialect._header_index
        pick = (
            0
            if own_output
            else next((i for i, (_, v) in enumerate(rows) if _filled(v) >= need), 0)
        )
        self.preamble = [
            " ".join(v.strip() for v in vals if v and v.strip())
            for _, vals in rows[:pick]
        ]
        number, top = rows[pick]
        headers = [v or "" for v in top]
        self.header_rows = [number]
        rest = rows[pick + 1 :]
        if (
            not own_output
            and rest
            and _filled(top) < width
            and _header_like(rest[0][1], width)
        ):
            headers = _combine(top, rest[0][1])
            self.header_rows.append(rest[0][0])
            rest = rest[1:]
        self.headers = headers
        self._ahead = [(n, tuple(v)) for n, v in rest]

    def describe(self) -> dict[str, Any]:
        return {
            "sheet": self.name,
            "header_rows": self.header_rows,
            "lines_above_header": len(self.preamble),
        }

    def _all_rows(self) -> Iterator[tuple[int, tuple[Any, ...]]]:
        yield from self._ahead
        for row in self._rows:
            self._row += 1
            yield self._row, row

    def batches(self) -> Iterator[Batch]:
        ncols = len(self.headers)
        if not ncols:
            return
        names = internal_names(ncols)
        buf: list[list[str | None]] = []
        first = self._row + 1
        for number, row in self._all_rows():
            values = [cell_text(v) for v in row]
            if len(values) > ncols:
                extra = [v for v in values[ncols:] if v is not None and v.strip()]
                if extra:
                    raise MalformedInputError(
                        "ragged_row", row=number, actual=len(values), expected=ncols
                    )
                values = values[:ncols]
            if not any(v is not None and v.strip() for v in values):
                continue  # Excel keeps formatted empty rows; they carry nothing
            values += [None] * (ncols - len(values))
            if not buf:
                first = number
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
