"""Generic guards: crashes that bad input causes in CKAN core, ckanext-dcat or our own code
become 409 (actions) or 400 (pages) answers with a bilingual message, never a 500.

Every core action and every action of ours runs inside ``_run``: a ValueError, TypeError,
AttributeError or a database DataError raised by a parameter of the wrong type or form
(``rows=[1]``, ``limit=abc``, an id with a NUL) is answered as a validation error, after
the failed transaction is rolled back. Pages get the same treatment from Flask error
handlers. Each guarded crash is still logged with its traceback, so a real bug stays visible.
"""
from __future__ import annotations

import functools
import importlib
import logging
from collections.abc import Callable
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan import model
from ckan.authz import get_local_functions
from ckan.lib import base
from ckan.lib.search.common import SearchError
from flask import Flask, jsonify, request
from rdflib.plugin import PluginException
from sqlalchemy import exc as sa_exc

from ckanext.govopen.hardening import texts

log = logging.getLogger(__name__)

# PluginException: rdflib's answer to an unknown format (``/dataset/<name>.zzz``)
# LookupError: a required parameter read as data_dict["q"]; AssertionError: CKAN asserts
# on input in places (an anonymous package_collaborator_list)
_CRASHES = (ValueError, TypeError, AttributeError, LookupError, AssertionError,
            sa_exc.DataError, sa_exc.StatementError, PluginException)
_CORE_MODULES = ("get", "create", "update", "delete", "patch")


def _bad_input(error: Exception) -> bool:
    """Whether `error` is one that bad input causes (not, say, a lost database)."""
    if isinstance(error, sa_exc.DBAPIError):
        if isinstance(error, sa_exc.ProgrammingError):
            # psycopg2 cannot send a dict (no pgcode), or a number was compared with a text
            # column (42883); a syntax error of ours (42601) stays a 500
            return getattr(error.orig, "pgcode", None) in (None, "42883")
        return isinstance(error, sa_exc.DataError)
    return isinstance(error, _CRASHES)


def _run(action: Callable[..., Any], *args: Any) -> Any:
    try:
        return action(*args)
    except (tk.ValidationError, tk.NotAuthorized, tk.ObjectNotFound, SearchError):
        raise
    except Exception as error:
        if not _bad_input(error):
            raise
        log.warning("bad input turned into a validation error", exc_info=True)
        model.Session.rollback()
        raise tk.ValidationError({"message": texts.both("bad_request")}) from None


def _chained_guard(inner: Callable[..., Any] | None, like: Callable[..., Any]) -> Any:
    def guard(next_action: Any, context: Any, data_dict: Any = None) -> Any:
        if inner is None:
            return _run(next_action, context, data_dict)
        return _run(inner, next_action, context, data_dict)

    guard.__dict__.update(like.__dict__)
    guard.__dict__["__doc__"] = like.__doc__  # CKAN copies __dict__ onto its partial
    guard.__name__ = getattr(like, "__name__", "guard")
    return tk.chained_action(guard)


def _other_plugins_actions() -> dict[str, Callable[..., Any]]:
    """The actions other plugins (activity, dcat, scheming …) define, to guard them too."""
    found: dict[str, Callable[..., Any]] = {}
    for plugin in p.PluginImplementations(p.IActions):
        if plugin.name != "govopen":
            found.update(plugin.get_actions())
    return found


def wrap_actions(own: dict[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """`own` actions plus a chained guard of every other action (core and the other
    plugins'), each running inside ``_run``."""
    result: dict[str, Callable[..., Any]] = {}
    for name in _CORE_MODULES:
        module = importlib.import_module(f"ckan.logic.action.{name}")
        for action_name, core in get_local_functions(module):
            result[action_name] = _chained_guard(None, core)
    for action_name, action in _other_plugins_actions().items():
        result.setdefault(action_name, _chained_guard(None, action))
    for name, action in own.items():
        if getattr(action, "chained_action", False):
            result[name] = _chained_guard(action, action)
        else:
            result[name] = functools.wraps(action)(functools.partial(_run, action))
    return result


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _answer(status: int, key: str) -> Any:
    message = texts.both(key)
    if request.path.startswith("/api/"):
        body = {"success": False, "error": {"__type": "Validation Error", "message": message}}
        return jsonify(body), status
    return base.render("error_document_template.html", {
        "code": status, "content": message, "name": "Bad Request"}), status


def _refuse_nul() -> Any:
    """A NUL never belongs in a URL or a form; PostgreSQL refuses it deep inside CKAN."""
    if "\x00" in request.path or _has_nul(request.args.to_dict(flat=False)) \
            or (request.form and _has_nul(request.form.to_dict(flat=False))):
        return _answer(400, "nul")
    if request.is_json and _has_nul(request.get_json(silent=True)):
        return _answer(400, "nul")
    return None


def _page_error(error: Exception) -> Any:
    if isinstance(error, tk.ObjectNotFound):  # a page that looked an id up and found none
        model.Session.rollback()
        return _answer(404, "not_found")
    if not _bad_input(error) and not isinstance(error, (tk.ValidationError, SearchError)):
        raise error
    log.warning("bad input on %s answered with 400", request.path, exc_info=error)
    model.Session.rollback()
    return _answer(400, "search" if isinstance(error, SearchError) else "bad_request")


def make_middleware(app: Any, config_: Any) -> Any:
    """Register the request guard and the error handlers on CKAN's Flask app."""
    if not isinstance(app, Flask):
        return app
    app.before_request(_refuse_nul)
    for kind in (*_CRASHES, tk.ValidationError, tk.ObjectNotFound, SearchError):
        app.register_error_handler(kind, _page_error)
    return app
