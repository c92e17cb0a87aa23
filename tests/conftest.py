"""Test setup shared by every test module.

Tests that need CKAN use its pytest fixtures (`with_plugins`, `clean_db`, …); the
services behind them are started by `make test` (tools/stack.py test), which also
sets CKAN_INI to the test configuration.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

# Every test starts from a seed of its own: see pytest_plugins/random_seed.py.
pytest_plugins = ["tests.pytest_plugins.random_seed"]

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Flags this closed network needs: no background traffic to hosts it cannot reach.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture
def clean_db(reset_db, migrate_db_for):  # type: ignore[no-untyped-def]
    """CKAN's clean_db, plus the tables of the plugins the portal runs."""
    reset_db()
    migrate_db_for("activity")
    migrate_db_for("govopen")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without CKAN's pytest plugin (pure runs: -p no:ckan) skip what needs the portal."""
    if config.pluginmanager.has_plugin("ckan"):
        return
    skip = pytest.mark.skip(reason="needs CKAN and its services: make test")
    for item in items:
        if {"with_plugins", "live_server", "app"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(skip)


def pytest_report_header(config: pytest.Config) -> str:
    if CHROMIUM:
        return f"browser tests: {CHROMIUM}"
    return ("browser tests: SKIPPED, no Chromium on this machine "
            "(install Debian's package: apt-get install chromium)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """The portal served by gunicorn on the test configuration, as users reach it."""
    ini = os.environ.get("CKAN_INI")
    if not ini:
        pytest.skip("needs the services of `make test` (CKAN_INI is not set)")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = Path(ini).parent / "live_server.log"
    env = {**os.environ, "CKAN_SITE_URL": url}
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "--workers", "2", "--bind",
             f"127.0.0.1:{port}", "--timeout", "120", "--chdir", str(ROOT / "config"),
             "--config", str(ROOT / "config" / "gunicorn.conf.py"),
             "wsgi:application"],
            stdout=out, stderr=subprocess.STDOUT, env=env,
        )
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail(f"the live server exited; see {log}")
            with contextlib.suppress(OSError), urllib.request.urlopen(
                f"{url}/api/3/action/status_show", timeout=5
            ):
                break
            if time.monotonic() > deadline:
                pytest.fail(f"the live server did not start; see {log}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(30)


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    if not CHROMIUM:
        pytest.skip("no Chromium on this machine: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="zh-CN")
    pg = context.new_page()
    yield pg
    context.close()
