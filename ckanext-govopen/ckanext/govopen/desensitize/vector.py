"""Vectorized check digits over polars string columns, with numpy.

Candidates (values of exactly 18 ASCII characters matching the shape) are joined into
one buffer and viewed as an (n, 18) byte matrix; a lookup table turns characters into
values and one matrix product gives every weighted sum. That is thousands of times
faster than a Python loop and is checked against the scalar validators in the tests.

* Resident ID (ISO 7064 MOD 11-2): weights 2^(17-i) mod 11, check "10X98765432"[sum % 11].
* USCC (GB 32100): alphabet 0-9 A-H J-N P-R T U W-Y, weights 3^i mod 31,
  check alphabet[(31 - sum % 31) % 31].
"""

from __future__ import annotations

import numpy as np
import polars as pl

from . import patterns as P

_ID_W = np.array([pow(2, 17 - i, 11) for i in range(17)], dtype=np.int64)
_USCC_W = np.array([pow(3, i, 31) for i in range(17)], dtype=np.int64)
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ID_CHECK = np.frombuffer(b"10X98765432", dtype=np.uint8)

_DIGIT = np.full(256, -1, dtype=np.int64)
_DIGIT[np.frombuffer(b"0123456789", dtype=np.uint8)] = np.arange(10)
_USCC_VAL = np.full(256, -1, dtype=np.int64)
_USCC_VAL[np.frombuffer(_USCC_ALPHABET.encode(), dtype=np.uint8)] = np.arange(31)
_ID_SHAPE = "^" + P.ID18 + "$"
_USCC_SHAPE = "^" + P.USCC + "$"


def _matrix(s: pl.Series, width: int = 18) -> np.ndarray:
    joined = s.str.join("").item() or ""
    return np.frombuffer(joined.encode("ascii"), dtype=np.uint8).reshape(-1, width)


def _id_ok(m: np.ndarray) -> np.ndarray:
    vals = _DIGIT[m[:, :17]]
    check = _ID_CHECK[(vals @ _ID_W) % 11]
    last = m[:, 17].copy()
    last[last == ord("x")] = ord("X")
    return check == last


def _uscc_ok(m: np.ndarray) -> np.ndarray:
    vals = _USCC_VAL[m]
    expected = (31 - (vals[:, :17] @ _USCC_W) % 31) % 31
    return expected == vals[:, 17]


def _masked(s: pl.Series, shape: str, fn: object) -> pl.Series:
    cand = s.str.contains(shape).fill_null(False)
    out = np.zeros(s.len(), dtype=bool)
    idx = cand.arg_true().to_numpy()
    if len(idx):
        out[idx] = fn(_matrix(s.gather(idx)))  # type: ignore[operator]
    return pl.Series(s.name, out)


def id18_valid(s: pl.Series) -> pl.Series:
    """18-character resident IDs with a plausible birth date and a correct check digit."""
    return _masked(s, _ID_SHAPE, _id_ok)


def uscc_valid(s: pl.Series) -> pl.Series:
    """Unified social credit codes with a correct check character."""
    return _masked(s, _USCC_SHAPE, _uscc_ok)


def luhn_valid(s: pl.Series) -> pl.Series:
    """Values of 2 to 19 ASCII digits whose Luhn check digit is right (bank cards)."""
    out = np.zeros(s.len(), dtype=bool)
    lengths = s.str.len_bytes()
    digits = s.str.contains(r"^[0-9]{2,19}$").fill_null(False)
    for n in lengths.filter(digits).unique().to_list():
        idx = (digits & (lengths == n)).arg_true()
        m = _matrix(s.gather(idx), n).astype(np.int64) - ord("0")
        # Every second digit from the right, the check digit excluded, is doubled.
        m[:, n - 2 :: -2] *= 2
        m -= 9 * (m > 9)
        out[idx.to_numpy()] = m.sum(axis=1) % 10 == 0
    return pl.Series(s.name, out)


def public_uscc(s: pl.Series) -> pl.Series:
    """Valid USCCs that are not also valid resident IDs (those count as IDs)."""
    return uscc_valid(s) & ~id18_valid(s)
