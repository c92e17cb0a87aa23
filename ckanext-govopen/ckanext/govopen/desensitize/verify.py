"""Independent verification of a finished output file.

The file is read back with the same readers as any input and every cell of every column
that is not declared public is checked for identifiers that validate: resident IDs
(18 digits with a real birth date and a correct check digit; 15 digits with a real birth
date), mobile numbers (also spaced or with +86), Luhn-valid bank card numbers with a
plausible first digit, and unmasked e-mail addresses. Tokens that are valid unified social
credit codes (and not also valid IDs) are public and skipped.

Apart from the vectorized USCC check it shares no code with the masking rules: the
validators here are the scalar ones (python-stdnum based), the patterns its own. A polars
prefilter drops cells that cannot hold any such identifier; the rest are checked in Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import polars as pl

from . import patterns as P
from . import vector
from .pipeline import WORKERS, Prefetch, map_batches
from .tables import Source
from .validators import is_bank_card, is_public_uscc, is_resident_id

# Anything that could be one of the identifiers below, including spaced forms. Digits may
# be full-width: scan_text translates them, so the prefilter must see them as digits (one
# pass over the raw text instead of a translation of every column first).
_D = "[0-9０-９]"
_PREFILTER = (
    f"{_D}{{11}}|{_D}[- ]{_D}{{4}}[- ]?{_D}{{4}}|{_D}{{7}}[- ]{_D}{{4}}"
    f"|{_D}{{4}}[- ]{_D}{{4}}|{_D}{{6}}[- ]{_D}{{10}}"
    r"|[A-Za-z0-9０-９._%+-]@[A-Za-z0-9０-９-]"
)
_USCC_TOKEN = P.render(
    r"{B}[" + P.USCC_CHARS + r"]{2}[0-9]{6}[" + P.USCC_CHARS + r"]{10}{B}", P.RUST
)
_WORD = re.compile(r"[0-9A-Za-z_]+", re.ASCII)
_RUN = re.compile(r"[0-9]+")
_SPACED_MOBILE = re.compile(
    r"(?<![0-9])(?:\+?86[- ]?)?(1[3-9][0-9])[- ]?([0-9]{4})[- ]?([0-9]{4})(?![0-9])"
)
_SPACED_CARD = re.compile(
    r"(?<![0-9])(?:[0-9]{4}(?:[- ][0-9]{4}){3}(?:[- ]?[0-9]{1,3})?|[0-9]{6}[- ][0-9]{10,13})(?![0-9])"
)
_EMAIL = re.compile(
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", re.ASCII
)
# Digit groups joined by single spaces or dashes: "140102 19900307 1236",
# "+86 138 0013 8000", "6222 0212 3456 7890 123".
_GROUPS = re.compile(
    r"(?<![0-9])[0-9]{1,8}(?:[- ][0-9]{1,8})+(?:[- ]?[Xx])?(?![0-9A-Za-z])"
)
_SEP = re.compile(r"[- ]")
_MAX_FINDINGS = 50


@dataclass
class Verification:
    passed: bool = True
    cells_scanned: int = 0
    cells_checked: int = 0
    findings_total: int = 0
    findings: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "cells_scanned": self.cells_scanned,
            "cells_checked": self.cells_checked,
            "findings_total": self.findings_total,
            "findings": self.findings,
        }


def _run_kind(run: str, after: str) -> str | None:
    n = len(run)
    if n == 17 and after in "Xx" and after and is_resident_id(run + after):
        return "id_card"
    if n in (15, 18) and is_resident_id(run):
        return "id_card"
    if n == 11 and run[0] == "1" and run[1] in "3456789":
        return "mobile"
    if n == 13 and run.startswith("86") and run[2] == "1" and run[3] in "3456789":
        return "mobile"
    if 16 <= n <= 19 and is_bank_card(run):
        return "bank_card"
    return None


def _word_kinds(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Identifiers written as one word, and the spans of public credit codes to skip."""
    kinds: list[str] = []
    public_spans: list[tuple[int, int]] = []
    for word in _WORD.finditer(text):
        tok = word.group(0)
        if len(tok) == 18 and is_public_uscc(tok):
            public_spans.append(word.span())
            continue
        for run in _RUN.finditer(tok):
            after = tok[run.end() : run.end() + 1]
            kind = _run_kind(run.group(0), after)
            if kind:
                kinds.append(kind)
    return kinds, public_spans


def scan_text(text: str) -> list[str]:
    """Kinds of validating identifiers in one cell (empty when clean)."""
    text = text.translate(P.FULLWIDTH_TABLE)
    kinds, public_spans = _word_kinds(text)

    def outside(m: re.Match[str]) -> bool:
        return not any(a <= m.start() < b for a, b in public_spans)

    for m in _SPACED_MOBILE.finditer(text):
        if outside(m) and not m.group(0).isdigit():
            kinds.append("mobile")
    for m in _SPACED_CARD.finditer(text):
        if outside(m) and is_bank_card(m.group(0)):
            kinds.append("bank_card")
    for _ in _EMAIL.finditer(text):
        kinds.append("email")
    for m in _GROUPS.finditer(text):
        if outside(m):
            # The spaced patterns above already counted the usual groupings.
            kinds.extend(
                k for k in set(_grouped_kinds(_SEP.split(m.group(0)))) if k not in kinds
            )
    return kinds


