"""What the reviewer is told about how a file was read, and what stays outside the
table: the header kept as written, title lines above it and notes below it."""

from __future__ import annotations

from typing import Any

from .freetext import FreeTextScrubber
from .tables import Source
from .verify import scan_text


def header_text(scrubber: FreeTextScrubber, header: str) -> str:
    """Headers are kept as they are, unless the cell itself holds an identifier (an
    XLSX sheet without a header row puts data there)."""
    return scrubber.scrub_py(header, None, None) if scan_text(header) else header


def reading(source: Source, table: Any) -> dict[str, Any]:
    """How the file was read, for the reviewer to spot a misreading."""
    reading: dict[str, Any] = {"encoding": source.encoding}
    for obj in (
        getattr(source, "dialect", None),
        getattr(source, "layout", None),
        table,
    ):
        if obj is not None and hasattr(obj, "describe"):
            reading.update(obj.describe())
    return reading


def outside_table(
    source: Source, table: Any, scrubber: FreeTextScrubber
) -> dict[str, list[str]]:
    """Title lines above and notes below the table: not published, shown scrubbed."""
    dialect = getattr(source, "dialect", None)
    above = dialect.preamble if dialect is not None else getattr(table, "preamble", [])
    below = getattr(source, "footer", [])
    return {
        "above": [scrubber.scrub_py(t, None, None) for t in above],
        "below": [scrubber.scrub_py(t, None, None) for t in below],
    }
