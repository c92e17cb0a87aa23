"""The ``govopen:datastore`` job: make a resource's DataStore table match what is published.

A file that passed desensitization and whose current version a reviewer approved has its
masked public copy (never the raw upload) loaded with PostgreSQL COPY into a table that
``datastore_create`` made with the columns the dataset's data items declare; any other file
has no table. Each run compares a fingerprint of the public copy and the declared columns
with the last load, so a job queued twice loads once.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
import polars as pl
from ckan import model
from openpyxl import load_workbook

from ckanext.datastore.backend.postgres import (  # type: ignore[import-untyped]
    get_write_engine,
    identifier,
)
from ckanext.govopen import config
from ckanext.govopen.datastore import columns, loader, reports
from ckanext.govopen.lib.coerce import json_list_of
from ckanext.govopen.storage import files as storage

log = logging.getLogger(__name__)

QUEUE = "govopen:datastore"
FORMATS = ("csv", "xlsx")
_BATCH_ROWS = 200_000
VIEW_TYPE = "datatables_view"


def enqueue(resource_id: str) -> None:
    tk.enqueue_job(sync_resource, [resource_id], title=f"govopen datastore {resource_id}",
                   queue=QUEUE, rq_kwargs={"timeout": config.datastore_load_timeout()})


def _published(resource: model.Resource) -> bool:
    """Passed desensitization, and a reviewer approved the file as it is now."""
    flow = tk.get_action("govopen_dataset_workflow_show")(
        {"ignore_auth": True}, {"id": resource.package_id})
    for entry in flow["resources"]:
        if entry["id"] == resource.id:
            return bool(entry["uploaded"] and entry["status"] == "passed"
                        and entry["review"] == "approved")
    return False


def file_format(resource: model.Resource, path_hint: str = "") -> str | None:
    for candidate in ((resource.format or "").lower(),
                      Path(resource.url or path_hint).suffix.lstrip(".").lower()):
        if candidate in FORMATS:
            return candidate
    return None


def sync_resource(resource_id: str) -> str:
    """Load, reload or drop one resource's table; returns what was done
    (``loaded``, ``current``, ``dropped``, ``absent``, ``not_tabular``, ``failed``)."""
    model.Session.expire_all()  # rows the enqueuing process committed a moment ago
    resource = model.Session.get(model.Resource, resource_id)
    if resource is None or resource.state != "active" or not _published(resource):
        return drop(resource_id)
    public = storage.public_path(resource_id)
    fmt = file_format(resource)
    if not public.exists():
        return drop(resource_id)
    if fmt is None:
        drop(resource_id)
        reports.write(resource_id, {"status": "not_tabular", "format": resource.format})
        return "not_tabular"
    pkg = tk.get_action("package_show")({"ignore_auth": True}, {"id": resource.package_id})
    items = json_list_of(pkg.get("data_items"), dict)
    try:
        headers = _headers(public, fmt)
        plan = columns.plan(headers, items)
        fingerprint = _fingerprint(public, plan)
        previous = reports.read(resource_id)
        if (previous and previous.get("fingerprint") == fingerprint
                and previous.get("status") == "loaded" and table_exists(resource_id)):
            reports.write(resource_id, previous, loaded=False)  # checked: not stale
            return "current"
        report = load(resource_id, public, fmt, plan)
    except (OSError, ValueError, pl.exceptions.PolarsError, tk.ValidationError) as e:
        drop(resource_id)
        log.warning("datastore load of %s failed: %s", resource_id, e)
        reports.write(resource_id, {"status": "failed", "error": type(e).__name__,
                                    "detail": str(e)[:500]})
        return "failed"
    report["fingerprint"] = fingerprint
    reports.write(resource_id, report)
    _ensure_view(resource_id)
    return "loaded"


def _headers(public: Path, fmt: str) -> list[str]:
    if fmt == "csv":
        return list(pl.scan_csv(public, infer_schema=False, n_rows=0).collect_schema())
    return _xlsx_header(public)


def _fingerprint(public: Path, plan: columns.Plan) -> str:
    stat = public.stat()
    spec = json.dumps([c.field() for c in plan.columns], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(f"{stat.st_size}:{stat.st_mtime_ns}:{spec}".encode()).hexdigest()


def batches(public: Path, fmt: str, rows: int = _BATCH_ROWS) -> Iterator[pl.DataFrame]:
    """The public copy as frames of text cells, the file's columns in order."""
    if fmt == "xlsx":
        yield from _xlsx_batches(public, rows)
        return
    yield from pl.scan_csv(public, infer_schema=False).collect_batches(chunk_size=rows)


