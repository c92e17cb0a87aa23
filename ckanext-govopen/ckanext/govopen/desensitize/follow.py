"""The cell-by-cell verification of a CSV output that follows the writer."""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from .classify import ColumnPlan
from .csvio import CsvSource
from .pipeline import WORKERS, GrowingFile
from .rawscan import RawFollower, RawScan
from .verify import Verification, verify_source


class Follower:
    """Verification of a CSV output that follows the writer: it starts once the first
    batch is on disk (the column plans say which columns are public) and re-reads the
    file through a :class:`GrowingFile`, so it runs while the masking still does instead
    of after it. Same reader, same checks as the verification after the fact. Its checks
    have threads of their own: queued behind the masking of the next batches they would
    all wait for the end again. The byte scan follows too (:class:`RawFollower`, its own
    reader of the same file), unless a column is public."""

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
        self._raw: RawFollower | None = None
        self._raw_future: Future[None] | None = None

    def written(
        self, size: int, plans: list[ColumnPlan], name: str, names: Iterable[str] = ()
    ) -> None:
        """``size`` bytes are on disk; ``names``: those the masker saw so far."""
        if self._raw is not None:
            self._raw.add_names(names)  # before the bytes they cover are published
        if self._future is None:
            public = {p.index for p in plans if p.col_type == "public"}
            source = CsvSource(
                self._path, self._chunk, trusted=True, opener=self._grow.open
            )
            self._runner = ThreadPoolExecutor(2, thread_name_prefix="desensitize-v")
            self._checks = ThreadPoolExecutor(
                WORKERS, thread_name_prefix="desensitize-c"
            )
            self._future = self._runner.submit(
                verify_source, source, [public], [name], self._checks
            )
            if not public:
                self._raw = RawFollower(self._path, self._checks)
                self._raw.add_names(names)
                self._raw_future = self._runner.submit(self._raw.run, self._grow.open())
        self._grow.publish(size)

    def finish(self, size: int) -> Verification | None:
        """The verification of the whole file (None when no batch was written)."""
        self._grow.publish(size, final=True)
        return self._future.result() if self._future is not None else None

    def raw(self, names: Iterable[str]) -> RawScan | None:
        """The byte scan of the whole file, after ``finish``; None when it did not
        follow (no batch written, or a public column)."""
        if self._raw is None or self._raw_future is None:
            return None
        self._raw_future.result()
        return self._raw.finish(names)

    def abort(self) -> None:
        self._grow.abort()
        for pool in (self._runner, self._checks):
            if pool is not None:
                pool.shutdown(wait=True)
