"""The backstop for free text and unclassified columns.

One regex (``patterns.freetext``) masks every standalone run of 11–19 digits (phones, IDs,
bank cards, and some harmless long numbers too — fail closed), spaced phone and card
forms, landlines with area codes, e-mail addresses and scientific-notation numbers whose
digits Excel lost. A name after a cue such as 联系人 is masked up to the word that ends
it (联系人王*电话…; two or three ideographs when no such word follows), and so are the
table's own names: the row's name anywhere in its free text, and the batch's most
frequent names. Each step runs only on the rows its cheap prefilter selects.

Tokens the regex cannot judge go to a Python path, cell by cell: digit runs glued to ASCII
letters ("tel13800138000") and all-digit 18-character tokens that are valid unified social
credit codes, which must stay readable. Those cells are rare; a vectorized token
extraction finds them.
"""

from __future__ import annotations

import itertools
import re

import polars as pl

from . import patterns as P
from .policy import Policy
from .rules import _on_rows
from .validators import is_public_uscc
from .vector import public_uscc

_FULLWIDTH = {c: str(i) for i, c in enumerate(P.FULLWIDTH_DIGITS)}
_ALL_DIGITS_OR_ID_X = re.compile(r"[0-9]+|[0-9]{17}[Xx]")
_LONG_RUN = re.compile(r"[0-9]{11,}[Xx]?")
_SCI = re.compile(P.render(r"{B}" + P.SCI_NUMBER + r"{B}", P.PY), re.ASCII)
_NEEDS_TOKEN_CHECK = P.render(
    r"[A-Za-z_][0-9]{11}|[0-9]{11}[A-Za-z_]|{B}[0-9]{18}{B}", P.RUST
)
_PLACEHOLDER = re.compile("\ue000([\ue100-\ue109]+)\ue001")


def mask_name(name: str, keep: int = 1) -> str:
    return name[:keep] + "*" * max(len(name) - keep, 1)


def _encode_index(i: int) -> str:
    # Private-use characters: not ASCII word characters and not digits, so no pattern sees
    # them as part of a token.
    return "\ue000" + "".join(chr(0xE100 + int(d)) for d in str(i)) + "\ue001"


