"""How an agency's CSV export is laid out: delimiter, header row, title lines above it.

Agencies export from Excel and from their own systems: comma, semicolon, tab or pipe
separated, sometimes with a title line ("2024年低保名单") or blank lines above the header.
Reading such a file with the wrong delimiter turns every row into one free-text cell,
where names are no longer recognized as names, so the dialect is decided on a sample of
whole records before anything is masked, and a sample that fits no dialect well enough,
or two equally well, is refused with a message saying what was found.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from .errors import MalformedInputError

DELIMITERS = (",", ";", "\t", "|")
_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
SAMPLE_BYTES = 256 * 2**10
MAX_RECORDS = 400
MAX_PREAMBLE = 10


@dataclass
class Dialect:
    delimiter: str = ","
    header_index: int = 0  # records before the header (title and blank lines)
    quoted: bool = False
    preamble: list[str] = field(default_factory=list)

    def describe(self) -> dict[str, object]:
        """What the reviewer's report shows about the reading."""
        return {
            "delimiter": _NAMES[self.delimiter],
            "header_row": self.header_index + 1,
            "quoted_fields": self.quoted,
            "lines_above_header": len(self.preamble),
        }


def split_records(sample: bytes) -> list[bytes]:
    """Whole records of a sample (a newline inside quotes does not end one). In UTF-8 and
    GB18030 neither ``"`` nor ``\\n`` occurs inside a multi-byte character."""
    records: list[bytes] = []
    parts: list[bytes] = []
    odd = False
    for line in sample.splitlines(keepends=True):
        parts.append(line)
        odd ^= line.count(b'"') % 2 == 1
        if not odd:
            records.append(b"".join(parts))
            parts = []
            if len(records) >= MAX_RECORDS:
                break
    return records


def _fields(text: str, delimiter: str) -> list[str]:
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        return []
    return rows[0] if rows else []


def _filled(fields: list[str]) -> int:
    return sum(1 for f in fields if f.strip())


def _header_index(rows: list[list[str]]) -> int | None:
    """The first record with two cells filled. Lines above it are titles or blank (an
    Excel title row is ``标题,,,,``: one cell). Only those may be skipped: skipping
    anything more could take a data row for the header, which is published unmasked."""
    for i, fields in enumerate(rows):
        if _filled(fields) >= 2:
            return i
    return None


def _score(texts: list[str], delimiter: str) -> tuple[int, int, int, int] | None:
    """(records as wide as the header, -lines above it, its width, its index)."""
    rows = [_fields(t, delimiter) for t in texts]
    head = _header_index(rows)
    if head is None:
        return None
    width = len(rows[head])
    consistent = sum(1 for r in rows[head:] if len(r) == width)
    return consistent, -head, width, head


def sniff(records: list[str]) -> Dialect:
    """Decide the dialect of the decoded sample ``records``; raises when unsure."""
    nonblank = [t for t in records if t.strip()]
    if not nonblank:
        raise MalformedInputError("no_header")
    quoted = any('"' in t for t in records)
    scores = {d: s for d in DELIMITERS if (s := _score(records, d)) is not None}
    if not scores:
        # One column: every line is a value. Fine for a list, but a title line above it
        # cannot be told apart, so the first non-blank line is the header.
        first = next(i for i, t in enumerate(records) if t.strip())
        return Dialect(",", first, quoted, [t.strip() for t in records[:first]])
    ranked = sorted(scores.items(), key=lambda kv: kv[1][:3], reverse=True)
    best, (consistent, _, width, head) = ranked[0]
    body = len([t for t in records[head:] if t.strip()])
    if len(ranked) > 1 and ranked[1][1][:2] == ranked[0][1][:2]:
        raise MalformedInputError(
            "ambiguous_delimiter",
            row=head + 1,
            detail=" / ".join(_NAMES[d] for d, _ in ranked[:2]),
        )
    # A misread delimiter gives widths that vary from line to line. A few odd records
    # are left to the reader, which names the exact row (or cuts a footer at the end).
    if consistent * 2 < body:
        raise MalformedInputError(
            "inconsistent_delimiter",
            row=head + 1,
            detail=_NAMES[best],
            width=width,
            share=f"{consistent}/{body}",
        )
    if head > MAX_PREAMBLE:
        raise MalformedInputError("header_not_found", row=head + 1, lines=head)
    preamble = [t.strip() for t in records[:head] if t.strip()]
    return Dialect(best, head, quoted, preamble)
