"""Decide each column's type from its header and a content sample.

Content that validates as a hard identifier (resident ID, phone, e-mail, bank card,
passport, plate, USCC) wins over any header: headers lie ("编号" holding ID numbers),
check digits rarely do. A personal header wins over fuzzy content (names, addresses).
Whatever stays unclassified is free text and goes through the backstop scan, so a wrong
guess here costs masking quality, never a leak.
"""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass

import polars as pl

from . import patterns as P
from . import vector
from .headers import header_type
from .policy import Policy
from .surnames import COMPOUND, SINGLE

HARD_TYPES = ("uscc", "id_card", "bank_card", "phone", "email", "passport", "plate")
SOFT_TYPES = ("name", "address")
_NOT_A_NAME_END = "(?:区|县|市|省|州|镇|乡|村|街道|社区|路|街|局|厅|所|站|院|委|会|办|科|处|队|中心|公司)$"


@dataclass
class ColumnPlan:
    index: int
    header: str
    col_type: str
    source: str  # header | content | header+content | policy | default
    rule: str
    confidence: float = 0.0
    header_type: str | None = None
    content_type: str | None = None


def _anchored(pattern: str) -> str:
    return r"^\s*(?:" + pattern + r")\s*$"


def _content_scores(values: pl.Series) -> dict[str, float]:
    """Share of the (non-empty) sampled values that validate as each type."""
    n = values.len()
    if n == 0:
        return {}
    v = values.str.strip_chars()
    id18 = vector.id18_valid(v)
    compact = v.str.replace_all(r"[- ]", "")
    # Check digits in numpy; every other test in one polars query.
    frame = pl.DataFrame(
        {
            "v": v,
            "id18": id18,
            "uscc": vector.uscc_valid(v) & ~id18,
            "compact": compact,
            "card": vector.luhn_valid(compact),
        }
    )
    col = pl.col("v")
    upper = col.str.to_uppercase()
    county = (
        col.str.extract_all(P.address_prefix("county")).list.first().str.strip_chars()
    )
    # Excel turns long numbers into floats: 1.3800138E+10 was a phone, x.xE+14/17 an ID,
    # x.xE+15..18 maybe a card. Such values support those types (their rules mask them
    # whole); a card also needs its Luhn check, which a lost number cannot pass.
    lost = {
        t: col.str.contains(r"^[1-9](?:\.[0-9]+)?[Ee]\+?" + exponents + "$")
        for t, exponents in (("phone", "10"), ("id_card", "1[47]"))
    }
    flags = {
        "id_card": pl.col("id18")
        | col.str.contains(_anchored(P.ID15))
        | lost["id_card"],
        "uscc": pl.col("uscc"),
        "phone": col.str.contains(_anchored(P.MOBILE + "|" + P.LANDLINE))
        | lost["phone"],
        "email": col.str.contains(_anchored(P.EMAIL)),
        "passport": upper.str.contains(_anchored(P.PASSPORT)),
        "plate": upper.str.contains(_anchored(P.PLATE)),
        "bank_card": pl.col("compact").str.contains(_anchored(P.BANK_CARD))
        & pl.col("card"),
        "name": col.str.contains(_anchored(P.render(P.NAME_HAN, P.RUST)))
        & (col.str.len_chars() <= 4)
        & (
            col.str.slice(0, 1).is_in(list(SINGLE))
            | col.str.slice(0, 2).is_in(list(COMPOUND))
        )
        # 万柏林区, 高新区, 文化局: places and offices that start like a surname.
        & ~col.str.contains(_NOT_A_NAME_END),
        "address": (county.str.len_chars() >= 3)
        & col.str.contains(P.ADDRESS_DETAIL)
        & (col.str.len_chars() >= 6),
    }
    sums = frame.select(
        f.fill_null(False).sum().alias(k) for k, f in flags.items()
    ).row(0, named=True)
    return {k: float(x or 0) / n for k, x in sums.items()}


def _sample(series: pl.Series, size: int) -> pl.Series:
    """The first ``size`` non-blank values (looking further only when the head is sparse)."""
    for window in (size * 4, None):
        s = series.head(window) if window else series
        s = s.drop_nulls()
        s = s.filter(s.str.strip_chars() != "")
        if s.len() >= size or window is None:
            return s.head(size)
    return s


def classify(
    headers: list[str],
    first_batch: pl.DataFrame,
    policy: Policy,
    pool: Executor | None = None,
) -> list[ColumnPlan]:
    """The plan of every column. With a ``pool`` the columns are sampled and scored on
    it (the job waits for the plans before any masking starts)."""

    def score(idx: int) -> dict[str, float]:
        values = _sample(first_batch.to_series(idx), policy.content_sample_rows)
        return _content_scores(values)

    indexes = range(len(headers))
    all_scores = list(pool.map(score, indexes) if pool else map(score, indexes))
    plans = []
    for idx, header in enumerate(headers):
        override = policy.columns.get(header, {})
        h_type = header_type(header)
        scores = all_scores[idx]
        c_type, conf = None, 0.0
        for t in (*HARD_TYPES, *SOFT_TYPES):
            if scores.get(t, 0.0) >= policy.content_threshold and scores[t] > conf:
                c_type, conf = t, scores[t]
        if "type" in override:
            col_type, source = override["type"], "policy"
        elif c_type in HARD_TYPES:
            col_type = c_type
            source = "header+content" if h_type == c_type else "content"
        elif h_type is not None and h_type != "free_text":
            col_type = h_type
            source = "header+content" if h_type == c_type else "header"
        elif c_type is not None:
            col_type, source = c_type, "content"
        else:
            col_type, source = "free_text", "header" if h_type else "default"
        rule = policy.rule_for(col_type, header).rule
        plans.append(
            ColumnPlan(
                idx, header, col_type, source, rule, round(conf, 3), h_type, c_type
            )
        )
    return plans
