"""Solr local params: `{!type=dismax qf='title name' v=$q}` in front of a query."""
from __future__ import annotations

import re

from .errors import SyntaxError_

_UNESCAPE = re.compile(r"\\(.)")
_LOCAL = re.compile(r"""\s*([\w.]+)(?:=(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([^\s}]*)))?""")


class LocalParams(dict[str, str]):
    """Local params by name (last wins) that also keep repeated keys in `pairs`."""

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[tuple[str, str]] = []

    def all(self, key: str) -> list[str]:
        return [v for k, v in self.pairs if k == key]


def split_local_params(text: str) -> tuple[LocalParams, str]:
    """`{!type=dismax qf=title v='x'}rest` -> ({'type': 'dismax', ...}, rest or v).

    Quoted values may hold `}` and nested local params, as in
    `{!bool must='{!term f=name}x'}`.
    """
    stripped = text.lstrip()
    params = LocalParams()
    if not stripped.startswith("{!"):
        return params, text
    pos, n = 2, len(stripped)
    first = True
    while True:
        while pos < n and stripped[pos].isspace():
            pos += 1
        if pos >= n:
            raise SyntaxError_(text, "Missing end to local params")
        if stripped[pos] == "}":
            break
        m = _LOCAL.match(stripped, pos)
        if not m or m.end() == pos:
            raise SyntaxError_(text, f"Invalid local params at {pos}")
        key = m.group(1)
        raw = next((g for g in m.groups()[1:] if g is not None), None)
        if raw is None and first:
            params["type"] = key
        elif raw is not None:
            value = _UNESCAPE.sub(r"\1", raw) if m.group(4) is None else raw
            params[key] = value
            params.pairs.append((key, value))
        first = False
        pos = m.end()
    rest = stripped[pos + 1:]
    if "v" in params:
        rest = params["v"]
    return params, rest