def _grouped_kinds(groups: list[str]) -> list[str]:
    """Identifiers formed by consecutive groups (each span joined without separators)."""
    if groups and groups[-1] in ("X", "x"):
        groups = groups[:-1]
        groups[-1] += "X"
    kinds: list[str] = []
    for i in range(len(groups)):
        joined = ""
        for j in range(i, len(groups)):
            joined += groups[j]
            if j == i or len(joined) < 11:
                continue
            if len(joined) > 19:
                break
            digits, after = (joined[:-1], "X") if joined.endswith("X") else (joined, "")
            kind = _run_kind(digits, after)
            if kind:
                kinds.append(kind)
    return kinds


def _check_column(s: pl.Series, hits: pl.Series | None = None) -> list[int]:
    """Row positions worth a Python check: the prefilter matches outside public USCCs.
    ``hits``: the prefilter's answer for ``s``, when already known.

    Public USCCs are only recognized in ASCII digits here; one written with full-width
    digits goes to the Python check, which translates it first and then skips it."""
    if hits is None:
        hits = s.str.contains(_PREFILTER).fill_null(False)
    idx = hits.arg_true()
    if idx.len() == 0:
        return []
    sub = s.gather(idx)
    whole = vector.public_uscc(sub.str.strip_chars())  # a cell that is one public USCC
    idx, sub = idx.filter(~whole), sub.filter(~whole)
    if idx.len() == 0:
        return []
    rows = set(
        idx.filter(
            sub.str.replace_all(_USCC_TOKEN, " ").str.contains(_PREFILTER)
        ).to_list()
    )
    toks = (
        pl.DataFrame({"r": idx, "t": sub.str.extract_all(_USCC_TOKEN)})
        .explode("t")
        .drop_nulls("t")
    )
    if toks.height:
        rows.update(toks["r"].filter(~vector.public_uscc(toks["t"])).to_list())
    return sorted(rows)


def _check_part(
    frame: pl.DataFrame, offset: int, public: set[int]
) -> tuple[int, list[tuple[int, int, list[str]]]]:
    """Cells checked in Python and the findings (column, row position, kinds) of one
    row slice."""
    checked = 0
    found: list[tuple[int, int, list[str]]] = []
    names = [n for i, n in enumerate(frame.columns) if i not in public]
    # The prefilter of every column in one query: most columns of a masked output have
    # no hit at all, and each polars call has a cost of its own (small slices, many
    # columns).
    hits = frame.select(pl.col(names).str.contains(_PREFILTER).fill_null(False))
    any_hit = hits.select(pl.all().any()).row(0, named=True) if names else {}
    for c_index, name in enumerate(frame.columns):
        if not any_hit.get(name):
            continue  # public, or nothing the prefilter matches
        col = frame.get_column(name)
        for r in _check_column(col, hits.get_column(name)):
            checked += 1
            kinds = scan_text(col[r])
            if kinds:
                found.append((c_index, offset + r, kinds))
    return checked, found


def verify_source(
    source: Source,
    public_columns: Iterable[set[int]],
    names: list[str] | None = None,
    pool: ThreadPoolExecutor | None = None,
) -> Verification:
    """Scan every table of ``source``; ``public_columns`` gives, per table in order, the
    indexes of columns declared public by policy (the only cells not checked); ``names``
    the table names to report (the output file is a temporary one). With a ``pool`` the
    next batch is parsed while the row slices of the current one are checked on it."""
    result = Verification()
    publics = list(public_columns)
    own_pool = pool is None
    pool = pool or ThreadPoolExecutor(max_workers=1)
    parts = 1 if own_pool else WORKERS
    try:
        for t_index, table in enumerate(source.tables()):
            public = publics[t_index] if t_index < len(publics) else set()
            name = names[t_index] if names and t_index < len(names) else table.name
            for c_index, header in enumerate(table.headers):
                if scan_text(header):
                    result.passed = False
                    result.findings_total += 1
                    result.findings.append(
                        {
                            "table": name,
                            "row": 1,
                            "column": c_index + 1,
                            "kinds": sorted(set(scan_text(header))),
                        }
                    )
            with Prefetch(table.batches()) as batches:
                for batch, results in map_batches(
                    pool,
                    parts,
                    batches,
                    partial(_check_part, public=public),
                ):
                    frame = batch.frame
                    result.cells_scanned += frame.height * frame.width
                    # Findings in the order of a column-by-column scan of the batch.
                    found = sorted(
                        (f for _, part in results for f in part), key=lambda f: f[:2]
                    )
                    result.cells_checked += sum(checked for checked, _ in results)
                    for c_index, r, kinds in found:
                        result.passed = False
                        result.findings_total += len(kinds)
                        if len(result.findings) < _MAX_FINDINGS:
                            result.findings.append(
                                {
                                    "table": name,
                                    "row": batch.first_row + r,
                                    "column": table.headers[c_index],
                                    "kinds": sorted(set(kinds)),
                                }
                            )
    finally:
        if own_pool:
            pool.shutdown()
    return result
