"""One public copy into its DataStore table, with PostgreSQL COPY, the way ckanext-xloader
loads: the table made by ``datastore_create``, its indexes dropped during the load and
built once at the end, CKAN's full-text trigger off while rows go in, the ``_full_text``
column computed by PostgreSQL in one set-based statement, then ANALYZE.

Measured by CPU time on 400k rows / 59 MB (``make bench-datastore --profile``; wall time
on the shared 2-core machine varied threefold between runs): the loader process spends
under 1.3 s reading and checking the file either way; PostgreSQL's backend spent 39 s
before (35 s in an ``UPDATE`` of ``_full_text`` after the load, which maintained CKAN's
full-text GiST index and the typed-column indexes row by row and wrote every row twice;
3.5 s in COPY) and about 12 s now (5 s computing ``to_tsvector`` as the rows go in,
5.5-7 s building the GIN index once, 1 s for COPY, the typed indexes and ANALYZE).

The full text is built as the rows go in: COPY fills a temporary table (not logged),
and one ``INSERT … SELECT`` writes each row once, ``to_tsvector`` included.
"""
from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from typing import Any

import ckan.plugins.toolkit as tk
import polars as pl

from ckanext.datastore.backend.postgres import (  # type: ignore[import-untyped]
    get_write_engine,
    identifier,
    literal_string,
)
from ckanext.govopen import config
from ckanext.govopen.datastore import columns

TRIGGER = "zfulltext"  # the name CKAN's datastore_create gives its full-text trigger
_STAGE = "govopen_datastore_stage"
# Index builds (the GIN index above all) sort in memory up to this much, once per load.
_MAINTENANCE_WORK_MEM = "256MB"

Batches = Callable[[], Iterator[pl.DataFrame]]


class Phases:
    """Wall and CPU seconds (this process, every thread) per step of a load, for the
    report; PostgreSQL's own share is in its statement statistics (see the bench)."""

    def __init__(self) -> None:
        self.seconds: dict[str, dict[str, float]] = {}

    def add(self, name: str, wall: float, cpu: float) -> None:
        entry = self.seconds.setdefault(name, {"wall": 0.0, "cpu": 0.0})
        entry["wall"] += wall
        entry["cpu"] += cpu

    def timed(self, name: str) -> _Timer:
        return _Timer(self, name)

    def rounded(self) -> dict[str, dict[str, float]]:
        return {k: {m: round(v, 3) for m, v in e.items()} for k, e in self.seconds.items()}


class _Timer:
    def __init__(self, phases: Phases, name: str) -> None:
        self.phases, self.name = phases, name

    def __enter__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def __exit__(self, *_exc: object) -> None:
        self.phases.add(self.name, time.perf_counter() - self.wall,
                        time.process_time() - self.cpu)


def site_context() -> dict[str, Any]:
    user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"ignore_auth": True, "user": user["name"]}


def _secondary_indexes(cursor: Any, table_name: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the table's indexes other than its primary key."""
    cursor.execute(
        "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
        "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
        "JOIN pg_namespace n ON n.oid = t.relnamespace "
        "WHERE n.nspname = 'public' AND t.relname = %s AND NOT x.indisprimary",
        (table_name,))
    return [(name, ddl) for name, ddl in cursor.fetchall()]


def _copy(cursor: Any, target: str, names: str, values: pl.DataFrame) -> None:
    buffer = io.BytesIO()
    values.write_csv(buffer, include_header=False, null_value="")
    buffer.seek(0)
    cursor.copy_expert(f"COPY {target} ({names}) FROM STDIN WITH (FORMAT csv, NULL '')", buffer)


def _fulltext_expr(plan: columns.Plan) -> str:
    # The text CKAN's trigger indexes: every column's value as text, space separated, in
    # the text search configuration datastore_search parses q with.
    texts = " || ' ' || ".join(f"coalesce({identifier(c.id)}::text, '')"
                               for c in plan.columns) or "''"
    lang = str(tk.config.get("ckan.datastore.default_fts_lang") or "english")
    return f"to_tsvector({literal_string(lang)}, {texts})"


def load(resource_id: str, batches: Batches, plan: columns.Plan, size: int,
         fulltext: bool = True) -> dict[str, Any]:
    """Create the table afresh and fill it; returns the load report. `batches` gives the
    file's text cells, its columns in order. Without `fulltext` (benchmarks of the rest)
    free-text search (q) finds nothing in the table."""
    started, phases = time.monotonic(), Phases()
    with phases.timed("create"):
        tk.get_action("datastore_create")(site_context(), {  # type: ignore[arg-type]
            "resource_id": resource_id, "force": True,
            "fields": [c.field() for c in plan.columns]})
    misfits = columns.Misfits()
    table = identifier(resource_id)
    names = ", ".join(identifier(c.id) for c in plan.columns)
    loaded, first_row = 0, 2  # row 1 is the header
    raw = get_write_engine().raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(f"SET LOCAL statement_timeout = {int(config.datastore_load_timeout()) * 1000}")
        cursor.execute(f"SET LOCAL maintenance_work_mem = '{_MAINTENANCE_WORK_MEM}'")
        indexes = _secondary_indexes(cursor, resource_id)
        for name, _ddl in indexes:
            cursor.execute(f"DROP INDEX {identifier(name)}")
        # CKAN's trigger turns every row into JSON and back: _full_text is computed below.
        cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {TRIGGER}")
        target = table
        if fulltext:
            cursor.execute(f"CREATE TEMPORARY TABLE {_STAGE} ON COMMIT DROP AS "
                           f"SELECT {names} FROM {table} WITH NO DATA")
            target = _STAGE
        for frame in batches():
            if frame.width != len(plan.columns):
                raise ValueError(f"{frame.width} columns where the header has {len(plan.columns)}")
            with phases.timed("read_check"):
                values = columns.convert(frame, plan.columns, first_row, misfits)
            with phases.timed("copy"):
                _copy(cursor, target, names, values)
            loaded += values.height
            first_row += frame.height
        if fulltext:
            with phases.timed("fulltext"):
                cursor.execute(f"INSERT INTO {table} ({names}, _full_text) "
                               f"SELECT {names}, {_fulltext_expr(plan)} FROM {_STAGE}")
        with phases.timed("indexes"):
            for _name, ddl in indexes:
                cursor.execute(ddl)
            # Filters and sorts on typed columns (a day, an amount) stay fast on big
            # tables; text columns are searched through the full-text index instead.
            for column in plan.columns:
                if column.pg_type != "text":
                    cursor.execute(f"CREATE INDEX ON {table} ({identifier(column.id)})")
        cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {TRIGGER}")
        with phases.timed("analyze"):
            cursor.execute(f"ANALYZE {table}")
        with phases.timed("commit"):
            raw.commit()
    except BaseException:
        raw.rollback()
        raise
    finally:
        raw.close()
    seconds = time.monotonic() - started
    return {"status": "loaded", "rows": loaded, "bytes": size, "seconds": round(seconds, 3),
            "mb_per_s": round(size / 1e6 / seconds, 1) if seconds else None,
            "phases": phases.rounded(),
            "fields": [{"id": c.id, "label": c.label, "type": c.item_type,
                        "pg_type": c.pg_type, "declared": c.declared, "header": c.header}
                       for c in plan.columns],
            "missing_items": plan.missing,
            "misfits": columns.misfit_report(misfits, plan.columns),
            "misfit_cells": misfits.total}