def _cell(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat())
    return str(value)


def _xlsx_rows(public: Path) -> Iterator[tuple[Any, ...]]:
    # Opened as a file: openpyxl refuses a path whose name does not end in .xlsx, and
    # storage keeps public copies under the resource id.
    with open(public, "rb") as handle:
        book = load_workbook(handle, read_only=True, data_only=True)
        try:
            yield from book.worksheets[0].iter_rows(values_only=True)
        finally:
            book.close()


def _xlsx_header(public: Path) -> list[str]:
    first = next(_xlsx_rows(public), ())
    return [columns.clean_header(_cell(v) or f"col{n}") for n, v in enumerate(first, 1)]


def _xlsx_batches(public: Path, rows: int) -> Iterator[pl.DataFrame]:
    """Frames of text cells named by position (the plan matches columns by position)."""
    it = _xlsx_rows(public)
    width = len(next(it, ()))
    schema = {f"c{i}": pl.String for i in range(width)}
    chunk: list[list[str | None]] = []
    for values in it:
        cells = [_cell(v) for v in values[:width]]
        chunk.append(cells + [None] * (width - len(cells)))
        if len(chunk) >= rows:
            yield pl.DataFrame(chunk, schema=schema, orient="row")
            chunk = []
    yield pl.DataFrame(chunk, schema=schema, orient="row")


def load(resource_id: str, public: Path, fmt: str, plan: columns.Plan,
         fulltext: bool = True) -> dict[str, Any]:
    """Replace the table with the public copy's rows; returns the load report. Without
    `fulltext` (benchmarks of the rest) free-text search (q) finds nothing in the table."""
    drop(resource_id, keep_report=True)
    report = loader.load(resource_id, lambda: batches(public, fmt), plan,
                         public.stat().st_size, fulltext=fulltext)
    return {**report, "format": fmt}


def table_exists(resource_id: str) -> bool:
    with get_write_engine().connect() as conn:
        return bool(conn.exec_driver_sql(
            "SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = %s",
            (resource_id,)).scalar())


def drop(resource_id: str, keep_report: bool = False) -> str:
    """No table for this resource (and no report, unless `keep_report`)."""
    existed = table_exists(resource_id)
    resource = model.Session.get(model.Resource, resource_id)
    if existed and resource is not None:
        # The action clears the resource's datastore_active flag too.
        with contextlib.suppress(tk.ObjectNotFound):
            tk.get_action("datastore_delete")(loader.site_context(), {  # type: ignore[arg-type]
                "resource_id": resource_id, "force": True})
    if table_exists(resource_id):  # a purged resource: no row left to flag
        with get_write_engine().begin() as conn:
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {identifier(resource_id)} CASCADE")
    if not keep_report:
        reports.remove(resource_id)
    return "dropped" if existed else "absent"


def _ensure_view(resource_id: str) -> None:
    """The table preview on the resource page (CKAN adds default views only when a
    resource is created, before its table exists)."""
    context = loader.site_context()
    views = tk.get_action("resource_view_list")(context, {"id": resource_id})  # type: ignore[arg-type]
    if any(v["view_type"] == VIEW_TYPE for v in views):
        return
    tk.get_action("resource_view_create")(context, {  # type: ignore[arg-type]
        "resource_id": resource_id, "view_type": VIEW_TYPE, "title": "表格预览"})


__all__ = ["QUEUE", "drop", "enqueue", "load", "sync_resource"]
