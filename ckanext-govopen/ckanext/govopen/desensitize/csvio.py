"""Streaming CSV reading and writing.

The file is read in big blocks, each extended line by line to the end of its last record
(a newline outside quotes: the quote count before it is even; in UTF-8 and GB18030 neither
``"`` nor ``\\n`` occurs inside a multi-byte character). Each chunk is decoded strictly
before polars parses it:

* UTF-8 (a BOM is dropped) is tried first, GB18030 (a superset of GBK) second; the choice
  is made on the first chunk that is not pure ASCII and then holds for the whole file.
  Polars validates UTF-8 itself, so UTF-8 chunks are not decoded twice.
* Polars silently fills missing fields of short rows, so field counts are checked here:
  without quotes the chunk's comma count must be (columns - 1) per record; with quotes the
  commas and newlines outside quotes are counted per record with numpy.
* Any problem is located exactly with Python's csv module (slow, but only on failure).
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import numpy as np
import polars as pl
from polars.exceptions import ComputeError, PolarsError

from .dialect import SAMPLE_BYTES, Dialect, sniff, split_records
from .errors import EncodingError, MalformedInputError
from .tables import Batch, internal_names

DEFAULT_CHUNK = 16 * 2**20
MAX_FOOTER = 20


def _unclosed_quote_row(text: str, first_row: int) -> int:
    """Row (record) number where the quote that never closes was opened."""
    row, odd = first_row, False
    for line in text.split("\n"):
        odd ^= line.count('"') % 2 == 1
        if not odd:
            row += 1
    return row


def _locate(
    text: str, ncols: int, first_row: int, delimiter: str = ","
) -> MalformedInputError:
    """Find the first bad record of a chunk with the csv module and describe it."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    row = first_row
    try:
        for record in reader:
            if record and len(record) != ncols:
                return MalformedInputError(
                    "ragged_row", row=row, actual=len(record), expected=ncols
                )
            row += 1  # records, not lines: a quoted field may span lines
    except csv.Error as exc:
        return MalformedInputError("bad_csv", row=row, detail=str(exc))
    return MalformedInputError("bad_csv", row=first_row, detail="unparseable chunk")


def _record_field_counts(data: bytes, sep: int = 0x2C) -> np.ndarray:
    """Fields per record for a chunk that contains quotes (blank records give 0)."""
    arr = np.frombuffer(data, dtype=np.uint8)
    quotes = np.flatnonzero(arr == 0x22)
    commas = np.flatnonzero(arr == sep)
    newlines = np.flatnonzero(arr == 0x0A)
    commas = commas[np.searchsorted(quotes, commas) % 2 == 0]
    ends = newlines[np.searchsorted(quotes, newlines) % 2 == 0]
    if not len(ends) or ends[-1] != len(arr) - 1:
        ends = np.append(ends, len(arr))
    per_record = np.diff(np.searchsorted(commas, ends), prepend=0)
    starts = np.concatenate(([0], ends[:-1] + 1))
    lengths = ends - starts
    cr = np.zeros(len(ends), dtype=bool)
    nonzero = lengths > 0
    cr[nonzero] = arr[np.minimum(ends[nonzero] - 1, len(arr) - 1)] == 0x0D
    blank = (lengths == 0) | ((lengths == 1) & cr)
    return np.where(blank, 0, per_record + 1)


class CsvTable:
    def __init__(self, source: CsvSource, headers: list[str]) -> None:
        self.name = source.path.stem
        self.headers = headers
        self._source = source

    def batches(self) -> Iterator[Batch]:
        return self._source._batches()


