"""The cell-by-cell verification of a CSV output that follows the writer."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from .classify import ColumnPlan
from .csvio import CsvSource
from .pipeline import WORKERS, GrowingFile
from .verify import Verification, verify_source


class Follower:
    """Verification of a CSV output that follows the writer: it starts once the first
    batch is on disk (the column plans say which columns are public) and re-reads the
    file through a :class:`GrowingFile`, so it runs while the masking still does instead
    of after it. Same reader, same checks as the verification after the fact. Its checks
    have threads of their own: queued behind the masking of the next batches they would
    all wait for the end again."""

    # Checking is cheap per batch, so small verification batches cost little time and
    # keep the memory of a job that reads, masks and verifies at once low.
    CHUNK = 4 * 2**20

    def __init__(self, path: Path, chunk_bytes: int) -> None:
        self._path = path
        self._chunk = min(chunk_bytes, self.CHUNK)
        self._grow = GrowingFile(path)
        self._runner: ThreadPoolExecutor | None = None
        self._checks: ThreadPoolExecutor | None = None
        self._future: Future[Verification] | None = None

    def written(self, size: int, plans: list[ColumnPlan], name: str) -> None:
        self._grow.publish(size)
        if self._future is None:
            public = {p.index for p in plans if p.col_type == "public"}
            source = CsvSource(
                self._path, self._chunk, trusted=True, opener=self._grow.open
            )
            self._runner = ThreadPoolExecutor(1, thread_name_prefix="desensitize-v")
            self._checks = ThreadPoolExecutor(
                WORKERS, thread_name_prefix="desensitize-c"
            )
            self._future = self._runner.submit(
                verify_source, source, [public], [name], self._checks
            )

    def finish(self, size: int) -> Verification | None:
        """The verification of the whole file (None when no batch was written)."""
        self._grow.publish(size, final=True)
        return self._future.result() if self._future is not None else None

    def abort(self) -> None:
        self._grow.abort()
        for pool in (self._runner, self._checks):
            if pool is not None:
                pool.shutdown(wait=True)
