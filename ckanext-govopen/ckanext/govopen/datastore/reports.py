"""The load report of each resource: rows, speed, fields, and the cells that did not fit
their declared type. Kept as a JSON file beside CKAN's storage
(``<storage_path>/govopen/datastore/<id>.json``): it describes the masked public copy, so
it holds nothing the public copy does not."""
from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.lib.uploader import get_storage_path

from ckanext.govopen.lib import clock


def path(resource_id: str) -> Path:
    base = get_storage_path()
    if not base:
        raise tk.ValidationError({"datastore": ["ckan.storage_path is not configured"]})
    if not resource_id or "/" in resource_id or resource_id.startswith("."):
        raise tk.ValidationError({"resource_id": ["Invalid resource id"]})
    return Path(base).resolve() / "govopen" / "datastore" / f"{resource_id}.json"


def read(resource_id: str) -> dict[str, Any] | None:
    try:
        data = json.loads(path(resource_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write(resource_id: str, report: dict[str, Any], *, loaded: bool = True) -> None:
    """Store the report; `at` is when the table was last loaded (or the load failed),
    `checked` when the file was last compared with it (kept as is: `loaded=False`)."""
    target = path(resource_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    now = clock.now().isoformat()
    report = {**report, "resource_id": resource_id, "checked": now}
    if loaded or "at" not in report:
        report["at"] = now
    tmp = target.with_name(target.name + "~")
    tmp.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, target)


def remove(resource_id: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        path(resource_id).unlink()
