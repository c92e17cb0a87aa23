"""Action API calls counted by the server: one Redis counter per day (Asia/Shanghai).

A Redis INCR costs less than the request it counts; a database row per call would not.
Only action calls count (``/api/action/…``, ``/api/3/action/…``): CKAN's own pages ask
``/api/i18n/…`` on every view, which is not anyone using the API.
"""
from __future__ import annotations

import logging
import re
from typing import Any

import flask
from ckan.lib.redis import connect_to_redis

from ckanext.govopen.lib import clock

log = logging.getLogger(__name__)

_KEY = "govopen:api_calls:"
_ACTION_PATH = re.compile(r"^/api/(?:\d+/)?action/")


def _count(response: flask.Response) -> flask.Response:
    if _ACTION_PATH.match(flask.request.path or ""):
        try:
            connect_to_redis().incr(_KEY + clock.today().isoformat())
        except Exception:  # a lost count must never fail the call itself
            log.warning("API call not counted: Redis unavailable", exc_info=True)
    return response


def install(app: Any) -> None:
    app.after_request(_count)


def total() -> int:
    """Action API calls counted so far, all days together (0 when Redis is unreachable)."""
    try:
        client = connect_to_redis()
        keys = list(client.scan_iter(match=_KEY + "*", count=1000))
        values: list[Any] = list(client.mget(keys)) if keys else []  # type: ignore[arg-type]
        return sum(int(v or 0) for v in values)
    except Exception:  # a figure on the home page, not worth a 500
        log.warning("API calls not read: Redis unavailable", exc_info=True)
        return 0
