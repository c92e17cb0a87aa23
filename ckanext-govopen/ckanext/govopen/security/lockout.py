"""Failed-login counters in Redis, per account and per client address.

An account is counted by the name or email as typed (lower-cased, hashed), so a name that
belongs to nobody locks exactly like a real one and the answer never tells them apart.
A fixed window starts at the first failure; reaching the limit refuses every login for
that key until the window ends, even with the right password.
"""
from __future__ import annotations

import hashlib
from typing import cast

from ckan.lib.redis import connect_to_redis

from ckanext.govopen import config

_PREFIX = "govopen:login_failures:"


def _keys(login: str, address: str) -> list[tuple[str, int]]:
    account = hashlib.sha256(login.strip().lower().encode("utf-8")).hexdigest()
    return [(f"{_PREFIX}account:{account}", config.login_max_failures()),
            (f"{_PREFIX}address:{address}", config.login_max_failures_per_address())]


def locked_for(login: str, address: str) -> int:
    """Seconds until a login for `login` from `address` is allowed again; 0 when it is."""
    redis = connect_to_redis()
    wait = 0
    for key, limit in _keys(login, address):
        # redis-py types every reply as "maybe awaitable"; this client is the synchronous one.
        count = cast("bytes | None", redis.get(key))
        if count is not None and int(count) >= limit:
            wait = max(wait, cast(int, redis.ttl(key)), 1)
    return wait


def record_failure(login: str, address: str) -> None:
    window = config.login_lockout_seconds()
    redis = connect_to_redis()
    for key, _limit in _keys(login, address):
        # The window runs from the first failure and is not extended by later ones.
        if redis.incr(key) == 1:
            redis.expire(key, window)


def record_success(login: str) -> None:
    """A successful login forgets the account's failures (not the address's: one address
    trying many accounts stays counted)."""
    key, _limit = _keys(login, "")[0]
    connect_to_redis().delete(key)
