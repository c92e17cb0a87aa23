"""The job: read, classify, mask, verify, and only then publish the output file."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from . import kanon
from . import patterns as P
from .classify import ColumnPlan, classify
from .csvio import DEFAULT_CHUNK, CsvSink, CsvSource
from .errors import UnsupportedFormatError, VerificationError
from .follow import Follower
from .freetext import FreeTextScrubber, top_names
from .jsonio import JsonSink, JsonSource
from .pipeline import WORKERS, Prefetch, map_batches
from .policy import PERSONAL_TYPES, Policy, load_policy
from .rawscan import scan_output
from .reading import header_text, outside_table, reading
from .report import ColumnReport, Report, TableReport
from .rules import apply_rule, pseudonymize
from .tables import Batch, Sink, Source
from .verify import verify_source
from .xlsxio import XlsxSink, XlsxSource

FORMATS = ("csv", "xlsx", "json")
# A person's name as the verification looks for it: a common surname and one to three
# ideographs (so "不详" or "-" in a name column is not taken for one).
_PERSON_NAME = P.render("^" + P.SURNAME_RE + "{HAN}{1,3}$", P.RUST)
_SUFFIXES = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": None,
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".json": "json",
    ".jsonl": "json",
    ".ndjson": "json",
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
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"[", b"{")):
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
    seen_names: set[str]  # for the verification: names the masker saw
    public_values: set[str]  # values of columns declared public


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
        self.seen_names: set[str] = set()
        self.public_values: set[str] = set()

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
        out, py_cells, cue_names = self._mask(frame)
        out = self._keep_header_rows(frame, out)
        counts = self._count(frame, out, py_cells)
        counts.seen_names, counts.public_values = self._seen(frame, cue_names)
        return out, counts

    def _keep_header_rows(self, frame: pl.DataFrame, out: pl.DataFrame) -> pl.DataFrame:
        """A header row repeated inside the data (a page break of an export) is kept
        as it is: it is the header, not a person."""
        if frame.width < 2 or frame.height == 0:
            return out
        same = frame.select(
            pl.all_horizontal(
                [pl.col(c) == h for c, h in zip(frame.columns, self.headers)]
            ).fill_null(False)
        ).to_series()
        idx = same.arg_true()
        if idx.len() == 0:
            return out
        columns = []
        for c in out.columns:
            col = out[c].clone()
            col.scatter(idx, frame[c].gather(idx))
            columns.append(col)
        return pl.DataFrame(columns)

    def _seen(
        self, frame: pl.DataFrame, cue_names: set[str]
    ) -> tuple[set[str], set[str]]:
        names = set(cue_names)
        public: set[str] = set()
        for plan in self.plans:
            s = frame[frame.columns[plan.index]]
            if plan.col_type == "name":
                v = s.str.strip_chars()
                v = v.filter(v.str.contains(_PERSON_NAME).fill_null(False))
                names.update(v.unique().to_list())
            elif plan.col_type == "public":
                public.update(s.drop_nulls().unique().to_list())
        return names, public

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
            self.seen_names |= counts.seen_names
            self.public_values |= counts.public_values
            offset += out.height
        self.report.rows += batch.frame.height
        if rows:
            self.report.quarantined_rows.add(rows)
        if len(results) == 1:
            return results[0][0]
        return pl.concat([out for out, _ in results])

    def _mask(self, frame: pl.DataFrame) -> tuple[pl.DataFrame, list[int], set[str]]:
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
        # A name written after a cue in one cell is masked in every free-text cell of
        # the batch ("王小明" alone in one row, "联系人王小明" in another).
        cue_names: set[str] = set()
        for plan in self.plans:
            if plan.col_type == "free_text" and plan.rule == "scan":
                cue_names |= self.scrubber.cue_names(frame[names[plan.index]])
        if cue_names - set(top):
            top = sorted(set(top) | cue_names, key=len, reverse=True)
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
        return pl.DataFrame(columns), py_cells, cue_names

    def _count(
        self, frame: pl.DataFrame, out: pl.DataFrame, py_cells: list[int]
    ) -> _Counts:
        full = self.policy.full_mask
        counts = _Counts([], [], [], py_cells, [], set(), set())
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


def _sink(
    fmt: str,
    path: Path,
    source: Source | None,
    scrub: Callable[[str], str] | None = None,
) -> Sink:
    if fmt == "csv":
        return CsvSink(path)
    if fmt == "xlsx":
        return XlsxSink(path)
    table = getattr(source, "_table", None)
    layout = getattr(source, "layout", None)
    return JsonSink(path, table.records if table is not None else None, layout, scrub)


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
    scrub: Callable[[str], str] = lambda text: scrubber.scrub_py(text, None, None)
    sink: Sink | None = None
    pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="desensitize")
    kanon_on = pol.k > 1 and pol.quasi_identifiers
    # A CSV output is verified while it is written, unless k-anonymity rewrites it.
    follower = Follower(tmp, chunk_bytes) if fmt == "csv" and not kanon_on else None
    try:
        source = _source(fmt, src, pol, chunk_bytes)
        public: list[set[int]] = []
        seen_names: set[str] = set()
        public_values: set[str] = set()
        for table in source.tables():
            if sink is None:
                sink = _sink(fmt, tmp, source, scrub)
            proc = TableProcessor(
                table.name, table.headers, pol, secret, scrubber, pool
            )
            # Headers are text too: an XLSX sheet without a header row puts data there.
            headers = [header_text(scrubber, h) for h in table.headers]
            sink.begin_table(table.name, headers)
            with Prefetch(table.batches()) as batches:
                for batch, results in map_batches(
                    pool, WORKERS, batches, proc.work, proc.prepare
                ):
                    sink.write(proc.collect(batch, results))
                    if follower is not None:
                        assert isinstance(sink, CsvSink)
                        follower.written(
                            sink.flush(), proc.plans, table.name, proc.seen_names
                        )
            for col, header in zip(proc.report.columns, headers):
                col.header = header
            proc.report.reading = reading(source, table)
            proc.report.outside_table = outside_table(source, table, scrubber)
            report.tables.append(proc.report)
            seen_names |= proc.seen_names
            public_values |= proc.public_values
            public.append({p.index for p in proc.plans if p.col_type == "public"})
        if sink is None:
            sink = _sink(fmt, tmp, source, scrub)
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
        raw = follower.raw(seen_names) if follower else None
        if raw is None:
            raw = scan_output(tmp, fmt, seen_names, public_values, pool)
        report.verification = result.to_dict()
        report.verification["bytes"] = raw.to_dict()
        report.seconds = round(time.perf_counter() - started, 3)
        if not result.passed or not raw.passed:
            findings = result.findings + raw.findings
            kinds = sorted({k for f in findings for k in f["kinds"]})
            raise VerificationError(
                "verification_failed",
                report=report,
                count=result.findings_total + raw.findings_total,
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
