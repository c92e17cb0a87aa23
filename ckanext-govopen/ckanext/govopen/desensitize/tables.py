"""The table model shared by readers, the engine and writers.

A source yields tables (one per CSV/JSON file, one per XLSX sheet); a table yields batches
of rows as polars frames whose columns are named ``c0..cN`` and typed String, so duplicate
or empty headers never matter inside the engine. Row numbers follow a spreadsheet: the
header is row 1, the first data row is row 2.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

import polars as pl


def internal_names(n: int) -> list[str]:
    return [f"c{i}" for i in range(n)]


@dataclass
class Batch:
    frame: pl.DataFrame
    first_row: int


class Table(Protocol):
    name: str
    headers: list[str]

    def batches(self) -> Iterator[Batch]: ...


class Source(Protocol):
    encoding: str
    bytes_read: int

    def tables(self) -> Iterator[Table]: ...


class Sink(Protocol):
    def begin_table(self, name: str, headers: list[str]) -> None: ...

    def write(self, frame: pl.DataFrame) -> None: ...

    def close(self) -> int:
        """Finish the file and return the number of bytes written."""
        ...
