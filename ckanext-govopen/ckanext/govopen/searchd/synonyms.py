"""Synonyms and abbreviations, in Solr's synonyms.txt format, applied at query time.

The shipped ``synonyms.txt`` (next to this module) is the same file the production
Solr configset uses (docker/). A line ``a, b, c`` makes the words equivalent;
``a => b, c`` sends a query for ``a`` also to ``b`` and ``c``; ``#`` starts a comment.
Sysadmins add their own lines in extra files (the portal's 同义词 page writes one);
searchd re-reads a file whose modification time changed, at most every
``RECHECK`` seconds, so an edit applies to the next queries without a reindex:
expansion happens on the query side only.

A rule applies inside a longer query word too: 省发改委 also searches
省发展和改革委员会. Both sides are folded to simplified characters and lowercased.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from .chinese import fold

log = logging.getLogger(__name__)

SHIPPED = Path(__file__).with_name("synonyms.txt")
RECHECK = 2.0
MAX_VARIANTS = 8

Rules = dict[str, tuple[str, ...]]


def _norm(text: str) -> str:
    return " ".join(fold(text).lower().split())


def _split(part: str) -> list[str]:
    return [w for w in (_norm(x) for x in part.replace("\\,", "\x00").split(",")) if w]


def parse(text: str) -> Rules:
    """Rules from synonyms.txt text: each word -> the words a query for it also finds."""
    rules: dict[str, dict[str, None]] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if "=>" in line:
            left, _, right = line.partition("=>")
            sources, targets = _split(left), _split(right)
        else:
            sources = targets = _split(line)
        for source in sources:
            bucket = rules.setdefault(source, {})
            for target in targets:
                if target != source:
                    bucket.setdefault(target, None)
    return {k: tuple(v) for k, v in rules.items() if v}


def check(text: str) -> list[str]:
    """Problems a person should fix before saving a synonyms text (empty: fine)."""
    problems = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.count("=>") > 1:
            problems.append(f"{number}: more than one '=>'")
        elif "=>" in line:
            left, _, right = line.partition("=>")
            if not _split(left) or not _split(right):
                problems.append(f"{number}: '=>' needs words on both sides")
        elif len(_split(line)) < 2:
            problems.append(f"{number}: a line needs at least two words separated by ','")
    return problems


class Synonyms:
    """The shipped rules plus sysadmins' files, reloaded when a file changes."""

    def __init__(self, paths: Sequence[str | os.PathLike[str]] = (SHIPPED,)) -> None:
        self.paths = [Path(p) for p in paths]
        self._lock = threading.Lock()
        self._stamps: tuple[float | None, ...] = ()
        self._checked = 0.0
        self._rules: Rules = {}
        self._keys: tuple[str, ...] = ()
        self._load()

    def _stat(self) -> tuple[float | None, ...]:
        stamps: list[float | None] = []
        for path in self.paths:
            try:
                stamps.append(path.stat().st_mtime)
            except OSError:
                stamps.append(None)
        return tuple(stamps)

    def _load(self) -> None:
        stamps = self._stat()
        merged: dict[str, dict[str, None]] = {}
        for path, stamp in zip(self.paths, stamps):
            if stamp is None:
                continue
            try:
                rules = parse(path.read_text("utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                log.warning("cannot read synonyms %s: %s", path, exc)
                continue
            for key, targets in rules.items():
                bucket = merged.setdefault(key, {})
                for target in targets:
                    bucket.setdefault(target, None)
        self._rules = {k: tuple(v) for k, v in merged.items()}
        # Longest first: 人力资源和社会保障厅 before 社会保障.
        self._keys = tuple(sorted(self._rules, key=len, reverse=True))
        self._stamps = stamps
        self._checked = time.monotonic()

    def _fresh(self) -> None:
        if time.monotonic() - self._checked < RECHECK:
            return
        with self._lock:
            if time.monotonic() - self._checked < RECHECK:
                return
            if self._stat() != self._stamps:
                self._load()
            else:
                self._checked = time.monotonic()

    def variants(self, word: str) -> list[str]:
        """Other forms of one query word (its rules applied where they occur in it)."""
        self._fresh()
        text = _norm(word)
        if not text:
            return []
        rules, out = self._rules, []
        for key in self._keys:
            # Chinese has no spaces, so a rule applies inside a word; a Latin one (ppi)
            # only to the whole word (not to happiness).
            if key not in text or (key.isascii() and key != text):
                continue
            for target in rules[key]:
                variant = text.replace(key, target)
                if variant != text and variant not in out:
                    out.append(variant)
                    if len(out) >= MAX_VARIANTS:
                        return out
        return out
