"""Overlapping the stages of a job so that both cores work all the time.

Parsing, masking, writing and verifying are polars and numpy work that releases the GIL,
so plain threads overlap them: a reader thread parses the next batch while the pool masks
(or checks) the current one in row slices, one per worker, and the calling thread writes
the previous one. Results come back in batch order, so output and reports do not depend
on the timing. At most ``ahead`` batches are in flight besides the one being read, which
bounds the memory.
"""

from __future__ import annotations

import os
import queue
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import BinaryIO, Generic, Self, TypeVar

import polars as pl

from .tables import Batch

WORKERS = 2  # the benchmark's target machine; slices per batch and pool size
_MIN_PART_ROWS = 5_000

T = TypeVar("T")
R = TypeVar("R")

_END = object()


class _Failed:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


class Prefetch(Generic[T]):
    """Iterate ``items`` on a thread of its own, at most ``depth`` items ahead of the
    consumer (counting the one being produced, which bounds the memory in flight).

    Use it as a context manager: leaving the block stops and joins the thread, so the
    underlying file is never read after its owner closed it. An exception raised by the
    iterator is raised in the consumer at the position where it happened.
    """

    def __init__(self, items: Iterable[T], depth: int = 1) -> None:
        self._items = items
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._slots = threading.Semaphore(depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name="desensitize-read", daemon=True
        )

    def _slot(self) -> bool:
        while not self._stop.is_set():
            if self._slots.acquire(timeout=0.05):
                return True
        return False

    def _run(self) -> None:
        it = iter(self._items)
        try:
            while self._slot():
                try:
                    item = next(it)
                except StopIteration:
                    self._queue.put(_END)
                    break
                self._queue.put(item)
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer
            self._queue.put(_Failed(exc))
        finally:
            close = getattr(it, "close", None)
            if close is not None:
                close()

    def __enter__(self) -> Prefetch[T]:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()

    def __iter__(self) -> Iterator[T]:
        while True:
            item = self._queue.get()
            self._slots.release()  # the consumer has it: produce the next one
            if item is _END:
                return
            if isinstance(item, _Failed):
                raise item.exc
            yield item  # type: ignore[misc]


def split_rows(frame: pl.DataFrame, parts: int) -> list[tuple[int, pl.DataFrame]]:
    """Zero-copy row slices with their offsets; small frames stay whole."""
    if parts < 2 or frame.height < 2 * _MIN_PART_ROWS:
        return [(0, frame)]
    size = -(-frame.height // parts)
    return [(off, frame.slice(off, size)) for off in range(0, frame.height, size)]


def map_batches(
    pool: ThreadPoolExecutor,
    parts: int,
    batches: Iterable[Batch],
    work: Callable[[pl.DataFrame, int], R],
    prepare: Callable[[Batch], None] | None = None,
    ahead: int = 1,
) -> Iterator[tuple[Batch, list[R]]]:
    """``work(slice, offset)`` over ``parts`` row slices of every batch on ``pool``;
    yields each batch with its slices' results, in order. ``prepare`` runs on the calling
    thread before a batch is submitted (the first batch decides the column plans)."""
    pending: deque[tuple[Batch, list[Future[R]]]] = deque()
    try:
        for batch in batches:
            if prepare is not None:
                prepare(batch)
            futures = [
                pool.submit(work, part, off)
                for off, part in split_rows(batch.frame, parts)
            ]
            pending.append((batch, futures))
            while len(pending) > ahead:
                done, futs = pending.popleft()
                yield done, [f.result() for f in futs]
        while pending:
            done, futs = pending.popleft()
            yield done, [f.result() for f in futs]
    finally:
        for _, futs in pending:
            for f in futs:
                f.cancel()


class Aborted(Exception):
    """The writer gave up: the file a GrowingFile follows will not be finished."""


class GrowingFile:
    """Read access to a file another thread is still writing, for a verification that
    follows the writer. Reads block until the writer has published more bytes (after a
    flush) or closed the file, and never go past what was published, so the reader only
    ever sees whole records. Reading is real: the bytes come from the file on disk.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self._path = path
        self._cond = threading.Condition()
        self._published = 0
        self._closed = False
        self._aborted = False

    # -- writer side ------------------------------------------------------------------
    def publish(self, size: int, *, final: bool = False) -> None:
        with self._cond:
            self._published = size
            self._closed = final
            self._cond.notify_all()

    def abort(self) -> None:
        with self._cond:
            self._aborted = True
            self._cond.notify_all()

    # -- reader side ------------------------------------------------------------------
    def open(self) -> BinaryIO:
        """A reader with the read/readline/context-manager subset CsvSource uses."""
        reader = _Reader(self, open(self._path, "rb"))  # noqa: SIM115 - closed by it
        return reader  # type: ignore[return-value]

    def _available(self, pos: int) -> int:
        """Bytes readable at ``pos``; 0 only at the end of a closed file."""
        with self._cond:
            while True:
                if self._aborted:
                    raise Aborted
                if self._published > pos or self._closed:
                    return self._published - pos
                self._cond.wait()


class _Reader:
    def __init__(self, grow: GrowingFile, fh: BinaryIO) -> None:
        self._grow = grow
        self._fh = fh

    def read(self, size: int = -1) -> bytes:
        n = self._grow._available(self._fh.tell())
        return self._fh.read(n if size < 0 else min(size, n))

    def readline(self) -> bytes:
        n = self._grow._available(self._fh.tell())
        return self._fh.readline(n)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.close()
