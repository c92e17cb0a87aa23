"""Overlapping the stages of a job so that both cores work all the time.

Parsing, masking, writing and verifying are polars and numpy work that releases the GIL,
so plain threads overlap them: a reader thread parses the next batch while the pool masks
(or checks) the current one in row slices, one per worker, and the calling thread writes
the previous one. Results come back in batch order, so output and reports do not depend
on the timing. At most ``ahead`` batches are in flight besides the one being read, which
bounds the memory.
"""

from __future__ import annotations

import queue
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import Generic, TypeVar

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
    """Iterate ``items`` on a thread of its own, ``depth`` items ahead of the consumer.

    Use it as a context manager: leaving the block stops and joins the thread, so the
    underlying file is never read after its owner closed it. An exception raised by the
    iterator is raised in the consumer at the position where it happened.
    """

    def __init__(self, items: Iterable[T], depth: int = 1) -> None:
        self._items = items
        self._queue: queue.Queue[object] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name="desensitize-read", daemon=True
        )

    def _put(self, item: object) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def _run(self) -> None:
        it = iter(self._items)
        try:
            for item in it:
                if not self._put(item):
                    break
            else:
                self._put(_END)
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer
            self._put(_Failed(exc))
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
        while self._thread.is_alive():
            try:
                self._queue.get(timeout=0.05)
            except queue.Empty:
                pass
        self._thread.join()

    def __iter__(self) -> Iterator[T]:
        while True:
            item = self._queue.get()
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