class CsvSource:
    def __init__(
        self,
        path: str | Path,
        chunk_bytes: int = DEFAULT_CHUNK,
        trusted: bool = False,
        opener: Callable[[], BinaryIO] | None = None,
    ) -> None:
        # ``trusted``: our own output, re-read for verification; its field counts are right
        # by construction, so the ragged-row checks are skipped. ``opener``: how to open
        # the file (verification follows the writer with pipeline.GrowingFile).
        self.trusted = trusted
        self.opener = opener
        self.path = Path(path)
        self.chunk_bytes = chunk_bytes
        self.encoding = "ascii"
        self.bytes_read = 0
        self._decided: str | None = None
        self._fh: BinaryIO | None = None
        self._offset = 0
        self._headers: list[str] = []
        self._row = 1
        self._size = 0
        self.dialect = Dialect()
        self.footer: list[str] = []  # lines below the table, not published

    # -- decoding ---------------------------------------------------------------------
    def _decode(self, piece: bytes, first_row: int) -> bytes:
        """Strictly decoded chunk as UTF-8 bytes (GB18030 is transcoded)."""
        if b"\x00" in piece:
            raise EncodingError(
                "unknown_encoding", detail="NUL bytes (UTF-16/UTF-32 or binary data?)"
            )
        if self._decided is None:
            if piece.isascii():
                return piece
            try:
                piece.decode("utf-8")
                self._decided = "utf-8"
                self.encoding = "utf-8-sig" if self.encoding == "utf-8-sig" else "utf-8"
                return piece
            except UnicodeDecodeError:
                pass
            try:
                text = piece.decode("gb18030")
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    "unknown_encoding",
                    detail=f"neither UTF-8 nor GB18030 at byte {self._offset + exc.start}",
                ) from None
            self._decided = self.encoding = "gb18030"
            return text.encode("utf-8")
        if self._decided == "gb18030":
            try:
                return piece.decode("gb18030").encode("utf-8")
            except UnicodeDecodeError as exc:
                raise self._bad_bytes(piece, exc, first_row) from None
        return piece  # UTF-8: polars validates; _parse reports failures precisely

    def _bad_bytes(
        self, piece: bytes, exc: UnicodeDecodeError, first_row: int
    ) -> EncodingError:
        row = first_row + piece.count(b"\n", 0, exc.start)
        return EncodingError(
            "invalid_bytes",
            row=row,
            encoding=self._decided,
            offset=self._offset + exc.start,
        )

    # -- chunking ---------------------------------------------------------------------
    def _read_record_end(self, parts: list[bytes], odd: bool) -> bool:
        """Append whole lines to ``parts`` until the quote count is even; False at EOF."""
        assert self._fh is not None
        while odd:
            line = self._fh.readline()
            if not line:
                return False
            self.bytes_read += len(line)
            parts.append(line)
            odd ^= line.count(b'"') % 2 == 1
        return True

    def _next_piece(self) -> bytes | None:
        """The next chunk of whole records. The file is read in big blocks and each block is
        extended to the end of its last record, so the block is copied at most once."""
        assert self._fh is not None
        data = self._fh.read(self.chunk_bytes)
        if not data:
            return None
        self.bytes_read += len(data)
        parts = [data]
        if not data.endswith(b"\n"):
            line = self._fh.readline()
            self.bytes_read += len(line)
            parts.append(line)
        odd = b'"' in data and sum(p.count(b'"') for p in parts) % 2 == 1
        if not self._read_record_end(parts, odd):
            piece = b"".join(parts)
            raise MalformedInputError(
                "unclosed_quote",
                row=_unclosed_quote_row(piece.decode("utf-8", "replace"), self._row),
            )
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def _first_bytes(self, fh: BinaryIO) -> bytes:
        """The first line(s), BOM checked and dropped; the encoding decided by a BOM."""
        first = fh.readline()
        self.bytes_read = len(first)
        boms = (
            codecs.BOM_UTF32_LE,
            codecs.BOM_UTF32_BE,
            codecs.BOM_UTF16_LE,
            codecs.BOM_UTF16_BE,
        )
        if first.startswith(boms):
            raise EncodingError(
                "unknown_encoding", detail="UTF-16/UTF-32 byte order mark"
            )
        if first.startswith(codecs.BOM_UTF8):
            self._decided, self.encoding = "utf-8", "utf-8-sig"
            first = first[3:]
            self._offset = 3
        return first

    def _header_trusted(self, first: bytes) -> bytes:
        """Our own output: comma separated, header on line 1."""
        parts = [first]
        if not self._read_record_end(parts, first.count(b'"') % 2 == 1):
            raise MalformedInputError("unclosed_quote", row=1)
        return b"".join(parts)

    def _header_sniffed(self, fh: BinaryIO, first: bytes) -> bytes:
        """Decide the dialect on a sample, then continue right after the header record
        (the file is seekable: only our own output is followed while being written)."""
        parts = [first, fh.read(SAMPLE_BYTES)]
        if parts[-1] and not parts[-1].endswith(b"\n"):
            parts.append(fh.readline())
        odd = sum(p.count(b'"') for p in parts) % 2 == 1
        if not self._read_record_end(parts, odd):
            text = b"".join(parts).decode("utf-8", "replace")
            raise MalformedInputError(
                "unclosed_quote", row=_unclosed_quote_row(text, 1)
            )
        sample = b"".join(parts)
        self._decode(sample, 1)  # decides the encoding, or fails as any chunk would
        codec = "gb18030" if self._decided == "gb18030" else "utf-8"
        raw = split_records(sample)
        texts = [r.decode(codec, "replace") for r in raw]
        self.dialect = sniff(texts)
        head = self.dialect.header_index
        if head >= len(raw):
            raise MalformedInputError("no_header")
        self._offset += sum(len(r) for r in raw[:head])
        self._row = head + 1
        fh.seek(self._offset + len(raw[head]))
        self.bytes_read = self._offset + len(raw[head])
        self._size = os.fstat(fh.fileno()).st_size
        return raw[head]

    def tables(self) -> Iterator[CsvTable]:
        with self.opener() if self.opener else open(self.path, "rb") as fh:
            self._fh = fh
            first = self._first_bytes(fh)
            self._row = 1
            if self.trusted:
                header_bytes = self._header_trusted(first)
            else:
                header_bytes = self._header_sniffed(fh, first)
            if not header_bytes.strip():
                raise MalformedInputError("no_header")
            text = self._decode(header_bytes, self._row).decode("utf-8", "strict")
            records = list(
                csv.reader(
                    io.StringIO(text, newline=""), delimiter=self.dialect.delimiter
                )
            )
            if not records or not records[0]:
                raise MalformedInputError("no_header")
            self._headers = records[0]
            self._offset += len(header_bytes)
            self._row += 1
            yield CsvTable(self, self._headers)
            self._fh = None

    def _batches(self) -> Iterator[Batch]:
        ncols = len(self._headers)
        names = internal_names(ncols)
        schema = {n: pl.String for n in names}
        while True:
            piece = self._next_piece()
            if piece is None:
                return
            data = self._decode(piece, self._row)
            frame = self._parse(data, piece, names, schema)
            if not self.trusted:
                frame = self._check_fields(data, frame, ncols)
            size = len(piece)
            del piece, data  # not held while the batch is out: batches are in flight
            yield Batch(frame, self._row)
            self._row += frame.height
            self._offset += size

    def _parse(
        self, data: bytes, piece: bytes, names: list[str], schema: dict
    ) -> pl.DataFrame:
        try:
            return pl.read_csv(
                data,
                has_header=False,
                separator=self.dialect.delimiter,
                new_columns=names,
                schema=schema,
                empty_string_is_null=False,
                raise_if_empty=False,
            )
        except (ComputeError, PolarsError) as exc:
            if "utf-8" in str(exc).lower():
                try:
                    piece.decode("utf-8")
                except UnicodeDecodeError as dec:
                    raise self._bad_bytes(piece, dec, self._row) from None
            raise self._located(data, len(names)) from None

    def _located(self, data: bytes, ncols: int) -> MalformedInputError:
        return _locate(data.decode("utf-8"), ncols, self._row, self.dialect.delimiter)

    def _check_fields(
        self, data: bytes, frame: pl.DataFrame, ncols: int
    ) -> pl.DataFrame:
        sep = ord(self.dialect.delimiter)
        if b'"' not in data and ncols > 1:
            # Without quotes every record is one line. Rows with too many fields already
            # failed in polars, so the separator total is short exactly when some row
            # is; a blank line parses as a row of empty strings and is handled below.
            empty = frame.select(pl.all_horizontal(pl.all() == "")).to_series()
            seps = int(np.count_nonzero(np.frombuffer(data, dtype=np.uint8) == sep))
            if not empty.any() and seps == (ncols - 1) * frame.height:
                return frame
        counts = _record_field_counts(data, sep)
        if len(counts) != frame.height:
            raise self._located(data, ncols)
        bad = np.flatnonzero((counts != ncols) & (counts != 0))
        if len(bad):
            frame, counts = self._cut_footer(data, frame, counts, int(bad[0]), ncols)
        blank_rows = np.flatnonzero(counts == 0)
        if len(blank_rows) and ncols > 1:
            keep = np.ones(frame.height, dtype=bool)
            keep[blank_rows] = False
            frame = frame.filter(pl.Series(keep))
        return frame

    def _cut_footer(
        self,
        data: bytes,
        frame: pl.DataFrame,
        counts: np.ndarray,
        first_bad: int,
        ncols: int,
    ) -> tuple[pl.DataFrame, np.ndarray]:
        """Notes and totals below the table ("注：…", "合计 …") are shorter records at the
        very end of the file: they are cut off and listed in the report, not published.
        A short record anywhere else is a broken row and fails the file."""
        tail = counts[first_bad:]
        at_end = self._fh is not None and self._fh.tell() >= self._size
        if not at_end or len(tail) > MAX_FOOTER or np.any(tail >= ncols):
            raise self._located(data, ncols)
        rows = [
            [v for v in row if v and v.strip()]
            for row in frame.slice(first_bad).iter_rows()
        ]
        if any(len(r) > 1 for r in rows):  # a note is one text; more is a broken row
            raise self._located(data, ncols)
        self.footer.extend(r[0].strip() for r in rows if r)
        return frame.head(first_bad), counts[:first_bad]


class CsvSink:
    """Writes UTF-8 CSV (no BOM, ``\\n`` line ends, minimal quoting)."""

    def __init__(self, path: str | Path) -> None:
        # The sink outlives this call (batches are appended), so no context manager here;
        # close()/abort() end it.
        self._fh = open(path, "wb")  # noqa: SIM115
        self._tables = 0

    def begin_table(self, name: str, headers: list[str]) -> None:
        self._tables += 1
        if self._tables > 1:
            raise ValueError("a CSV file holds one table")
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerow(headers)
        self._fh.write(text.getvalue().encode("utf-8"))

    def write(self, frame: pl.DataFrame) -> None:
        frame.write_csv(self._fh, include_header=False, line_terminator="\n")

    def flush(self) -> int:
        """Push everything written so far to the file; returns its size."""
        self._fh.flush()
        return self._fh.tell()

    def close(self) -> int:
        size = self._fh.tell()
        self._fh.close()
        return size

    def abort(self) -> None:
        self._fh.close()
