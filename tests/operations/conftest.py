"""Fixtures of the operations tests: a backing service made unreachable for one test.

Nothing is mocked: the portal's clients are pointed at a loopback port nobody listens on,
which is what a killed service looks like to them, and pointed back afterwards.
"""
from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator

import pytest

from tests.publishing.conftest import Agency, agency, run_worker  # noqa: F401 - fixtures


def dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again: connections are refused


@contextlib.contextmanager
def search_unreachable() -> Iterator[None]:
    import ckan.plugins.toolkit as tk
    from ckan.lib.search.common import SolrSettings

    saved_url, saved = tk.config.get("solr_url"), SolrSettings.get()
    dead = f"http://127.0.0.1:{dead_port()}/solr/ckan"
    tk.config["solr_url"] = dead
    SolrSettings.init(dead, saved[1], saved[2])
    try:
        yield
    finally:
        tk.config["solr_url"] = saved_url
        SolrSettings.init(*saved)


@contextlib.contextmanager
def redis_unreachable() -> Iterator[None]:
    from ckan.lib import jobs
    from ckan.lib import redis as ckan_redis
    from redis import ConnectionPool

    saved, queues = ckan_redis._connection_pool, dict(jobs._queues)
    ckan_redis._connection_pool = ConnectionPool.from_url(f"redis://127.0.0.1:{dead_port()}/0")
    jobs._queues.clear()  # each queue holds the connection it was made with
    try:
        yield
    finally:
        ckan_redis._connection_pool = saved
        jobs._queues.clear()
        jobs._queues.update(queues)


@pytest.fixture
def search_down() -> Iterator[None]:
    with search_unreachable():
        yield
