"""`make bench-load`: a whole `make run` portal under locust's headless load.

    .venv/bin/python tools/bench_load.py                      # 50 clients, 5 minutes
    .venv/bin/python tools/bench_load.py --users 20 --minutes 1

The portal runs from var/bench/load-var (demo data, loaded on the first run only) on free
loopback ports; locust runs from its own venv (var/bench/locust-venv, pinned in
requirements/bench-load.txt). Prints one row per request kind and the total: requests,
failures, requests/s, median and p95 in ms. Stops the portal when done.
"""
from __future__ import annotations

import argparse
import csv
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "var" / "bench"
LOCUST_VENV = BENCH / "locust-venv"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _locust() -> Path:
    exe = LOCUST_VENV / "bin" / "locust"
    if not exe.exists():
        print("· setting up locust in", LOCUST_VENV, "(first run only)", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(LOCUST_VENV)], check=True)
        subprocess.run([str(LOCUST_VENV / "bin" / "python"), "-m", "pip", "install", "-q",
                        "-r", str(ROOT / "requirements" / "bench-load.txt")], check=True)
    return exe


def _start_portal() -> tuple[subprocess.Popen[str], str]:
    port = _free_port()
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("CKAN_")},
           "GOVOPEN_VAR": str(BENCH / "load-var"), "PORT": str(port),
           "GOVOPEN_PG_PORT": str(_free_port()), "GOVOPEN_REDIS_PORT": str(_free_port()),
           "GOVOPEN_SEARCH_PORT": str(_free_port())}
    proc = subprocess.Popen([sys.executable, str(ROOT / "tools" / "stack.py"), "run"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdout
    for line in proc.stdout:
        print("  " + line.rstrip(), flush=True)
        if "stop with Ctrl-C" in line:
            return proc, f"http://127.0.0.1:{port}"
    raise SystemExit(f"the portal did not start (exit {proc.wait()})")


def _table(stats: Path) -> int:
    with open(stats, newline="") as f:
        rows = list(csv.DictReader(f))
    print(f"\n{'request':<40} {'requests':>9} {'failures':>9} {'req/s':>7} "
          f"{'median ms':>10} {'p95 ms':>8}")
    failures = 0
    for row in rows:
        print(f"{row['Name'][:40]:<40} {row['Request Count']:>9} {row['Failure Count']:>9} "
              f"{float(row['Requests/s']):>7.1f} {row['Median Response Time']:>10} "
              f"{row['95%']:>8}")
        if row["Name"] == "Aggregated":
            failures = int(row["Failure Count"])
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=5)
    args = parser.parse_args()
    BENCH.mkdir(parents=True, exist_ok=True)
    locust = _locust()
    proc, url = _start_portal()
    try:
        prefix = BENCH / "load"
        subprocess.run([str(locust), "-f", str(ROOT / "tools" / "locustfile.py"), "--headless",
                        "--users", str(args.users), "--spawn-rate", str(max(args.users // 10, 1)),
                        "--run-time", f"{int(args.minutes * 60)}s", "--host", url,
                        "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
                        "--stop-timeout", "10"], check=False)
        failures = _table(Path(f"{prefix}_stats.csv"))
        print(f"\n{args.users} clients × {args.minutes:g} min on {os.cpu_count()} cores: "
              f"{failures} failed requests")
        return 1 if failures else 0
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(120)


if __name__ == "__main__":
    sys.exit(main())
