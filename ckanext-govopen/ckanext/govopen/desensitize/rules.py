"""Masking rules for classified columns, applied to whole columns at once.

Every rule is "recognized -> transform, otherwise mask everything": the common shapes are
recognized with a cheap anchored regex (no capture groups, so Rust's DFA runs) and
transformed by slicing; rarer shapes go through one anchored replace whose last
alternative matches any non-blank value and yields only stars, which then become the
full mask. No value can leave a rule unchanged. Null and blank cells stay as they are.
"""

from __future__ import annotations

import base64
import hmac
from collections.abc import Callable

import polars as pl

from . import patterns as P
from .errors import PolicyError
from .policy import Policy, RuleSpec
from .vector import public_uscc

_ANY = r"(?s:.*\S.*)"


def _blank(s: pl.Series) -> pl.Series:
    return (s.is_null() | (s.str.strip_chars() == "")).fill_null(True)


def _on_rows(
    out: pl.Series, rows: pl.Series, fn: Callable[[pl.Series], pl.Series]
) -> pl.Series:
    """Apply ``fn`` to the rows where ``rows`` is True and put the results back."""
    idx = rows.arg_true()
    if idx.len() == 0:
        return out
    fixed = fn(out.gather(idx))
    out = out.clone()
    out.scatter(idx, fixed)
    return out


def _regex_or_full(
    s: pl.Series, pattern: str, head: str, stars: str, tail: str, full: str
) -> pl.Series:
    out = s.str.replace(
        r"^\s*(?:" + pattern + "|" + _ANY + r")\s*$", head + stars + tail
    )
    return pl.select(
        pl.when(out == stars).then(pl.lit(full)).otherwise(out)
    ).to_series()


def _fast_then_regex(
    s: pl.Series,
    shape: str,
    fast: Callable[[pl.Series], pl.Series],
    slow: Callable[[pl.Series], pl.Series],
) -> pl.Series:
    """``fast`` (slicing) where the stripped value has ``shape``; ``slow`` on the rest.
    Blank cells are restored by ``apply_rule``."""
    v = s.str.strip_chars()
    ok = v.str.contains(shape).fill_null(False)
    out = pl.select(pl.when(ok).then(fast(v)).otherwise(v)).to_series()
    return _on_rows(out, ~ok & (v.str.len_bytes() > 0).fill_null(False), slow)


def _id_card(s: pl.Series, spec: RuleSpec, full: str) -> pl.Series:
    p, sfx = spec.keep_prefix, spec.keep_suffix
    s15 = min(sfx, 3)

    def fast(v: pl.Series) -> pl.Series:
        return v.str.slice(0, p) + "*" * (18 - p - sfx) + v.str.slice(18 - sfx, sfx)

    def slow(v: pl.Series) -> pl.Series:
        pat = f"(?P<a>[0-9]{{{p}}})[0-9]{{{15 - p - s15}}}(?P<b>[0-9]{{{s15}}})"
        return _regex_or_full(v, pat, "${a}", "*" * (18 - p - sfx), "${b}", full)

    return _fast_then_regex(s, r"^[0-9]{17}[0-9Xx]$", fast, slow)


def _phone(s: pl.Series, spec: RuleSpec, full: str) -> pl.Series:
    p, sfx = spec.keep_prefix, spec.keep_suffix

    def fast(v: pl.Series) -> pl.Series:
        return v.str.slice(0, p) + "*" * (11 - p - sfx) + v.str.slice(11 - sfx, sfx)

    def slow(v: pl.Series) -> pl.Series:
        head = ["1", "[3-9]", "[0-9]"]
        mobile = (
            r"(?:\+?86[- ]?)?(?P<ma>"
            + "".join(head[:p])
            + ")"
            + "".join(head[p:])
            + rf"[- ]?[0-9]{{4}}[- ]?[0-9]{{{4 - sfx}}}(?P<mb>[0-9]{{{sfx}}})"
        )
        land = (
            rf"[(（]?(?P<la>0[1-9][0-9]{{1,2}})[)）]?[- ]?[0-9]{{{7 - sfx},{8 - sfx}}}"
            rf"(?P<lb>[0-9]{{{sfx}}})(?:(?:-|转|ext\.?)[0-9]{{1,6}})?"
        )
        return _regex_or_full(
            v, mobile + "|" + land, "${ma}${la}", "****", "${mb}${lb}", full
        )

    return _fast_then_regex(s, r"^1[3-9][0-9]{9}$", fast, slow)


def _email(s: pl.Series, spec: RuleSpec, full: str) -> pl.Series:
    def fast(v: pl.Series) -> pl.Series:
        return (
            v.str.slice(0, spec.keep_prefix)
            + "***"
            + v.str.slice(v.str.find("@", literal=True))
        )

    def slow(v: pl.Series) -> pl.Series:
        return pl.Series(v.name, [full] * v.len(), dtype=pl.String)

    shape = rf"^[A-Za-z0-9._%+-]{{{max(spec.keep_prefix, 1)},}}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{{2,}}$"
    return _fast_then_regex(s, shape, fast, slow)


