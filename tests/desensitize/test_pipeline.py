from __future__ import annotations

import random
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
from ckanext.govopen.desensitize.rawscan import RawFollower, scan_output
from ckanext.govopen.desensitize.tables import Batch

from .helpers import resident_id


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


def test_byte_scan_beside_the_writer_finds_what_the_scan_after_it_finds(tmp_path):
    # Names arrive with the batches; a line holding an early and a late name counts once.
    rng = random.Random(11)
    lines = ["姓名,备注"]
    for i in range(200):
        if i % 20 == 0:
            lines.append(f"x,{resident_id(rng)}")
        elif i % 30 == 1:
            lines.append("x,王小明与张三")
        elif i % 40 == 2:
            lines.append("x,王小明")
        elif i % 50 == 3:
            lines.append("x,张三")
        else:
            lines.append("x,已办结")
    data = ("\n".join(lines) + "\n").encode()
    path = tmp_path / "out.csv"
    path.write_bytes(b"")
    grow = GrowingFile(path)
    with ThreadPoolExecutor(2) as pool:
        raw = RawFollower(path, pool)
        raw.CHUNK = 300  # many blocks, each checked for the names known when read
        raw.add_names({"张三"})
        reader = threading.Thread(target=raw.run, args=(grow.open(),))
        reader.start()
        cut = data.index(b"\n", len(data) // 2) + 1
        with open(path, "ab") as fh:
            for piece, names in ((data[:cut], {"张三"}), (data[cut:], {"张三", "王小明"})):
                fh.write(piece)
                fh.flush()
                raw.add_names(names)
                grow.publish(fh.tell())
                time.sleep(0.05)
        grow.publish(len(data), final=True)
        reader.join()
        followed = raw.finish({"张三", "王小明"})
    after = scan_output(path, "csv", {"张三", "王小明"})
    assert not followed.passed and followed.findings_total == after.findings_total == 26
    assert followed.pieces_scanned == after.pieces_scanned == 201
    assert followed.pieces_checked == after.pieces_checked
    assert sorted((f["line"], f["kinds"]) for f in followed.findings) == sorted(
        (f["line"], f["kinds"]) for f in after.findings
    )
