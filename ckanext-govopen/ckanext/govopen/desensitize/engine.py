"""The job: read, classify, mask, verify, and only then publish the output file."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from . import kanon
from .classify import ColumnPlan, classify
from .csvio import DEFAULT_CHUNK, CsvSink, CsvSource
from .errors import UnsupportedFormatError, VerificationError
from .freetext import FreeTextScrubber, top_names
from .jsonio import JsonSink, JsonSource
from .pipeline import WORKERS, GrowingFile, Prefetch, map_batches
from .policy import PERSONAL_TYPES, Policy, load_policy
from .report import ColumnReport, Report, TableReport
from .rules import apply_rule, pseudonymize
from .tables import Batch, Sink, Source
from .verify import Verification, verify_source
from .xlsxio import XlsxSink, XlsxSource

FORMATS = ("csv", "xlsx", "json")
_SUFFIXES = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": None,
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".json": "json",
    ".xls": None,
}


def detect_format(path: Path) -> str:
    fmt = _SUFFIXES.get(path.suffix.lower(), "")
    if fmt:
        return fmt
    if fmt is None:
        raise UnsupportedFormatError("unsupported_format", detail=path.suffix)
    with open(path, "rb") as fh:
        head = fh.read(512)
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        return "json"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedFormatError("unsupported_format", detail="legacy .xls")
    return "csv"


@dataclass
class _Counts:
    """What masking one row slice did, per column, for the report."""

    cells: list[int]
    changed: list[int]
    fallback: list[int]
    python: list[int]
    quarantined: list[int]  # row positions within the slice


class TableProcessor:
    """Masks the batches of one table; the first batch decides the column plans.

    ``work`` masks and counts one row slice and touches no shared state, so the slices
    of a batch run on the pool's threads at the same time (polars releases the GIL);
    ``collect`` merges their results into the report on the calling thread.
    """

    def __init__(
        self,
        name: str,
        headers: list[str],
        policy: Policy,
        secret: bytes | None,
        scrubber: FreeTextScrubber,
        pool: ThreadPoolExecutor | None = None,
    ) -> None:
        self.pool = pool  # only for the classification of the first batch
        self.headers = headers
        self.policy = policy
        self.secret = secret
        self.scrubber = scrubber
        self.plans: list[ColumnPlan] = []
        self.report = TableReport(name=name)

    def prepare(self, batch: Batch) -> None:
        if not self.plans:
            self._plan(batch.frame)

    def _plan(self, frame: pl.DataFrame) -> None:
        self.plans = classify(self.headers, frame, self.policy, self.pool)
        self.report.columns = [
            ColumnReport(
                p.index,
                p.header,
                p.col_type,
                p.source,
                p.rule,
                p.confidence,
                p.header_type,
                p.content_type,
            )
            for p in self.plans
        ]

    def work(self, frame: pl.DataFrame, offset: int) -> tuple[pl.DataFrame, _Counts]:
        out, py_cells = self._mask(frame)
        return out, self._count(frame, out, py_cells)

    def collect(
        self, batch: Batch, results: list[tuple[pl.DataFrame, _Counts]]
    ) -> pl.DataFrame:
        """Add the slices' counts to the report and return the batch's masked frame."""
        rows: list[int] = []
        offset = 0
        for out, counts in results:
            for rep, cells, changed, fallback, python in zip(
                self.report.columns,
                counts.cells,
                counts.changed,
                counts.fallback,
                counts.python,
            ):
                rep.cells += cells
                rep.changed += changed
                rep.fallback_masked += fallback
                rep.python_path_cells += python
            rows.extend(batch.first_row + offset + r for r in counts.quarantined)
            offset += out.height
        self.report.rows += batch.frame.height
        if rows:
            self.report.quarantined_rows.add(rows)
        if len(results) == 1:
            return results[0][0]
        return pl.concat([out for out, _ in results])

    def _mask(self, frame: pl.DataFrame) -> tuple[pl.DataFrame, list[int]]:
        pol = self.policy
        names = frame.columns
        name_cols = [names[p.index] for p in self.plans if p.col_type == "name"]
        has_scan = any(
            p.col_type == "free_text" and p.rule == "scan" for p in self.plans
        )
        top = (
            top_names([frame[c] for c in name_cols], pol.names_max_other)
            if has_scan
            else []
        )
        row_names = frame[name_cols[0]] if name_cols and pol.names_same_row else None
        columns: list[pl.Series] = []
        py_cells: list[int] = []
        scans: list[int] = []
        for plan in self.plans:
            s = frame[names[plan.index]]
            spec = pol.rule_for(plan.col_type, plan.header)
            if plan.rule == "pseudonym":
                out = pseudonymize(s, plan.col_type, self.secret, plan.header)
            elif plan.col_type == "free_text" and plan.rule == "scan":
                scans.append(len(columns))
                out = s  # scrubbed below, all free-text columns together
            else:
                out = apply_rule(plan.col_type, spec, pol, s)
            columns.append(out.alias(s.name))
            py_cells.append(0)
        scrubbed = self.scrubber.scrub_many([columns[i] for i in scans], row_names, top)
        for i, (out, n_py) in zip(scans, scrubbed):
            columns[i], py_cells[i] = out, n_py
        return pl.DataFrame(columns), py_cells

    def _count(
        self, frame: pl.DataFrame, out: pl.DataFrame, py_cells: list[int]
    ) -> _Counts:
        full = self.policy.full_mask
        counts = _Counts([], [], [], py_cells, [])
        quarantine = pl.Series([False] * frame.height)
        for plan in self.plans:
            c = frame.columns[plan.index]
            src, dst = frame[c], out[c]
            counts.cells.append(int((src.str.len_bytes() > 0).sum() or 0))
            counts.changed.append(int((src != dst).fill_null(False).sum() or 0))
            fallback = 0
            if plan.col_type in PERSONAL_TYPES and plan.rule == "mask":
                fb = ((dst == full) & (src != full)).fill_null(False)
                fallback = int(fb.sum() or 0)
                quarantine = quarantine | fb
            counts.fallback.append(fallback)
        counts.quarantined = quarantine.arg_true().to_list()
        return counts


class _Follower:
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


def _source(
    fmt: str,
    path: Path,
    policy: Policy,
    chunk_bytes: int,
    widths: list[int] | None = None,
) -> Source:
    if fmt == "csv":
        # ``widths`` is only given when re-reading our own output (see CsvSource.trusted).
        return CsvSource(path, chunk_bytes, trusted=widths is not None)
    if fmt == "xlsx":
        return XlsxSource(path, policy.limits, widths=widths)
    return JsonSource(path, policy.limits)


def _sink(fmt: str, path: Path, source: Source | None) -> Sink:
    if fmt == "csv":
        return CsvSink(path)
    if fmt == "xlsx":
        return XlsxSink(path)
    table = getattr(source, "_table", None)
    return JsonSink(path, table.records if table is not None else None)


def desensitize_file(  # noqa: C901 -- predates the complexity limit; split it when next changed
    src_path: str | os.PathLike[str],
    dst_path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    policy: Policy | Mapping[str, Any] | None = None,
    secret: bytes | None = None,
    chunk_bytes: int = DEFAULT_CHUNK,
) -> Report:
    """Desensitize one tabular file and return the report.

    ``fmt`` is "csv", "xlsx" or "json" (detected from the name or content when None); the
    output has the same format (CSV: UTF-8 without BOM; XLSX: every sheet, all cells as
    text; JSON: array of objects). ``policy`` is a loaded :class:`Policy` or a dict of
    organization overrides merged into the default. ``secret`` keys the HMAC pseudonyms.

    The output is written to a temporary file beside ``dst_path``, verified, and renamed
    into place only when the verification passed; on any error nothing is left at
    ``dst_path`` and a :class:`DesensitizeError` subclass is raised.
    """
    started = time.perf_counter()
    src, dst = Path(src_path), Path(dst_path)
    pol = policy if isinstance(policy, Policy) else load_policy(policy)
    fmt = fmt or detect_format(src)
    if fmt not in FORMATS:
        raise UnsupportedFormatError("unsupported_format", detail=str(fmt))
    report = Report(
        format=fmt,
        output_format=fmt,
        policy_version=pol.version,
        policy_digest=pol.digest,
    )
    # Temporary names keep a format suffix: openpyxl refuses to open anything else.
    stem = f".{dst.name}.{uuid.uuid4().hex}"
    tmp = dst.with_name(f"{stem}.part.{fmt}")
    tmp2 = dst.with_name(f"{stem}.kanon.{fmt}")
    scrubber = FreeTextScrubber(pol)
    sink: Sink | None = None
    pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="desensitize")
    kanon_on = pol.k > 1 and pol.quasi_identifiers
    # A CSV output is verified while it is written, unless k-anonymity rewrites it.
    follower = _Follower(tmp, chunk_bytes) if fmt == "csv" and not kanon_on else None
    try:
        source = _source(fmt, src, pol, chunk_bytes)
        public: list[set[int]] = []
        for table in source.tables():
            if sink is None:
                sink = _sink(fmt, tmp, source)
            proc = TableProcessor(
                table.name, table.headers, pol, secret, scrubber, pool
            )
            # Headers are text too: an XLSX sheet without a header row puts data there.
            headers = [scrubber.scrub_py(h, None, None) for h in table.headers]
            sink.begin_table(table.name, headers)
            with Prefetch(table.batches()) as batches:
                for batch, results in map_batches(
                    pool, WORKERS, batches, proc.work, proc.prepare
                ):
                    sink.write(proc.collect(batch, results))
                    if follower is not None:
                        assert isinstance(sink, CsvSink)
                        follower.written(sink.flush(), proc.plans, table.name)
            for col, header in zip(proc.report.columns, headers):
                col.header = header
            report.tables.append(proc.report)
            public.append({p.index for p in proc.plans if p.col_type == "public"})
        if sink is None:
            sink = _sink(fmt, tmp, source)
        report.bytes_out = sink.close()
        sink = None
        followed = follower.finish(report.bytes_out) if follower else None
        report.encoding = source.encoding
        report.bytes_in = source.bytes_read
        report.rows = sum(t.rows for t in report.tables)

        open_out: Callable[[], Source] = lambda: _source(
            fmt, tmp, pol, chunk_bytes, [len(t.columns) for t in report.tables]
        )
        if kanon_on:
            reread = open_out()
            if fmt == "json":
                # Loads the records the JSON sink restores value types from.
                list(reread.tables())
            ksink = _sink(fmt, tmp2, reread if fmt == "json" else None)
            report.k_anonymity = kanon.apply(
                open_out, ksink, pol.k, pol.quasi_identifiers, report.tables
            )
            report.bytes_out = ksink.close()
            os.replace(tmp2, tmp)

        result = followed or verify_source(
            open_out(), public, [t.name for t in report.tables], pool
        )
        report.verification = result.to_dict()
        report.seconds = round(time.perf_counter() - started, 3)
        if not result.passed:
            kinds = sorted({k for f in result.findings for k in f["kinds"]})
            raise VerificationError(
                "verification_failed",
                report=report,
                count=result.findings_total,
                detail=", ".join(kinds),
            )
        os.replace(tmp, dst)
        return report
    finally:
        if follower is not None:
            follower.abort()
        pool.shutdown(wait=True)
        if sink is not None and hasattr(sink, "abort"):
            sink.abort()
        for leftover in (tmp, tmp2):
            if leftover.exists():
                leftover.unlink()
