"""k-anonymity over quasi-identifiers, measured on the masked output.

Two passes over the finished (temporary) output: count the equivalence classes, then
rewrite it with every cell of the rows in classes smaller than k replaced by ``*`` (row
suppression keeps the row count, so row numbers in the report still match).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl

from .report import TableReport
from .tables import Sink, Source

_NULL = "\x00"


def _key(frame: pl.DataFrame, cols: list[str]) -> pl.Series:
    return frame.select(
        pl.concat_str(
            [pl.col(c).fill_null(_NULL) for c in cols], separator="\x1f"
        ).alias("k")
    )["k"]


def apply(
    open_source: Callable[[], Source],
    sink: Sink,
    k: int,
    quasi_identifiers: tuple[str, ...],
    tables: list[TableReport],
) -> dict[str, Any]:
    counts: list[dict[str, int]] = []
    qi_cols: list[list[str]] = []
    missing: set[str] = set()
    for table in open_source().tables():
        idx = {h: i for i, h in enumerate(table.headers)}
        cols = [f"c{idx[q]}" for q in quasi_identifiers if q in idx]
        missing.update(q for q in quasi_identifiers if q not in idx)
        qi_cols.append(cols)
        merged: dict[str, int] = {}
        if cols:
            for batch in table.batches():
                vc = _key(batch.frame, cols).value_counts()
                for key, n in vc.iter_rows():
                    merged[key] = merged.get(key, 0) + n
        counts.append(merged)
    small_classes = 0
    for t_index, table in enumerate(open_source().tables()):
        small = {key for key, n in counts[t_index].items() if n < k}
        small_classes += len(small)
        sink.begin_table(table.name, table.headers)
        for batch in table.batches():
            frame = batch.frame
            if small:
                hit = _key(frame, qi_cols[t_index]).is_in(list(small))
                rows = hit.arg_true().to_list()
                if rows:
                    tables[t_index].suppressed_rows.add(
                        [batch.first_row + r for r in rows]
                    )
                    frame = frame.with_columns(
                        pl.when(hit).then(pl.lit("*")).otherwise(pl.col(c)).alias(c)
                        for c in frame.columns
                    )
            sink.write(frame)
    return {
        "k": k,
        "quasi_identifiers": list(quasi_identifiers),
        "missing_columns": sorted(missing),
        "classes_below_k": small_classes,
        "suppressed_rows": sum(t.suppressed_rows.count for t in tables),
    }
