"""A short-lived memo of values every visitor sees alike (the home page's figures and
lists), kept per web process.

Pure (no CKAN): the caller passes the lifetime, so a portal configured with 0 computes
every value on every call. cachetools keeps the entries and their expiry; one lock per
process keeps two threads from filling the same entry at once.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

from cachetools import TTLCache

T = TypeVar("T")

# A few dozen keys at most (one per list and language); the bound only guards memory.
_MAX_ENTRIES = 256
_caches: dict[int, TTLCache[Hashable, object]] = {}
_lock = threading.Lock()


def remember(key: Hashable, seconds: int, compute: Callable[[], T]) -> T:
    """`compute()`, or its value of less than `seconds` ago under the same `key`."""
    if seconds <= 0:
        return compute()
    with _lock:
        cache = _caches.setdefault(seconds, TTLCache(maxsize=_MAX_ENTRIES, ttl=seconds))
        if key in cache:
            return cache[key]  # type: ignore[return-value]
    value = compute()
    with _lock:
        cache[key] = value
    return value


def forget() -> None:
    """Drop every remembered value (tests, and after a sysadmin changes the home page)."""
    with _lock:
        for cache in _caches.values():
            cache.clear()
