"""A hash chain over append-only log rows: a changed, deleted or reordered row is detected.

Each row carries a gap-free sequence number, the hash of the row before it and its own
hash over (previous hash, canonical JSON of its fields). Changing a field breaks that row's
hash; deleting a row breaks the sequence or the next row's link. The table and the fields
are the caller's: this module knows only dicts, so the one shared audit service the
foundation work plans can reuse it for every log.

Pure code: no CKAN imports.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["GENESIS", "Broken", "canonical", "link_hash", "verify"]

GENESIS = "0" * 64


def _default(value: Any) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def canonical(fields: Mapping[str, Any]) -> str:
    """One text per content: sorted keys, no spaces, UTF-8 kept, dates in ISO 8601."""
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=_default)


def link_hash(prev_hash: str, seq: int, fields: Mapping[str, Any]) -> str:
    text = f"{prev_hash}\n{seq}\n{canonical(fields)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Broken:
    """The first row where the chain does not hold, and why (English, for operators)."""

    seq: int
    reason: str


def verify(rows: Iterable[tuple[int, Mapping[str, Any], str, str]]) -> tuple[int, Broken | None]:
    """Check ``(seq, fields, prev_hash, hash)`` rows given in sequence order.

    :returns: (rows checked, the first break or ``None``)
    """
    expected_prev, expected_seq, checked = GENESIS, 1, 0
    for seq, fields, prev_hash, hash_ in rows:
        checked += 1
        if seq != expected_seq:
            return checked, Broken(seq, f"row {expected_seq} is missing (next row is {seq})")
        if prev_hash != expected_prev:
            return checked, Broken(seq, "its link to the previous row does not match: "
                                        "the previous row was changed or replaced")
        if link_hash(prev_hash, seq, fields) != hash_:
            return checked, Broken(seq, "its content does not match its hash: the row was changed")
        expected_prev, expected_seq = hash_, seq + 1
    return checked, None
