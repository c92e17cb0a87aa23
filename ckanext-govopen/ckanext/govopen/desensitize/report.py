"""The job report: JSON-serializable, written for the reviewer (confidentiality review)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

ENGINE_VERSION = "1.0"
MAX_ROW_NUMBERS = 100


@dataclass
class ColumnReport:
    index: int
    header: str
    type: str
    source: str
    rule: str
    confidence: float
    header_type: str | None
    content_type: str | None
    cells: int = 0
    changed: int = 0
    fallback_masked: int = 0
    python_path_cells: int = 0


@dataclass
class RowSet:
    count: int = 0
    rows: list[int] = field(default_factory=list)

    def add(self, rows: list[int]) -> None:
        self.count += len(rows)
        room = MAX_ROW_NUMBERS - len(self.rows)
        if room > 0:
            self.rows.extend(rows[:room])


@dataclass
class TableReport:
    name: str
    rows: int = 0
    columns: list[ColumnReport] = field(default_factory=list)
    # Rows with a personal-data cell that no rule recognized and was masked whole.
    quarantined_rows: RowSet = field(default_factory=RowSet)
    suppressed_rows: RowSet = field(default_factory=RowSet)
    # How the file was read (delimiter, header row, records path): a misreading shows.
    reading: dict[str, Any] = field(default_factory=dict)
    # Title lines above and notes below the table: not published, shown scrubbed.
    outside_table: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Report:
    format: str
    encoding: str = ""
    policy_version: str = ""
    policy_digest: str = ""
    engine_version: str = ENGINE_VERSION
    rows: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    seconds: float = 0.0
    tables: list[TableReport] = field(default_factory=list)
    k_anonymity: dict[str, Any] = field(default_factory=dict)
    verification: dict[str, Any] = field(default_factory=dict)
    output_format: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
