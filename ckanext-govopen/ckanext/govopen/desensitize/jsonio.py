"""JSON arrays of objects. Parsed whole (the standard library has no streaming parser),
so the size is capped by ``limits.json_max_bytes``.

Cells become text for the engine; on output, a value that the engine left unchanged gets
its original JSON value back (numbers stay numbers), a changed one becomes the masked
string. Keys absent from an object stay absent.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
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


class JsonSource:
    def __init__(self, path: str | Path, limits: dict[str, int]) -> None:
        self.path = Path(path)
        self.bytes_read = self.path.stat().st_size
        limit = limits.get("json_max_bytes", 256 * 2**20)
        if self.bytes_read > limit:
            raise TooLargeError("too_large", detail=f"JSON over {limit} bytes; use CSV")
        self.encoding = "utf-8"
        self._table: JsonTable | None = None

    def tables(self) -> Iterator[JsonTable]:
        text, self.encoding = _decode(self.path.read_bytes())
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise MalformedInputError(
                "bad_json", row=exc.lineno, detail=exc.msg
            ) from None
        if not isinstance(data, list):
            raise MalformedInputError("json_not_table", row=0)
        for i, item in enumerate(data):
            if not isinstance(item, dict):
                raise MalformedInputError("json_not_table", row=i + 1)
        self._table = JsonTable(self.path.stem, data)
        yield self._table


class JsonSink:
    def __init__(
        self, path: str | Path, originals: list[dict[str, Any]] | None = None
    ) -> None:
        self._path = Path(path)
        self._originals = originals
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
        self._path.write_text(
            json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        return self._path.stat().st_size

    def abort(self) -> None:
        pass
