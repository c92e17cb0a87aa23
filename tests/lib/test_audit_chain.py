"""The hash chain finds a changed, a deleted and a replaced row."""
from __future__ import annotations

import datetime as dt

from ckanext.govopen.lib.audit_chain import GENESIS, canonical, link_hash, verify


def _chain(n: int) -> list[tuple[int, dict, str, str]]:
    rows, prev = [], GENESIS
    for seq in range(1, n + 1):
        fields = {"event": "download", "actor": f"用户{seq}", "size": seq * 10,
                  "created": dt.datetime(2026, 12, 1, 8, 0, seq)}
        h = link_hash(prev, seq, fields)
        rows.append((seq, fields, prev, h))
        prev = h
    return rows


def test_an_intact_chain_verifies() -> None:
    assert verify(_chain(5)) == (5, None)
    assert verify([]) == (0, None)


def test_a_changed_field_names_its_row() -> None:
    rows = _chain(5)
    rows[2][1]["size"] = 999
    _checked, broken = verify(rows)
    assert broken is not None and broken.seq == 3 and "changed" in broken.reason


def test_a_deleted_row_is_found() -> None:
    rows = _chain(5)
    del rows[1]
    _, broken = verify(rows)
    assert broken is not None and broken.seq == 3 and "row 2 is missing" in broken.reason


def test_a_row_rehashed_after_a_change_breaks_the_next_link() -> None:
    rows = _chain(4)
    seq, fields, prev, _ = rows[1]
    fields["actor"] = "someone else"
    rows[1] = (seq, fields, prev, link_hash(prev, seq, fields))
    _, broken = verify(rows)
    assert broken is not None and broken.seq == 3


def test_canonical_json_ignores_key_order_and_keeps_chinese() -> None:
    assert canonical({"b": 1, "a": "申请"}) == canonical({"a": "申请", "b": 1}) == '{"a":"申请","b":1}'
