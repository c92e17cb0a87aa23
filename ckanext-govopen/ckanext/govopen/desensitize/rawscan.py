"""A verification that does not share the masker's reading of the file.

The masker decides a delimiter, a header row and column types; if it misreads the file
(a semicolon file read as one column, a title line taken for the header) its own checks
would misread the output the same way. This pass reads the output's bytes as text - lines
of a CSV or JSON file, the text pieces of every XML part of an XLSX - without columns or
delimiters, and fails on any validating identifier (verify.scan_text: resident IDs, also
grouped with spaces or dashes, mobiles in any spacing and with +86, Luhn-valid cards of
16-19 digits, e-mails) and on any name the masker saw in a name column or after a cue.

Values of columns an organization declared public are the only exception; they are
removed from a line before it is checked (by value, not by position, so a misread column
cannot hide anything else).
"""

from __future__ import annotations

import html
import zipfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from .pipeline import WORKERS, split_rows
from .verify import _check_column, scan_text

CHUNK = 16 * 2**20
_MAX_FINDINGS = 50
# A name check on one or two ideographs would match ordinary words everywhere; the
# masker's names are whole names of at least two characters.
_MIN_NAME = 2


@dataclass
class RawScan:
    passed: bool = True
    pieces_scanned: int = 0
    pieces_checked: int = 0
    findings_total: int = 0
    findings: list[dict[str, Any]] = field(default_factory=list)

    def add(self, part: str, line: int, kinds: list[str], sample: str = "") -> None:
        self.passed = False
        self.findings_total += len(kinds)
        if len(self.findings) < _MAX_FINDINGS:
            found: dict[str, Any] = {"part": part, "line": line, "kinds": kinds}
            if sample:
                found["name"] = sample[:1] + "*" * (len(sample) - 1)
            self.findings.append(found)

    def to_dict(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "method": "bytes of the output read as text, no columns",
            "pieces_scanned": self.pieces_scanned,
            "pieces_checked": self.pieces_checked,
            "findings_total": self.findings_total,
            "findings": self.findings,
        }


def _chunks(fh: Any, sep: bytes, size: int = CHUNK) -> Iterator[bytes]:
    """Big blocks of ``fh`` that end at a ``sep`` (or the end), so no token is cut."""
    rest = b""
    while True:
        block = fh.read(size)
        if not block:
            if rest:
                yield rest
            return
        block = rest + block
        cut = block.rfind(sep)
        if cut < 0:
            rest = block
            continue
        rest = block[cut + 1 :]
        yield block[: cut + 1]


def _texts(path: Path, fmt: str) -> Iterator[tuple[str, str, bytes]]:
    """(part name, separator, block) for every text part of the output."""
    if fmt == "xlsx":
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    with zf.open(info) as fh:
                        for block in _chunks(fh, b"<"):
                            yield info.filename, "<", block
        return
    with open(path, "rb") as fh:
        for block in _chunks(fh, b"\n"):
            yield path.suffix.lstrip(".") or fmt, "\n", block


def _strip_public(line: str, public: list[str]) -> str:
    for value in public:
        line = line.replace(value, " ")
    return line


def _lines(block: bytes, sep: str) -> pl.Series:
    """The pieces of a block, split by polars' reader (a CSV of one column whose
    delimiter is a byte the block does not contain, no quoting): far faster than
    splitting in Python."""
    if sep == "\n":
        unused = next(
            (b for b in b"\x01\x02\x03\x04\x05\x06\x07\x08" if b not in block), None
        )
        if unused is not None:
            return (
                pl.read_csv(
                    block,
                    has_header=False,
                    separator=chr(unused),
                    quote_char=None,
                    schema={"l": pl.String},
                    raise_if_empty=False,
                    encoding="utf8-lossy",
                )
                .get_column("l")
                .fill_null("")
            )
    text = block.decode("utf-8", "replace")
    if sep == "<" and "&#" in text:
        text = html.unescape(text)  # digits may be written as character references
    return pl.Series("l", text.split(sep), dtype=pl.String)


def _check(
    lines: pl.Series, offset: int, wanted: list[str], public: list[str]
) -> list[tuple[int, list[str], str]]:
    """Findings (line position, kinds, name) of one slice of lines."""
    found: list[tuple[int, list[str], str]] = []
    rows = set(_check_column(lines))
    if public:
        rows |= set(lines.str.contains_any(public).arg_true().to_list())
    for r in sorted(rows):
        line = _strip_public(lines[r], public) if public else lines[r]
        kinds = sorted(set(scan_text(line)))
        if kinds:
            found.append((offset + r, kinds, ""))
    if wanted:
        for r in lines.str.contains_any(wanted).fill_null(False).arg_true().to_list():
            line = _strip_public(lines[r], public) if public else lines[r]
            name = next((n for n in wanted if n in line), None)
            if name is not None:
                found.append((offset + r, ["name"], name))
    return found


def _wanted(names: Iterable[str]) -> list[str]:
    return sorted({n for n in names if len(n) >= _MIN_NAME}, key=len, reverse=True)


