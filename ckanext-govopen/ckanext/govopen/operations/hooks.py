"""Degrade, don't fail: while a backing service is down, the requests that need it get a
503 saying so (zh and en), and the rest of the portal keeps working.

Every action runs inside ``_classify`` (outside hardening's guard): a failure of the
search server, Redis or PostgreSQL is noted on the request. The search failure becomes
``SearchUnavailable``, which no CKAN view catches, so pages reach our error handler (503
page); CKAN's API view turns every exception into a 500, which ``_rewrite`` replaces with
a 503 whose body is CKAN's error envelope and Solr's error shape at once. ``tick`` requeues
desensitize jobs a crash left behind (recovery.py).
"""
from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib import base
from ckan.lib.search.common import SearchError, SearchIndexError, SolrConnectionError
from flask import Flask, Response, jsonify, request
from redis import exceptions as redis_exc
from sqlalchemy import exc as sa_exc

from ckanext.govopen.operations import probe, recovery, texts

log = logging.getLogger(__name__)

_SEARCH = (SearchError, SearchIndexError, SolrConnectionError)
_QUEUE = (redis_exc.ConnectionError, redis_exc.TimeoutError)
_KINDS = {"search": "search_down", "queue": "queue_down", "db": "db_down"}


def _classify(action: Callable[..., Any], *args: Any) -> Any:
    try:
        return action(*args)
    except _SEARCH as error:
        if isinstance(error, SearchError) and probe.search_reachable():
            raise  # a bad query, answered by hardening's 400
        probe.mark("search")
        log.warning("search server unreachable: %r", error)
        raise probe.SearchUnavailable(str(error)) from error
    except _QUEUE:
        probe.mark("queue")
        raise
    except sa_exc.OperationalError:
        probe.mark("db")
        raise


def _chained(inner: Callable[..., Any]) -> Any:
    def guard(next_action: Any, context: Any, data_dict: Any = None) -> Any:
        return _classify(inner, next_action, context, data_dict)

    guard.__dict__.update(inner.__dict__)
    # CKAN copies __dict__ onto its partial; a guard of hardening's keeps the help text of
    # the action it wraps in its __dict__, not in its own (empty) docstring.
    guard.__dict__["__doc__"] = inner.__dict__.get("__doc__") or inner.__doc__
    guard.__name__ = getattr(inner, "__name__", "guard")
    return tk.chained_action(guard)


def wrap_actions(actions: dict[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """Every action (hardening's guards included) inside ``_classify``."""
    wrapped: dict[str, Callable[..., Any]] = {}
    for name, action in actions.items():
        if getattr(action, "chained_action", False):
            wrapped[name] = _chained(action)
        else:
            wrapped[name] = functools.wraps(action)(functools.partial(_classify, action))
    return wrapped


def _api() -> bool:
    return request.path.startswith("/api/")


def _api_body(kind: str) -> dict[str, Any]:
    message = texts.both(_KINDS[kind])
    error: dict[str, Any] = {"__type": "Service Unavailable", "message": message}
    body: dict[str, Any] = {"success": False, "error": error}
    if kind == "search":
        # What Solr itself answers when it cannot serve a query, inside CKAN's envelope.
        error.update({"__type": "Search Unavailable", "msg": message, "code": 503,
                      "metadata": ["error-class", "org.apache.solr.common.SolrException",
                                   "root-error-class", "java.net.ConnectException"]})
        body["responseHeader"] = {"status": 503, "QTime": 0}
    return body


def _unavailable(kind: str) -> Any:
    if _api():
        response = jsonify(_api_body(kind))
    else:
        response = Response(base.render("error_document_template.html", {
            "code": 503, "content": texts.both(_KINDS[kind]),
            "name": texts.both(f"{_KINDS[kind]}_title")}))
    response.status_code = 503
    response.headers["Retry-After"] = "10"
    return response


def _on_search(error: Exception) -> Any:
    probe.mark("search")
    return _unavailable("search")


def _on_queue(error: Exception) -> Any:
    log.warning("job queue unreachable on %s: %r", request.path, error)
    return _unavailable("queue")


def _on_db(error: Exception) -> Any:
    log.warning("database unreachable on %s: %r", request.path, error)
    model.Session.rollback()
    return _unavailable("db")


def _rewrite(response: Response) -> Response:
    """An error answer to a request a backing service failed becomes that 503."""
    kind = probe.marked()
    if kind is None or response.status_code < 409 or response.status_code == 503:
        return response
    answer: Response = _unavailable(kind)
    return answer


def _wrap_previous(app: Flask, kind: type[Exception]) -> None:
    """Hardening answers a SearchError with 400 (a bad query); while the search server is
    down the same error is ours to answer, so its handler is kept for the other cases."""
    handlers = app.error_handler_spec.setdefault(None, {}).setdefault(None, {})
    previous = handlers.get(kind)

    def handler(error: Exception) -> Any:
        if not probe.search_reachable():
            return _on_search(error)
        if previous is None:
            raise error
        return previous(error)

    app.register_error_handler(kind, handler)


def make_middleware(app: Any, config_: Any) -> Any:
    if not isinstance(app, Flask):
        return app
    app.register_error_handler(probe.SearchUnavailable, _on_search)
    for search_error in _SEARCH:
        _wrap_previous(app, search_error)
    for queue_error in _QUEUE:
        app.register_error_handler(queue_error, _on_queue)
    app.register_error_handler(sa_exc.OperationalError, _on_db)
    app.after_request(_rewrite)
    return app


def tick(now: dt.datetime) -> None:
    """Requeue desensitize jobs a killed worker or a lost queue left behind."""
    recovery.requeue_stalled(now)
