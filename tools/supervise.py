"""Keep `make run`'s services alive: a service that dies is restarted with backoff.

`Supervisor.check()` runs once a second in `make run`'s main loop. A dead service is
logged with its exit status, its leftover processes are killed (gunicorn workers of a
killed master would hold the port), and it is started again after 1, 2, 4 … 30 seconds.
A start that fails, or a service that dies within `QUICK` seconds of starting, counts as
a failed try; after `MAX_TRIES` failed tries in a row the service "cannot start" and
`check()` raises StackError with the reason, which stops the portal. A service that ran
for a while and then died has its count reset: crashes are survived, a broken setup is
not retried forever.

Every check writes the state of each service to a JSON status file (mode 600), which the
portal's `govopen_service_status` action and the sysadmin page read. `updated` tells
readers whether the supervisor itself is still alive.

Imports nothing of CKAN (like services.py).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import services as svc  # a sibling module: tools/ is not a package
from services import StackError

BACKOFF = (1.0, 2.0, 4.0, 8.0, 16.0, 30.0)
MAX_TRIES = 6        # failed tries in a row before a service "cannot start"
QUICK = 10.0         # a service dying sooner than this after its start failed to start
STATUS_VERSION = 1


def exit_status(returncode: int | None) -> str:
    """`killed by SIGKILL`, `exit code 1` …: what a sysadmin reads in the log."""
    if returncode is None:
        return "running"
    if returncode < 0:
        try:
            return f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exit code {returncode}"


def _iso(wall: float | None) -> str | None:
    if wall is None:
        return None
    return dt.datetime.fromtimestamp(wall, dt.UTC).isoformat(timespec="seconds")


@dataclass
class _State:
    started: float                       # monotonic
    started_wall: float
    restarts: int = 0
    failures: int = 0                    # failed tries in a row
    due: float | None = None             # monotonic time of the next try, when dead
    last_exit: dict[str, Any] | None = None
    state: str = "running"


@dataclass
class Supervisor:
    stack: svc.Stack
    status_file: Path
    log: Callable[[str], None] = print
    on_restart: Callable[[str], None] | None = None
    clock: Callable[[], float] = time.monotonic
    states: dict[str, _State] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for service in self.stack.services:
            self._track(service)

    def _track(self, service: svc.Service) -> None:
        if service.name not in self.states:
            self.states[service.name] = _State(self.clock(), time.time())

    def check(self) -> None:
        """Notice deaths, restart what is due, write the status file."""
        now = self.clock()
        for index, service in enumerate(list(self.stack.services)):
            self._track(service)
            state = self.states[service.name]
            if state.due is None:
                code = service.proc.poll()
                if code is None:
                    if state.failures and now - state.started >= QUICK:
                        state.failures = 0  # it stayed up: the next crash starts afresh
                    continue
                self._died(service, state, code, now)
            if state.due is not None and now >= state.due:
                self._try_restart(index, service, state)
        self.write_status()

    def _died(self, service: svc.Service, state: _State, code: int, now: float) -> None:
        lived = now - state.started
        _kill_group(service)
        if lived < QUICK:
            state.failures += 1
        else:
            state.failures = 1
        state.last_exit = {"status": exit_status(code), "code": code, "at": _iso(time.time()),
                           "after_seconds": round(lived, 1)}
        self._schedule(service, state, f"{service.name} stopped unexpectedly "
                                       f"({exit_status(code)} after {lived:.0f}s)")

    def _schedule(self, service: svc.Service, state: _State, why: str) -> None:
        if state.failures >= MAX_TRIES:
            state.state, state.due = "failed", None
            self.write_status()
            raise StackError(f"{service.name} cannot start: {why}, {state.failures} tries "
                             f"in a row; see {service.log}{svc._tail(service.log)}")
        delay = BACKOFF[min(max(state.failures - 1, 0), len(BACKOFF) - 1)]
        state.state, state.due = "restarting", self.clock() + delay
        self.log(f"! {why}; restarting in {delay:.0f}s (log: {service.log})")

    def _try_restart(self, index: int, service: svc.Service, state: _State) -> None:
        restart = self.stack.restarts.get(service.name)
        if restart is None:
            state.failures = MAX_TRIES  # nothing knows how to start it again
            self._schedule(service, state, f"{service.name} stopped and has no restart")
            return
        try:
            fresh = restart()
        except StackError as e:
            state.failures += 1
            self._schedule(service, state, f"{service.name} failed to start again ({e})")
            return
        self.stack.services[index] = fresh
        state.started, state.started_wall = self.clock(), time.time()
        state.restarts += 1
        state.due, state.state = None, "running"
        self.log(f"· {service.name} restarted (pid {fresh.proc.pid}, "
                 f"restart {state.restarts})")
        if self.on_restart is not None:
            self.on_restart(service.name)

    def status(self) -> dict[str, Any]:
        services: dict[str, Any] = {}
        for service in self.stack.services:
            state = self.states.get(service.name)
            if state is None:
                continue
            services[service.name] = {
                "state": state.state,
                "pid": service.proc.pid if state.state == "running" else None,
                "since": _iso(state.started_wall),
                "restarts": state.restarts,
                "failed_tries": state.failures,
                "last_exit": state.last_exit,
                "next_try_in": (round(max(state.due - self.clock(), 0), 1)
                                if state.due is not None else None),
                "log": str(service.log),
            }
        return {"version": STATUS_VERSION, "supervisor_pid": os.getpid(),
                "updated": _iso(time.time()), "services": services}

    def write_status(self) -> None:
        tmp = self.status_file.with_name(self.status_file.name + ".tmp")
        svc.write_private(tmp, json.dumps(self.status(), indent=1))
        os.replace(tmp, self.status_file)

    def stopped(self) -> None:
        """Ctrl-C: the status file says so rather than showing stale "running" rows."""
        status = self.status()
        for row in status["services"].values():
            row["state"], row["pid"] = "stopped", None
        with contextlib.suppress(OSError):
            svc.write_private(self.status_file, json.dumps(status, indent=1))


def _kill_group(service: svc.Service) -> None:
    """What the dead process left behind in its session (it led one: start_new_session)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(service.proc.pid, signal.SIGKILL)
