"""make bench-dcat: DCAT catalog feed speed, our deployed profile chain (what
config/ckan.ini.tmpl configures) against the plain DCAT-AP 3 profile of ckanext-dcat,
on the same generated catalog in one run.

Starts isolated services in a temporary directory, loads N light datasets (seed scale
mode), serves CKAN through gunicorn and, for each profile chain (``?profiles=`` of
ckanext-dcat's /catalog endpoint), prints:
- the time for the first catalog page (/catalog.ttl?page=1, median of --repeat);
- the time to walk the whole paged catalog (every page, following hydra:nextPage).
Each time is given twice: wall clock as a harvester sees it, and the CPU time of the web
worker that served it (its package_search, equal for both chains, included; the search
server's own time not), which other processes on a shared machine disturb far less.
The two chains alternate so that warm caches favour neither; the ratios are printed last.

    python tools/bench_dcat.py [--size 10000] [--repeat 5] [--walks 1]
"""
from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Self

sys.path.insert(0, str(Path(__file__).resolve().parent))
import services as svc
import stack

TEMPLATE = stack.ROOT / "config" / "ckan.ini.tmpl"
_NEXT = re.compile(rb'hydra:nextPage "([^"]+)"')


def _deployed_chain() -> str:
    """The profiles the portal serves, as ``?profiles=`` takes them."""
    for line in TEMPLATE.read_text().splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip() == "ckanext.dcat.rdf.profiles":
            return ",".join(value.split())
    raise svc.StackError(f"no ckanext.dcat.rdf.profiles in {TEMPLATE}")


CHAINS = {"euro_dcat_ap_3": "euro_dcat_ap_3", "govopen": _deployed_chain()}


class _Worker:
    """CPU seconds of the gunicorn worker (one, forked by `master`), from /proc."""

    def __init__(self, master: int) -> None:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if len(children) != 1:
            raise svc.StackError(f"expected one gunicorn worker, found {children}")
        self.stat = Path(f"/proc/{children[0]}/stat")
        self.tick = os.sysconf("SC_CLK_TCK")

    def cpu(self) -> float:
        fields = self.stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / self.tick  # utime + stime


class _Clock:
    """Wall and worker CPU seconds of a block."""

    def __init__(self, worker: _Worker) -> None:
        self.worker = worker

    def __enter__(self) -> Self:
        self.wall, self.cpu = time.perf_counter(), self.worker.cpu()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = self.worker.cpu() - self.cpu


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=600) as r:
        return r.read()


def _first_page(web: str, chain: str, worker: _Worker) -> tuple[float, float]:
    with _Clock(worker) as clock:
        _get(f"{web}/catalog.ttl?page=1&profiles={chain}")
    return clock.wall, clock.cpu


def _walk(web: str, chain: str, worker: _Worker) -> tuple[float, float, int]:
    """Wall and CPU seconds for every page, and the number of pages."""
    url: str | None = f"{web}/catalog.ttl?page=1&profiles={chain}"
    pages = 0
    with _Clock(worker) as clock:
        while url:
            body = _get(url)
            pages += 1
            found = _NEXT.search(body)
            url = found.group(1).decode() if found else None
            if url and "profiles=" not in url:
                url += f"&profiles={chain}"
    return clock.wall, clock.cpu, pages


def bench(size: int, repeat: int, walks: int) -> None:
    base = Path(tempfile.mkdtemp(prefix="govopen-bench-dcat-"))
    os.chmod(base, 0o755)
    try:
        with stack.bench_services(base) as (services, urls):
            port = svc.free_port()
            web = f"http://127.0.0.1:{port}"
            ini = stack.write_ini(
                base / "bench.ini", secret_key=secrets.token_urlsafe(16),
                jwt_secret=secrets.token_urlsafe(16), storage_key=secrets.token_urlsafe(32),
                site_url=web, site_id="bench", storage_path=str(base / "storage"),
                plugins=stack.PLUGINS, locale_default="zh_Hans_CN", log_level="WARNING",
                extra="", **urls,
            )
            stack.ckan(ini, "db", "init")
            stack._ensure_admin(ini, secrets.token_urlsafe(9))
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "seed", "-c", str(ini), "--scale", str(size)],
                           cwd=stack.ROOT, check=True, stdout=subprocess.DEVNULL)
            print(f"[{size}] generated {size} datasets in {time.perf_counter() - t:.0f}s; "
                  f"govopen = ?profiles={CHAINS['govopen']}", flush=True)
            proc = svc.spawn("web", [str(stack.BIN / "gunicorn"), "--workers", "1",
                                     "--timeout", "600", "--bind", f"127.0.0.1:{port}",
                                     "--chdir", str(stack.ROOT / "config"), "wsgi:application"],
                             base / "log" / "web.log", env={**os.environ, "CKAN_INI": str(ini)})
            services.add(proc)
            stack._wait_http(f"{web}/api/3/action/status_show", base / "log" / "web.log")
            worker = _Worker(proc.proc.pid)
            for chain in CHAINS.values():  # warm up: imports, schema, organization cache
                _first_page(web, chain, worker)
            first: dict[str, list[tuple[float, float]]] = {name: [] for name in CHAINS}
            for _ in range(repeat):
                for name, chain in CHAINS.items():
                    first[name].append(_first_page(web, chain, worker))
            walked: dict[str, list[tuple[float, float]]] = {name: [] for name in CHAINS}
            pages = 0
            for _ in range(walks):
                for name, chain in CHAINS.items():
                    wall, cpu, pages = _walk(web, chain, worker)
                    walked[name].append((wall, cpu))
            # per chain: (wall, cpu) of the first page (medians) and of the walk (best)
            result = {name: ((statistics.median(w for w, _ in first[name]),
                              statistics.median(c for _, c in first[name])),
                             (min(w for w, _ in walked[name]), min(c for _, c in walked[name])))
                      for name in CHAINS}
            for name, ((fw, fc), (ww, wc)) in result.items():
                print(f"[{size}] {name:>14}: first page {fw:.2f}s wall / {fc:.2f}s CPU, "
                      f"whole catalog ({pages} pages) {ww:.1f}s wall / {wc:.1f}s CPU", flush=True)
            (ofw, ofc), (oww, owc) = result["govopen"]
            (pfw, pfc), (pww, pwc) = result["euro_dcat_ap_3"]
            print(f"[{size}] govopen / euro_dcat_ap_3: first page {ofw / pfw:.2f}x wall, "
                  f"{ofc / pfc:.2f}x CPU; whole catalog {oww / pww:.2f}x wall, "
                  f"{owc / pwc:.2f}x CPU (target <= 1.30x)", flush=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5, help="first-page timings per chain")
    parser.add_argument("--walks", type=int, default=1, help="whole-catalog walks per chain")
    args = parser.parse_args()
    try:
        bench(args.size, args.repeat, args.walks)
    except svc.StackError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
