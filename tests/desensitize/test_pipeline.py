from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import polars as pl
import pytest
from ckanext.govopen.desensitize.csvio import CsvSource
from ckanext.govopen.desensitize.pipeline import (
    Aborted,
    GrowingFile,
    Prefetch,
    map_batches,
)
from ckanext.govopen.desensitize.tables import Batch


def test_prefetch_hands_over_items_and_errors_in_order():
    def items():
        yield 1
        yield 2
        raise ValueError("bad row")

    seen = []
    with pytest.raises(ValueError, match="bad row"), Prefetch(items()) as it:
        seen.extend(it)  # keeps what came before the error
    assert seen == [1, 2]


def test_prefetch_stops_its_thread_when_the_consumer_leaves_early():
    produced = []

    def items():
        for i in range(1000):
            produced.append(i)
            yield i

    with Prefetch(items()) as it:
        for x in it:
            if x == 3:
                break
    assert len(produced) < 10


def test_map_batches_keeps_order_and_covers_every_row():
    frames = [
        pl.DataFrame({"c0": [str(i) for i in range(n)]}) for n in (12_000, 7, 30_001)
    ]
    batches = [Batch(f, 2) for f in frames]

    def work(part: pl.DataFrame, offset: int) -> tuple[int, int]:
        time.sleep(0.01 if offset == 0 else 0)  # the first slice finishes last
        return offset, part.height

    with ThreadPoolExecutor(2) as pool:
        got = list(map_batches(pool, 2, batches, work))
    assert [b.frame.height for b, _ in got] == [12_000, 7, 30_001]
    for batch, results in got:
        assert sum(h for _, h in results) == batch.frame.height
        assert [off for off, _ in results] == sorted(off for off, _ in results)


def test_growing_file_reader_sees_the_whole_file_as_it_is_written(tmp_path):
    path = tmp_path / "out.csv"
    grow = GrowingFile(path)
    rows = [f"{i},张{i}\n" for i in range(5000)]

    def writer():
        with open(path, "wb") as fh:
            fh.write(b"a,b\n")
            fh.flush()
            grow.publish(fh.tell())
            for start in range(0, len(rows), 700):
                time.sleep(0.002)
                fh.write("".join(rows[start : start + 700]).encode())
                fh.flush()
                grow.publish(fh.tell())
            grow.publish(fh.tell(), final=True)

    path.write_bytes(b"")
    thread = threading.Thread(target=writer)
    thread.start()
    source = CsvSource(path, chunk_bytes=4096, trusted=True, opener=grow.open)
    seen = [b.frame for t in source.tables() for b in t.batches()]
    thread.join()
    frame = pl.concat(seen)
    assert frame.height == 5000 and frame["c1"][4999] == "张4999"


def test_growing_file_abort_wakes_a_waiting_reader(tmp_path):
    path = tmp_path / "out.csv"
    path.write_bytes(b"")
    grow = GrowingFile(path)
    errors = []

    def reader():
        try:
            with grow.open() as fh:
                fh.read(10)
        except Aborted as exc:
            errors.append(exc)

    thread = threading.Thread(target=reader)
    thread.start()
    time.sleep(0.05)
    grow.abort()
    thread.join(timeout=5)
    assert not thread.is_alive() and errors
