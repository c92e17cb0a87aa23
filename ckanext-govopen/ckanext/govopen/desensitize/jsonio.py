"""JSON tables: an array of objects, an object wrapping one such array at any depth
(``{"code": 0, "data": [...]}``; its other strings are scrubbed as free text), or JSON
Lines. Parsed whole (the standard library has no streaming parser), so the size is capped
by ``limits.json_max_bytes``. Several arrays of records are refused: which one is the
table is the agency's to say.

Cells become text for the engine; on output, a value that the engine left unchanged gets
its original JSON value back (numbers stay numbers), a changed one becomes the masked
string. Keys absent from an object stay absent.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polars as pl

from .errors import EncodingError, MalformedInputError, TooLargeError
from .tables import Batch, internal_names


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False)


def _decode(raw: bytes) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    if b"\x00" in raw:
        raise EncodingError(
            "unknown_encoding", detail="NUL bytes (UTF-16/UTF-32 or binary data?)"
        )
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise EncodingError("unknown_encoding", detail="neither UTF-8 nor GB18030")


class JsonTable:
    def __init__(self, name: str, records: list[dict[str, Any]]) -> None:
        self.name = name
        self.records = records
        keys: dict[str, None] = {}
        for rec in records:
            keys.update(dict.fromkeys(rec))
        self.headers = list(keys)

    def batches(self) -> Iterator[Batch]:
        if not self.headers:
            return
        names = internal_names(len(self.headers))
        columns = {
            n: [_text(rec.get(h)) for rec in self.records]
            for n, h in zip(names, self.headers)
        }
        yield Batch(pl.DataFrame(columns, schema={n: pl.String for n in names}), 1)


_MAX_DEPTH = 8


def _record_arrays(
    node: Any, path: tuple[str, ...], depth: int = 0
) -> Iterator[tuple[str, ...]]:
    """Paths of the arrays of objects inside a wrapper object (``{"data": [...]}``,
    ``{"result": {"rows": [...]}}``); an empty array counts, it may be the records."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _record_arrays(value, (*path, str(key)), depth + 1)
    elif isinstance(node, list) and path and all(isinstance(x, dict) for x in node):
        yield path


def _get(node: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        node = node[key]
    return node


def _json_lines(text: str) -> list[dict[str, Any]] | None:
    """Records of a JSON Lines file, or None when the text is not one."""
    records = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            return None
        if not isinstance(item, dict):
            return None
        records.append(item)
    return records if len(records) > 1 else None


class JsonLayout:
    """Where the records sit: ``kind`` is "array", "wrapped" (``path`` inside ``root``)
    or "lines" (JSON Lines)."""

    def __init__(self, kind: str, path: tuple[str, ...] = (), root: Any = None) -> None:
        self.kind, self.path, self.root = kind, path, root

    def describe(self) -> dict[str, Any]:
        where = "$" + "".join(f".{k}" for k in self.path)
        return {"json_layout": self.kind, "records_path": where}


def _layout(text: str) -> tuple[JsonLayout, list[Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        records = _json_lines(text)
        if records is None:
            raise MalformedInputError(
                "bad_json", row=exc.lineno, detail=exc.msg
            ) from None
        return JsonLayout("lines"), records
    if isinstance(data, list):
        return JsonLayout("array"), data
    if not isinstance(data, dict):
        raise MalformedInputError("json_not_table", row=0)
    paths = list(_record_arrays(data, ()))
    if not paths and not any(isinstance(v, (dict, list)) for v in data.values()):
        return JsonLayout("lines"), [data]  # one record: a JSON Lines file of one line
    filled = [p for p in paths if _get(data, p)]
    if len(filled) == 1 or (not filled and len(paths) == 1):
        path = (filled or paths)[0]
        return JsonLayout("wrapped", path, data), _get(data, path)
    if not paths:
        raise MalformedInputError("json_no_records")
    raise MalformedInputError(
        "json_ambiguous_records",
        detail=", ".join("$" + "".join(f".{k}" for k in p) for p in filled[:5]),
    )


class JsonSource:
    def __init__(self, path: str | Path, limits: dict[str, int]) -> None:
        self.path = Path(path)
        self.bytes_read = self.path.stat().st_size
        limit = limits.get("json_max_bytes", 256 * 2**20)
        if self.bytes_read > limit:
            raise TooLargeError("too_large", detail=f"JSON over {limit} bytes; use CSV")
        self.encoding = "utf-8"
        self._table: JsonTable | None = None
        self.layout = JsonLayout("array")

    def tables(self) -> Iterator[JsonTable]:
        text, self.encoding = _decode(self.path.read_bytes())
        self.layout, data = _layout(text)
        for i, item in enumerate(data):
            if not isinstance(item, dict):
                raise MalformedInputError("json_not_table", row=i + 1)
        self._table = JsonTable(self.path.stem, data)
        yield self._table


class JsonSink:
    def __init__(
        self,
        path: str | Path,
        originals: list[dict[str, Any]] | None = None,
        layout: JsonLayout | None = None,
        scrub: Callable[[str], str] | None = None,
    ) -> None:
        # ``scrub`` cleans the wrapper's own strings ("operator": "张三"): they are text
        # outside the records that no column rule saw.
        self._path = Path(path)
        self._originals = originals
        self._layout = layout or JsonLayout("array")
        self._scrub = scrub
        self._headers: list[str] = []
        self._frames: list[pl.DataFrame] = []

    def begin_table(self, name: str, headers: list[str]) -> None:
        self._headers = headers

    def write(self, frame: pl.DataFrame) -> None:
        self._frames.append(frame)

    def close(self) -> int:
        rows = [r for f in self._frames for r in f.iter_rows()]
        out = []
        for i, row in enumerate(rows):
            orig = self._originals[i] if self._originals is not None else None
            obj = {}
            for h, v in zip(self._headers, row):
                if orig is not None:
                    if h not in orig:
                        continue
                    if _text(orig[h]) == v:
                        obj[h] = orig[h]
                        continue
                elif v is None:
                    continue
                obj[h] = v
            out.append(obj)
        self._path.write_text(self._dump(out), encoding="utf-8")
        return self._path.stat().st_size

    def _dump(self, records: list[dict[str, Any]]) -> str:
        lay = self._layout
        if lay.kind == "lines":
            return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        if lay.kind == "array":
            return json.dumps(records, ensure_ascii=False, indent=1)
        root = _scrubbed(lay.root, lay.path, self._scrub)
        _get(root, lay.path[:-1])[lay.path[-1]] = records
        return json.dumps(root, ensure_ascii=False, indent=1)


def _scrubbed(
    node: Any, skip: tuple[str, ...], scrub: Callable[[str], str] | None
) -> Any:
    """A copy of the wrapper with its strings scrubbed; the records array (``skip``) is
    replaced by the caller."""
    if isinstance(node, dict):
        return {
            k: (
                v
                if skip and str(k) == skip[0] and len(skip) == 1
                else _scrubbed(v, skip[1:] if skip and str(k) == skip[0] else (), scrub)
            )
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_scrubbed(v, (), scrub) for v in node]
    if isinstance(node, str) and scrub is not None:
        return scrub(node)
    return node

    def abort(self) -> None:
        pass
