"""The one place that knows the capabilities: it collects what each one offers for the plugin.

A capability is a package ``ckanext.govopen.<name>`` with some of the standard files (see
docs/architecture.md, "The capability pattern"):

==============  ===================================================================
action.py       public functions are actions (``action_<part>.py`` when one file
                would pass ~400 lines)
auth.py         public functions are auth functions (``auth_<part>.py`` likewise)
helpers.py      public functions are template helpers
validators.py   ``__all__`` names the validators
views.py        ``__all__`` names the Flask blueprints
cli.py          ``__all__`` names the click commands, shown under ``ckan govopen``
hooks.py        functions named after the plugin hooks below; called in the order of
                ``CAPABILITIES``
templates/      a template directory, searched before CKAN's
==============  ===================================================================

Adding a capability is adding its name to ``CAPABILITIES``; ``plugin.py`` never changes.
"""
from __future__ import annotations

import importlib
import types
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import click
from ckan.authz import get_local_functions

from ckanext.govopen.lib import events

# The order is the order hooks run in: publishing judges a dataset write before masking
# queues its files (a refused write rolls back and leaves nothing to queue); ``chain``
# hands each answer to the next, so security's middleware wraps hardening's.
CAPABILITIES: tuple[str, ...] = (
    "portal",       # site-wide: platform name, language, dates, the JS locale alias
    "catalog",      # the catalog schema's vocabularies, validators and directory
    "search",       # index fields, facets, `ckan govopen reindex`
    "publishing",   # review workflow, the write guard, the one download gate
    "storage",      # uploads encrypted at rest, the record of each file, key rotation
    "masking",      # the desensitize job, per-organization policy overrides
    "audit",        # the audit log's read side (every capability writes via lib/audit.py)
    "provenance",   # derived products and their source notes
    "dcat",         # DCAT-AP 3 feeds and vocabulary pages
    "access",       # applications for restricted data, grants, access log
    "usage",        # download counts
    "feedback",     # error reports (纠错) and data requests (数据需求)
    "upkeep",       # update deadlines, `ckan govopen tick`, the October review, quality
    "notices",      # 通知公告 that sysadmins write
    "front",        # the home page, header emblem, bilingual display, share box
    "datastore",    # published tables in CKAN's DataStore, their API pages
    "hardening",    # hostile input answered with 4xx; wraps every action
    "operations",   # service status, 503 while a service is down, backup/restore, recovery
    "security",     # login lockout, TOTP, sessions, CSRF, headers (outermost middleware)
)

_PACKAGE = "ckanext.govopen"
_HERE = Path(__file__).resolve().parent


def _module(capability: str, name: str) -> types.ModuleType | None:
    """``<capability>.<name>`` when the capability has that file, else None."""
    folder = _HERE / capability
    if not (folder / f"{name}.py").is_file() and not (folder / name / "__init__.py").is_file():
        return None
    return importlib.import_module(f"{_PACKAGE}.{capability}.{name}")


def _modules(capability: str, stem: str) -> Iterator[types.ModuleType]:
    """``<stem>.py`` and its ``<stem>_<part>.py`` siblings, in name order."""
    folder = _HERE / capability
    names = [stem, *sorted(p.stem for p in folder.glob(f"{stem}_*.py"))]
    for name in names:
        module = _module(capability, name)
        if module is not None:
            yield module


def _public_functions(stem: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    owner: dict[str, str] = {}
    for capability in CAPABILITIES:
        for module in _modules(capability, stem):
            for name, func in get_local_functions(module):
                if name in found:  # one plugin may chain a CKAN function only once
                    raise RuntimeError(f"{stem} {name} is defined by both "
                                       f"{owner[name]} and {module.__name__}")
                found[name], owner[name] = func, module.__name__
    return found


def _exported(stem: str) -> Iterator[Any]:
    for capability in CAPABILITIES:
        module = _module(capability, stem)
        if module is not None:
            for name in getattr(module, "__all__", ()):
                yield name, getattr(module, name)


def hooks(name: str) -> list[Callable[..., Any]]:
    """Every capability's ``hooks.<name>``, in ``CAPABILITIES`` order."""
    return list(_hooks().get(name, ()))


@cache
def _hooks() -> dict[str, tuple[Callable[..., Any], ...]]:
    table: dict[str, list[Callable[..., Any]]] = {}
    for capability in CAPABILITIES:
        module = _module(capability, "hooks")
        if module is None:
            continue
        for name, func in get_local_functions(module):
            table.setdefault(name, []).append(func)
    return {name: tuple(funcs) for name, funcs in table.items()}


def run(name: str, *args: Any) -> None:
    """Call every ``hooks.<name>(*args)``; for hooks that only react."""
    for func in hooks(name):
        func(*args)


# The lower layers (storage) fire their hooks through lib/events, which cannot import this.
events.install(run)


def chain(name: str, value: Any, *args: Any) -> Any:
    """Pass ``value`` through every ``hooks.<name>(value, *args)`` and return the last."""
    for func in hooks(name):
        value = func(value, *args)
    return value


def first(name: str, *args: Any) -> Any:
    """The first answer of ``hooks.<name>(*args)`` that is not None."""
    for func in hooks(name):
        answer = func(*args)
        if answer is not None:
            return answer
    return None


# What the plugin's blankets register.

def actions() -> dict[str, Any]:
    return dict(chain("wrap_actions", _public_functions("action")))


def auth_functions() -> dict[str, Any]:
    return _public_functions("auth")


def helpers() -> dict[str, Any]:
    return _public_functions("helpers")


def validators() -> dict[str, Any]:
    return dict(_exported("validators"))


def blueprints() -> list[Any]:
    return [blueprint for _, blueprint in _exported("views")]


def template_directories() -> list[str]:
    """Each capability's templates/ (relative to the plugin module, as CKAN wants)."""
    return [f"{capability}/templates" for capability in CAPABILITIES
            if (_HERE / capability / "templates").is_dir()]


@click.group(short_help="GovOpen portal commands.")
def govopen() -> None:
    pass


def cli() -> list[click.Command]:
    """One ``ckan govopen`` group holding every capability's commands."""
    for _, command in _exported("cli"):
        govopen.add_command(command)
    return [govopen]
