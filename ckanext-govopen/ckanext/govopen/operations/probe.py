"""Is a backing service reachable, and what does the supervisor say: the small checks the
error handlers, the status action and the recovery share."""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import socket
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.redis import connect_to_redis
from flask import g
from sqlalchemy import text

STALE_AFTER = 15  # seconds: the supervisor writes its status file every second


def _reachable(url: str, default_port: int, timeout: float = 1.0) -> bool:
    """A TCP connection opens: a killed service refuses at once on loopback."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or default_port
    try:
        with socket.create_connection((host, port), timeout):
            return True
    except OSError:
        return False


def search_reachable() -> bool:
    return _reachable(tk.config.get("solr_url") or "http://127.0.0.1:8983/solr", 8983)


def redis_reachable() -> bool:
    try:
        return bool(connect_to_redis().ping())
    except Exception:  # noqa: BLE001 -- any failure means "not usable now"
        return False


def database_reachable() -> bool:
    try:
        model.Session.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001 -- any failure means "not usable now"
        model.Session.rollback()
        return False


def status_file() -> Path | None:
    value = tk.config.get("ckanext.govopen.operations.status_file")
    return Path(value) if value else None


def supervisor_status(now: dt.datetime | None = None) -> dict[str, Any]:
    """The supervisor's last status file, with ``stale`` when it stopped writing it."""
    path = status_file()
    if path is None or not path.exists():
        return {"supervised": False, "services": {}}
    with contextlib.suppress(OSError, ValueError):
        data = json.loads(path.read_text())
        now = now or dt.datetime.now(dt.UTC)
        updated = dt.datetime.fromisoformat(data.get("updated") or "1970-01-01T00:00:00+00:00")
        data["supervised"] = True
        data["stale"] = (now - updated).total_seconds() > STALE_AFTER
        return data
    return {"supervised": False, "services": {}, "unreadable": str(path)}


class SearchUnavailable(Exception):
    """The search server does not answer: pages answer 503, the API a Solr-shaped 503."""


def mark(kind: str) -> None:
    """Note on the request which backing service failed it (read by the 503 rewrite)."""
    with contextlib.suppress(RuntimeError):  # outside a request: nothing to note
        g.govopen_unavailable = kind


def marked() -> str | None:
    try:
        return g.get("govopen_unavailable")
    except RuntimeError:
        return None