def _bank_card(s: pl.Series, spec: RuleSpec, full: str) -> pl.Series:
    p, sfx = spec.keep_prefix, spec.keep_suffix
    compact = _on_rows(
        s,
        s.str.contains(r"[\s-]").fill_null(False),
        lambda v: v.str.replace_all(r"[\s-]", ""),
    )

    def fast(v: pl.Series) -> pl.Series:
        return (
            v.str.slice(0, p) + "******" + v.str.tail(sfx)
            if sfx
            else v.str.slice(0, p) + "******"
        )

    def slow(v: pl.Series) -> pl.Series:
        return pl.Series(v.name, [full] * v.len(), dtype=pl.String)

    return _fast_then_regex(compact, r"^[0-9]{16,19}$", fast, slow)


def _name(s: pl.Series, spec: RuleSpec, full: str) -> pl.Series:
    v = s.str.strip_chars()
    han = v.str.contains(r"^" + P.render(P.NAME_HAN, P.RUST) + "$")
    latin = v.str.contains(r"^[A-Za-z][A-Za-z .'-]{0,60}$")
    head = v.str.slice(0, spec.keep_prefix)
    return pl.select(
        pl.when(han)
        .then(head.str.pad_end(v.str.len_chars(), "*"))
        .when(latin)
        .then(head + "***")
        .otherwise(pl.lit(full))
    ).to_series()


def _passport(s: pl.Series, spec: RuleSpec, full: str) -> pl.Series:
    p = spec.keep_prefix
    pat = rf"(?P<a>[A-Za-z0-9]{{{p}}})[A-Za-z0-9]{{{6 - p},{14 - p}}}"
    return _regex_or_full(s, pat, "${a}", "********", "", full)


def _plate(s: pl.Series, spec: RuleSpec, full: str) -> pl.Series:
    head = ["[" + P.PROVINCE_ABBR + "]", "[A-Za-z]"]
    p = spec.keep_prefix
    pat = (
        "(?P<a>"
        + "".join(head[:p])
        + ")"
        + "".join(head[p:])
        + "[A-Za-z0-9]{4,5}[A-Za-z0-9挂学警港澳领使]"
    )
    return _regex_or_full(s, pat, "${a}", "*****", "", full)


def _birth_date(s: pl.Series, spec: RuleSpec, full: str) -> pl.Series:
    pat = (
        r"(?P<y>(?:18|19|20)[0-9]{2})(?:[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?(?:[ T][0-9:.]+)?"
        r"|[0-9]{4})"
    )
    return _regex_or_full(s, pat, "${y}", "-**-**", "", full)


def _address(s: pl.Series, spec: RuleSpec, full: str, token: str) -> pl.Series:
    # extract_all of an anchored pattern finds the one prefix without capture groups.
    kept = (
        s.str.extract_all(P.address_prefix(spec.level)).list.first().str.strip_chars()
    )
    return pl.select(
        pl.when(kept.str.len_chars() > 0).then(kept + token).otherwise(pl.lit(full))
    ).to_series()


def _uscc(s: pl.Series, spec: RuleSpec, full: str) -> pl.Series:
    if spec.rule != "keep":
        return pl.Series(s.name, [full] * s.len(), dtype=pl.String)
    ok = public_uscc(s.str.strip_chars())
    return pl.select(pl.when(ok).then(s).otherwise(pl.lit(full))).to_series()


_MASKERS = {
    "id_card": _id_card,
    "phone": _phone,
    "name": _name,
    "email": _email,
    "bank_card": _bank_card,
    "passport": _passport,
    "plate": _plate,
    "birth_date": _birth_date,
    "uscc": _uscc,
}


def apply_rule(
    col_type: str, spec: RuleSpec, policy: Policy, s: pl.Series
) -> pl.Series:
    """The masked column of a classified (not free-text, not pseudonymized) column."""
    full = policy.full_mask
    if col_type == "public":
        return s
    if spec.rule == "remove":
        out = pl.Series(s.name, [full] * s.len(), dtype=pl.String)
    elif col_type == "address":
        out = _address(s, spec, full, policy.mask_token)
    else:
        out = _MASKERS[col_type](s, spec, full)
    return (
        pl.select(pl.when(_blank(s)).then(s).otherwise(out)).to_series().alias(s.name)
    )


# --- keyed pseudonyms -----------------------------------------------------------------
# Base32 with letters only: a pseudonym never holds a digit run that a verifier (or a
# reader) would take for a phone or ID number.
_LETTERS = bytes.maketrans(b"234567", b"stuvwx")


def pseudonym(value: str, col_type: str, secret: bytes) -> str:
    norm = value.strip() if col_type == "name" else value.strip().upper()
    digest = hmac.digest(secret, f"{col_type}\x1f{norm}".encode(), "sha256")
    return "PS_" + base64.b32encode(digest[:10]).translate(_LETTERS).decode().lower()


def pseudonymize(
    series: pl.Series, col_type: str, secret: bytes | None, header: str
) -> pl.Series:
    if not secret:
        raise PolicyError("secret_required", column=header)
    uniq = series.drop_nulls().unique()
    mapping = {
        v: (pseudonym(v, col_type, secret) if v.strip() else v) for v in uniq.to_list()
    }
    return series.replace_strict(mapping, default=None, return_dtype=pl.String)