class _Blocks:
    """Checks the blocks of one output in order, numbering the lines of every part."""

    def __init__(self, public_values: Iterable[str], pool: ThreadPoolExecutor | None):
        self.result = RawScan()
        self.public = sorted({v for v in public_values if v.strip()}, key=len, reverse=True)
        self.pool = pool
        self.line_no: dict[str, int] = {}

    def check(self, part: str, sep: str, block: bytes, wanted: list[str]) -> int:
        """Check one block; returns the number of its first line."""
        lines = _lines(block, sep)
        del block
        first = self.line_no.get(part, 1)
        # A block ends with its separator, so the next one starts on the next line.
        self.line_no[part] = first + block_lines(lines, sep)
        self.result.pieces_scanned += lines.len()
        slices = split_rows(pl.DataFrame({"l": lines}), WORKERS if self.pool else 1)
        jobs = [(off, part_.get_column("l")) for off, part_ in slices]
        public = self.public
        if self.pool is not None and len(jobs) > 1:
            futures = [self.pool.submit(_check, s, off, wanted, public) for off, s in jobs]
            results = [f.result() for f in futures]
        else:
            results = [_check(s, off, wanted, public) for off, s in jobs]
        for found in results:
            for r, kinds, name in found:
                self.result.add(part, first + r, kinds, name)
        self.result.pieces_checked += sum(len(f) for f in results)
        return first


def scan_output(
    path: str | Path,
    fmt: str,
    names: Iterable[str] = (),
    public_values: Iterable[str] = (),
    pool: ThreadPoolExecutor | None = None,
) -> RawScan:
    """Scan the finished output file ``path`` of format ``fmt``; with a ``pool`` the
    lines of a block are checked in slices on its threads."""
    blocks = _Blocks(public_values, pool)
    wanted = _wanted(names)
    for part, sep, block in _texts(Path(path), fmt):
        blocks.check(part, sep, block, wanted)
    return blocks.result


class RawFollower:
    """The same scan of a CSV output while it is written, read through a
    :class:`~.pipeline.GrowingFile` (so from the file on disk, as the scan after the
    fact reads it). Only for an output without public columns: their values, removed
    before a line is checked, are known only at the end.

    The names the masker saw grow with every batch: a block is checked for those seen
    when it was read (``add_names`` is called before the bytes they cover are
    published), and ``finish`` looks for the names seen later in the blocks read before
    them. Every line is then checked against every name, as after the fact, and
    counted once."""

    CHUNK = 4 * 2**20  # small blocks: checked while the masking goes on

    def __init__(self, path: Path, pool: ThreadPoolExecutor | None) -> None:
        self.path = path
        self.part = path.suffix.lstrip(".") or "csv"
        # Names in the order they were first seen, only appended to: a block remembers
        # how many it was checked for, not a copy of them (a big file has many names).
        self._names: list[str] = []
        self._known: set[str] = set()
        self._blocks = _Blocks((), pool)
        # (first byte, end byte, first line, names it was checked for) of every block
        self._read: list[tuple[int, int, int, int]] = []

    def add_names(self, names: Iterable[str]) -> None:
        new = set(names) - self._known
        self._known |= new
        self._names.extend(sorted(new))

    def run(self, fh: Any) -> None:
        """Check every block of ``fh`` (a GrowingFile reader) as it arrives."""
        pos = 0
        checked_for = -1
        wanted: list[str] = []
        with fh:
            for block in _chunks(fh, b"\n", self.CHUNK):
                known = len(self._names)
                if known != checked_for:
                    checked_for, wanted = known, _wanted(self._names[:known])
                first = self._blocks.check(self.part, "\n", block, wanted)
                self._read.append((pos, pos + len(block), first, known))
                pos += len(block)

    def finish(self, names: Iterable[str]) -> RawScan:
        """The result, once ``run`` returned, with ``names`` all the masker saw."""
        self.add_names(names)
        result = self._blocks.result
        with open(self.path, "rb") as fh:
            for start, end, first, known in self._read:
                late = _wanted(self._names[known:])
                if not late:
                    continue
                fh.seek(start)
                lines = _lines(fh.read(end - start), "\n")
                earlier = _wanted(self._names[:known])
                for r, name in _late_names(lines, late, earlier):
                    result.add(self.part, first + r, ["name"], name)
                    result.pieces_checked += 1
        return result


def _late_names(
    lines: pl.Series, late: list[str], earlier: list[str]
) -> list[tuple[int, str]]:
    """(line position, name) of the lines holding a name of ``late`` and none of
    ``earlier`` (those lines were found already)."""
    hits = lines.str.contains_any(late).fill_null(False).arg_true()
    if hits.len() == 0:
        return []
    sub = lines.gather(hits)
    if earlier:
        new = ~sub.str.contains_any(earlier).fill_null(False)
        hits, sub = hits.filter(new), sub.filter(new)
    out = []
    for r, line in zip(hits.to_list(), sub.to_list()):
        out.append((r, next(n for n in late if n in line)))
    return out


def block_lines(lines: pl.Series, sep: str) -> int:
    """Lines a block advances the count by (polars drops the empty piece after the
    block's final newline, a split keeps it)."""
    return lines.len() if sep == "\n" else lines.len() - 1
