"""Another user of the machine reaches loopback too: every service `make test` (and
`make run`, tests/test_make_run.py) starts asks for a password, and the ini is private."""
from __future__ import annotations

import base64
import os
import stat
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import redis
from ckan.plugins import toolkit as tk

pytestmark = pytest.mark.usefixtures("with_plugins")


def test_the_test_ini_is_readable_by_its_owner_only() -> None:
    mode = stat.S_IMODE(Path(os.environ["CKAN_INI"]).stat().st_mode)
    assert mode == 0o600, oct(mode)


def test_redis_refuses_a_client_without_the_password() -> None:
    url = urlsplit(tk.config["ckan.redis.url"])
    assert url.password, "ckan.redis.url carries the password"
    anonymous = redis.Redis(host=url.hostname, port=url.port)
    with pytest.raises(redis.exceptions.AuthenticationError):
        anonymous.get("anything")
    assert redis.Redis.from_url(tk.config["ckan.redis.url"]).ping()


def _select(auth: str | None) -> int:
    req = urllib.request.Request(tk.config["solr_url"] + "/select?q=*:*&rows=0&wt=json")
    if auth:
        req.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def test_the_search_service_refuses_a_client_without_the_password() -> None:
    user, password = tk.config["solr_user"], tk.config["solr_password"]
    assert user and password
    assert _select(None) == 401
    assert _select(f"{user}:wrong") == 401
    assert _select(f"{user}:{password}") == 200


def test_no_password_is_on_a_command_line() -> None:
    """`ps` shows every process's arguments to every user."""
    import psutil

    secrets = {urlsplit(tk.config["ckan.redis.url"]).password, tk.config["solr_password"]}
    for proc in psutil.process_iter(["cmdline"]):
        line = " ".join(proc.info["cmdline"] or [])
        assert not any(s in line for s in secrets), line