class FreeTextScrubber:
    def __init__(self, policy: Policy) -> None:
        spec = policy.rules["free_text"]
        self.prefix, self.suffix = spec.keep_prefix, spec.keep_suffix
        self.token = policy.mask_token
        self.main_rs, self.main_rs_tmpl = P.freetext(
            P.RUST, self.prefix, self.suffix, self.token
        )
        main_py, self.main_py_tmpl = P.freetext(
            P.PY, self.prefix, self.suffix, self.token
        )
        self.main_py = re.compile(main_py, re.ASCII)
        self.cue_rs = P.name_cue(P.RUST, self.token)
        self.cue_py = [(re.compile(p), t) for p, t in P.name_cue(P.PY, self.token)]
        self.cue_full, self.cue_head, self.cue_stop = P.cue_names_pattern()
        self.name_keep = policy.rules["name"].keep_prefix

    def scrub(
        self, s: pl.Series, row_names: pl.Series | None, top: list[str]
    ) -> tuple[pl.Series, int]:
        """The scrubbed column and the number of cells that took the Python path."""
        return self.scrub_many([s], row_names, top)[0]

    def scrub_many(
        self, columns: list[pl.Series], row_names: pl.Series | None, top: list[str]
    ) -> list[tuple[pl.Series, int]]:
        """``scrub`` for several columns of one batch. The batch's frequent names are
        searched in all of them at once: building the Aho-Corasick automaton of a few
        thousand names costs more than searching a slice of rows with it."""
        steps = [self._scrub_regex(s, row_names) for s in columns]
        outs = [out for out, _, _ in steps]
        if top and outs:
            masked = [mask_name(n, self.name_keep) for n in top]
            both = pl.concat(outs) if len(outs) > 1 else outs[0]
            both = _on_rows(
                both,
                both.str.contains_any(top).fill_null(False),
                lambda v: v.str.replace_many(top, masked),
            )
            starts = itertools.accumulate((out.len() for out in outs[:-1]), initial=0)
            outs = [both.slice(a, out.len()) for a, out in zip(starts, outs)]
        names_re = None
        results = []
        for s, out, (_, slow, texts) in zip(columns, outs, steps):
            if slow:
                if names_re is None and top:
                    names_re = re.compile("|".join(map(re.escape, top)))
                fixed = [
                    self.scrub_py(
                        text, row_names[r] if row_names is not None else None, names_re
                    )
                    for r, text in zip(slow, texts)
                ]
                out = out.clone()
                out.scatter(slow, fixed)
            results.append((out.alias(s.name), len(slow)))
        return results

    def _scrub_regex(
        self, s: pl.Series, row_names: pl.Series | None
    ) -> tuple[pl.Series, list[int], list[str]]:
        """Identifiers, cue names and the row's own name masked; the rows (and their
        translated text) that need the Python path."""
        out, slow, texts = s, [], []
        cand = s.str.contains(P.FREETEXT_CANDIDATE).fill_null(False).arg_true()
        if cand.len():
            # Only candidates can hold digits that matter, so only they are translated.
            sub = s.gather(cand)
            if sub.str.contains("[０-９]").any():
                sub = sub.str.replace_many(_FULLWIDTH)
            out = s.clone()
            out.scatter(cand, sub.str.replace_all(self.main_rs, self.main_rs_tmpl))
            local = self._slow_rows(sub)
            slow = cand.gather(local).to_list()
            texts = sub.gather(local).to_list()
        out = _on_rows(
            out, out.str.contains_any(P.NAME_CUE_WORDS).fill_null(False), self._cues
        )
        if row_names is not None:
            out = self._same_row(out, row_names)
        return out, slow, texts

    def _cues(self, v: pl.Series) -> pl.Series:
        for pattern, template in self.cue_rs:
            v = v.str.replace_all(pattern, template)
        return v

    def cue_names(self, s: pl.Series) -> set[str]:
        """The names written after a cue in ``s`` (before masking), for the
        verification: the masker saw them, so none may be left in the output."""
        sub = s.filter(s.str.contains_any(P.NAME_CUE_WORDS).fill_null(False))
        if sub.len() == 0:
            return set()
        found = sub.str.extract_all(self.cue_full).explode().drop_nulls()
        names = found.str.replace(self.cue_head, "").str.replace(self.cue_stop, "")
        return set(names.filter(names.str.len_chars() >= 2).unique().to_list())

    def _same_row(self, out: pl.Series, names: pl.Series) -> pl.Series:
        frame = pl.DataFrame({"o": out, "n": names.str.strip_chars()})
        n = pl.col("n")
        hit = frame.select(
            (
                (n.str.len_chars() >= 2) & pl.col("o").str.contains(n, literal=True)
            ).fill_null(False)
        ).to_series()
        idx = hit.arg_true()
        if idx.len() == 0:
            return out
        sub = frame[idx]
        masked = n.str.slice(0, self.name_keep).str.pad_end(n.str.len_chars(), "*")
        fixed = sub.select(pl.col("o").str.split(n).list.join(masked)).to_series()
        out = out.clone()
        out.scatter(idx, fixed)
        return out

    @staticmethod
    def _slow_rows(cand: pl.Series) -> pl.Series:
        """Positions of the candidate cells holding a token the regex cannot judge (see
        the module docstring)."""
        # Only glued tokens and 18-digit tokens can need the Python path; most candidate
        # cells (plain phones, IDs with a valid check digit) hold neither.
        idx = cand.str.contains(_NEEDS_TOKEN_CHECK).fill_null(False).arg_true()
        if idx.len() == 0:
            return idx
        tokens = cand.gather(idx).str.extract_all(P.LONG_DIGIT_TOKEN_RUST)
        flat = pl.DataFrame({"r": idx, "t": tokens}).explode("t").drop_nulls("t")
        if flat.height == 0:
            return flat["r"]
        t = flat["t"]
        all_digits = t.str.contains(r"^[0-9]+$")
        id_x = t.str.contains(r"^[0-9]{17}[Xx]$")
        public = public_uscc(t)
        slow = (all_digits & public) | (~all_digits & ~id_x & ~public)
        return flat["r"].filter(slow).unique().sort()

    # -- Python path (same semantics, token-aware) --------------------------------------
    def _mask_run(self, m: re.Match[str]) -> str:
        run = m.group(0)
        if len(run) > 19 and run.isdigit():
            return run  # not an identifier length; the verifier ignores it too
        suffix = min(self.suffix, 3) if len(run) == 15 else self.suffix
        return (
            run[: self.prefix]
            + self.token
            + (run[len(run) - suffix :] if suffix else "")
        )

    def scrub_py(
        self, text: str, row_name: str | None, names_re: re.Pattern[str] | None
    ) -> str:
        text = text.translate(P.FULLWIDTH_TABLE)
        kept: list[str] = []

        def token(m: re.Match[str]) -> str:
            tok = m.group(0)
            if len(tok) < 11 or not re.search(r"[0-9]{11}", tok):
                return tok
            if is_public_uscc(tok):
                kept.append(tok)
                return _encode_index(len(kept) - 1)
            if _ALL_DIGITS_OR_ID_X.fullmatch(tok):
                return tok  # the main pattern handles standalone runs
            return _LONG_RUN.sub(self._mask_run, tok)

        text = _SCI.sub(
            self.token, text
        )  # before tokens split 1.1010519491231e+17 apart
        text = P.TOKEN_PY.sub(token, text)
        text = self.main_py.sub(self.main_py_tmpl, text)
        for pattern, template in self.cue_py:
            text = pattern.sub(template, text)
        name = (row_name or "").strip()
        if len(name) >= 2:
            text = text.replace(name, mask_name(name, self.name_keep))
        if names_re is not None:
            text = names_re.sub(lambda m: mask_name(m.group(0), self.name_keep), text)
        if kept:
            text = _PLACEHOLDER.sub(
                lambda m: kept[int("".join(str(ord(c) - 0xE100) for c in m.group(1)))],
                text,
            )
        return text


def top_names(name_series: list[pl.Series], limit: int) -> list[str]:
    """The most frequent name-shaped values of the batch's name columns, longest first
    (so 欧阳娜娜 is replaced before 欧阳娜)."""
    if limit <= 0 or not name_series:
        return []
    s = pl.concat([x.str.strip_chars() for x in name_series]).drop_nulls()
    s = s.filter(
        s.str.contains("^" + P.render(P.NAME_HAN, P.RUST) + "$")
        & (s.str.len_chars() <= 4)
    )
    if s.len() == 0:
        return []
    counts = s.value_counts(sort=True).head(limit)
    return sorted(counts[counts.columns[0]].to_list(), key=len, reverse=True)
