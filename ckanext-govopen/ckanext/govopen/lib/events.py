"""Hooks fired by the lower layers (storage) that capabilities above them answer.

Storage may not import the registry (it sits below it in the layers contract), so it fires
here and the registry, which knows every capability's ``hooks.py``, installs itself as the
dispatcher when it is imported: ``fire("after_file_state", ...)`` then calls every
capability's ``hooks.after_file_state``, like any other hook. lib names no capability.

The hooks fired:

``after_file_state(resource_id, state)``
    storage recorded a new state of a stored upload in the session: ``pending`` (a new
    raw file), a job's result (``passed``, ``failed``), a review decision (``approved``,
    ``rejected``...) or ``deleted``. Called before the caller commits.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

_dispatch: Callable[..., None] | None = None


def install(dispatch: Callable[..., None]) -> None:
    """Make `dispatch(name, *args)` answer every ``fire`` (the registry's ``run``)."""
    global _dispatch
    _dispatch = dispatch


def fire(name: str, *args: Any) -> None:
    """Run the hook `name`; nothing when no registry is loaded (a bare script)."""
    if _dispatch is not None:
        _dispatch(name, *args)
