"""make run's supervisor (tools/supervise.py) on real processes: a killed service is
restarted after its backoff and the status file says what happened; a service that
cannot start stops the portal with the reason."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import services as svc
import supervise


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _sleeper(tmp_path: Path, name: str = "sleeper") -> svc.Service:
    return svc.spawn(name, [sys.executable, "-c", "import time; time.sleep(60)"],
                     tmp_path / f"{name}.log")


def test_a_killed_service_is_restarted_after_its_backoff(tmp_path: Path) -> None:
    stack = svc.Stack()
    stack.add(_sleeper(tmp_path), restart=lambda: _sleeper(tmp_path))
    clock, lines = Clock(), []
    status_file = tmp_path / "status.json"
    sup = supervise.Supervisor(stack, status_file, log=lines.append, clock=clock)
    try:
        first = stack.services[0].proc
        clock.now += 30  # it ran a while: a crash, not a failed start
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        sup.check()
        status = json.loads(status_file.read_text())["services"]["sleeper"]
        assert status["state"] == "restarting"
        assert status["last_exit"]["status"] == "killed by SIGKILL"
        assert "sleeper stopped unexpectedly (killed by SIGKILL" in lines[0]
        clock.now += 0.5
        sup.check()
        assert stack.services[0].proc is first  # the backoff (1 s) is not over
        clock.now += 1
        sup.check()
        assert stack.services[0].proc is not first and stack.services[0].proc.poll() is None
        status = json.loads(status_file.read_text())["services"]["sleeper"]
        assert status["state"] == "running" and status["restarts"] == 1
        assert status["pid"] == stack.services[0].proc.pid
    finally:
        stack.stop()


def test_a_service_that_cannot_start_stops_the_portal_with_the_reason(tmp_path: Path) -> None:
    def broken() -> svc.Service:
        raise svc.StackError("port 1 for demo is already in use")

    stack = svc.Stack()
    crash = svc.spawn("demo", [sys.executable, "-c", "raise SystemExit(3)"], tmp_path / "d.log")
    crash.proc.wait()
    stack.add(crash, restart=broken)
    clock = Clock()
    sup = supervise.Supervisor(stack, tmp_path / "status.json", log=lambda _: None,
                               clock=clock)
    delays = []
    with pytest.raises(svc.StackError, match="demo cannot start") as raised:
        for _ in range(20):
            sup.check()
            state = sup.states["demo"]
            if state.due is not None:
                delays.append(state.due - clock.now)
                clock.now = state.due
    assert "already in use" in str(raised.value)
    assert delays == [1.0, 2.0, 4.0, 8.0, 16.0]  # growing backoff, then it gives up
    status = json.loads((tmp_path / "status.json").read_text())["services"]["demo"]
    assert status["state"] == "failed"
    assert status["last_exit"]["status"] == "exit code 3"


def test_exit_status_words() -> None:
    assert supervise.exit_status(-9) == "killed by SIGKILL"
    assert supervise.exit_status(1) == "exit code 1"
    assert subprocess.run([sys.executable, "-c", "pass"], check=False).returncode == 0
