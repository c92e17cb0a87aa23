"""make bench-datastore: DataStore load speed and datastore_search latency.

Starts isolated services in a temporary directory (PostgreSQL with the DataStore database
and its read-only role, as `make run` sets them up), generates agency-shaped CSV tables
(seeded, identical on every run) and loads each with the portal's loader
(``ckanext.govopen.datastore.jobs.load``: types from the data items, COPY, indexes on
typed columns) into a dataset of its own, then serves CKAN through gunicorn and times
``datastore_search`` over HTTP with a filter and a sort on the 1M-row table, as a client
sees it.

    python tools/bench_datastore.py [--sizes 45MB,1GB] [--search-rows 1000000] [--queries 200]
                                    [--profile]

``--profile`` adds CPU times, which a busy machine does not distort as it does wall time:
the loader process's (cProfile, heaviest functions) and PostgreSQL's per statement
(``log_statement_stats``: the backend's user+system CPU and elapsed seconds).

Targets (issue 17): load at no less than 20 MB/s end to end; search p95 under 50 ms.
"""
from __future__ import annotations

import argparse
import cProfile
import importlib.util
import io
import json
import os
import pstats
import random
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
import services as svc
import stack

DISTRICTS = ["小店区", "迎泽区", "杏花岭区", "尖草坪区", "万柏林区", "晋源区", "清徐县",
             "阳曲县", "娄烦县", "古交市", "城区", "矿区", "郊区", "平定县", "盂县"]
ITEMS = [
    {"name": "code", "label_zh": "许可证编号", "type": "string"},
    {"name": "company", "label_zh": "企业名称", "type": "string"},
    {"name": "district", "label_zh": "所在区县", "type": "string"},
    {"name": "amount", "label_zh": "注册资本（万元）", "type": "number"},
    {"name": "day", "label_zh": "发证日期", "type": "date"},
    {"name": "phone", "label_zh": "联系电话", "type": "string"},
    {"name": "scope", "label_zh": "经营范围", "type": "text"},
]
SCOPES = ["食品销售；餐饮服务", "建筑工程施工；市政公用工程", "道路货物运输（不含危险货物）",
          "医疗器械经营；药品零售", "软件开发；信息技术咨询服务；数据处理和存储支持服务"]


def _table(path: Path, target_bytes: int | None, rows: int | None, seed: int) -> tuple[int, int]:
    """A masked-looking table (phones already masked, as public copies are)."""
    import numpy as np
    import polars as pl

    rng = np.random.default_rng(seed)
    header = ",".join(i["label_zh"] for i in ITEMS) + "\n"
    path.write_text(header, encoding="utf-8")
    chunk, written, total = 200_000, 0, len(header.encode())
    with open(path, "ab") as out:
        while (rows is None or written < rows) and (target_bytes is None or total < target_bytes):
            n = chunk if rows is None else min(chunk, rows - written)
            start = written
            frame = pl.DataFrame({
                "code": [f"JY1{14010000000 + start + i:011d}" for i in range(n)],
                "company": [f"太原市{DISTRICTS[int(k) % 15]}第{int(k)}号商贸有限公司"
                            for k in rng.integers(1, 90_000, n)],
                "district": [DISTRICTS[int(k)] for k in rng.integers(0, len(DISTRICTS), n)],
                "amount": np.round(rng.gamma(2.0, 300.0, n), 2),
                "day": (np.datetime64("2015-01-01") + rng.integers(0, 3650, n)).astype(str),
                "phone": [f"13{int(k) % 10}****{int(k) % 10000:04d}"
                          for k in rng.integers(0, 10**8, n)],
                "scope": [SCOPES[int(k)] for k in rng.integers(0, len(SCOPES), n)],
            })
            data = frame.write_csv(include_header=False).encode()
            out.write(data)
            total += len(data)
            written += n
    return written, total


def _inner(ini: str, work: Path, sizes: list[str], search_rows: int, profile: bool) -> None:
    """Runs under CKAN's configuration (a subprocess): create resources, load tables."""
    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    app = make_app(load_config(ini))
    with app._wsgi_app.test_request_context():  # type: ignore[attr-defined]
        import ckan.plugins.toolkit as tk
        from ckanext.govopen.datastore import columns, jobs

        # The tests' catalog-valid fields, by path: a `tests` package of some installed
        # distribution may shadow ours on sys.path.
        spec = importlib.util.spec_from_file_location(
            "govopen_catalog_factories", stack.ROOT / "tests" / "catalog" / "factories.py")
        assert spec and spec.loader
        factories = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(factories)
        catalog_fields, credit_code = factories.catalog_fields, factories.credit_code

        site = tk.get_action("get_site_user")({"ignore_auth": True}, {})
        context = {"ignore_auth": True, "user": site["name"]}
        org = tk.get_action("organization_create")(dict(context), {
            "name": "bench-org", "title": "山西省基准测试厅", "title_en": "Bench Department",
            "credit_code": credit_code(1), "org_level": "province", "contact_name": "李工",
            "contact_phone": "0351-5550100"})
        results = {}
        for label in [*sizes, f"search-{search_rows}"]:
            path = work / f"{label}.csv"
            if label.startswith("search-"):
                rows, size = _table(path, None, search_rows, seed=17)
            else:
                rows, size = _table(path, _bytes(label), None, seed=len(label))
            pkg = tk.get_action("package_create")(dict(context), {
                "name": f"bench-{label.lower()}", "owner_org": org["id"], "private": False,
                **catalog_fields(title=label, data_items=ITEMS)})
            res = tk.get_action("resource_create")(dict(context), {
                "package_id": pkg["id"], "name": f"{label}.csv", "format": "CSV",
                "url": "https://example.invalid/x.csv"})
            plan = columns.plan([i["label_zh"] for i in ITEMS], ITEMS)
            started, cpu = time.perf_counter(), time.process_time()
            profiler = cProfile.Profile() if profile else None
            if profiler:
                profiler.enable()
            # The search table skips the full-text column: the query timed uses none.
            report = jobs.load(res["id"], path, "csv", plan,
                               fulltext=not label.startswith("search-"))
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            if profiler:
                profiler.disable()
                _print_profile(label, profiler, cpu)
            results[label] = {"resource_id": res["id"], "rows": rows, "bytes": size,
                              "seconds": round(seconds, 2),
                              "mb_per_s": round(size / 1e6 / seconds, 1),
                              "misfits": report["misfit_cells"]}
            phases = ", ".join(f"{k} {v['wall']:.1f}s" for k, v in report["phases"].items())
            print(f"load {label}: {rows} rows, {size / 1e6:.0f} MB in {seconds:.1f}s = "
                  f"{size / 1e6 / seconds:.1f} MB/s end to end (target >= 20; wall time on a "
                  f"shared machine: see the CPU times with --profile); {phases}", flush=True)
            path.unlink()
        (work / "results.json").write_text(json.dumps(results))


def _print_profile(label: str, profiler: cProfile.Profile, cpu: float) -> None:
    """The loader's own CPU time (this process, all its threads) and where it went."""
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(12)
    body = out.getvalue()
    print(f"profile {label}: loader process CPU {cpu:.2f}s (user+system, every thread)\n"
          + body[body.find("ncalls"):].rstrip(), flush=True)


# PostgreSQL's own account of each statement (log_statement_stats): its elapsed time and the
# backend's CPU time, unaffected by whatever else the machine runs.
_PG_STATS = re.compile(r"!\s+([\d.]+) s user, ([\d.]+) s system, ([\d.]+) s elapsed")
_PG_STATEMENT = re.compile(r"STATEMENT:\s+(.*)")


def _pg_profile_on(sqlalchemy_url: str) -> None:
    import psycopg2

    conn = psycopg2.connect(sqlalchemy_url)
    try:
        conn.autocommit = True  # ALTER SYSTEM runs outside a transaction
        with conn.cursor() as cur:
            cur.execute("ALTER SYSTEM SET log_statement_stats = on")
            cur.execute("SELECT pg_reload_conf()")
    finally:
        conn.close()


def _pg_profile_report(log: Path) -> None:
    """Statements of the loads, heaviest first, with PostgreSQL's CPU and elapsed time."""
    lines = log.read_text(errors="replace").splitlines()
    rows: dict[str, list[float]] = {}
    for n, line in enumerate(lines):
        found = _PG_STATS.search(line)
        if not found:
            continue
        statement = next((m.group(1) for m in (_PG_STATEMENT.search(x) for x in lines[n:n + 40])
                          if m), "?")
        key = re.sub(r'"[0-9a-f-]{36}"', '"<table>"', statement)[:110]
        total = rows.setdefault(key, [0.0, 0.0, 0.0, 0])
        total[0] += float(found.group(1)) + float(found.group(2))
        total[1] += float(found.group(3))
        total[3] += 1
    heavy = sorted(rows.items(), key=lambda kv: -kv[1][0])[:15]
    print("PostgreSQL per statement (backend CPU s, elapsed s, count), all loads:")
    for key, (cpu, elapsed, _unused, count) in heavy:
        print(f"  {cpu:8.2f} {elapsed:8.2f} {count:5d}  {key}")


def _bytes(label: str) -> int:
    units = {"MB": 10**6, "GB": 10**9}
    return int(float(label[:-2]) * units[label[-2:].upper()])


def _search(web: str, resource_id: str, queries: int) -> list[float]:
    rng = random.Random(17)
    times = []
    for n in range(queries + 10):
        day = f"20{15 + rng.randrange(10)}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
        body = json.dumps({"resource_id": resource_id, "filters": {"day": day},
                           "sort": "amount desc", "limit": 100}).encode()
        request = urllib.request.Request(f"{web}/api/3/action/datastore_search", body,
                                         {"Content-Type": "application/json"})
        t = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as r:
            answer = json.loads(r.read())
        if n >= 10:  # the first ones warm caches and connections
            times.append(time.perf_counter() - t)
        assert answer["success"], answer
    return times


def bench(sizes: list[str], search_rows: int, queries: int, profile: bool = False) -> None:
    base = Path(tempfile.mkdtemp(prefix="govopen-bench-datastore-"))
    os.chmod(base, 0o755)
    pg_port, password = svc.free_port(), secrets.token_urlsafe(12)
    try:
        with stack.backing_services(
            base, pg_port=pg_port, redis_port=svc.free_port(),
            search_port=svc.free_port(), password=password, db="ckan",
        ) as (services, urls):
            urls.update(stack.datastore_setup(base / "pg", pg_port, password, "ckan",
                                              secrets.token_urlsafe(12)))
            port = svc.free_port()
            web = f"http://127.0.0.1:{port}"
            ini = stack.write_ini(
                base / "bench.ini", secret_key=secrets.token_urlsafe(16),
                jwt_secret=secrets.token_urlsafe(16), storage_key=secrets.token_urlsafe(32),
                site_url=web, site_id="bench", storage_path=str(base / "storage"),
                plugins=stack.PLUGINS, locale_default="zh_Hans_CN", log_level="WARNING",
                extra="", **urls)
            stack.ckan(ini, "db", "init")
            if profile:
                _pg_profile_on(urls["sqlalchemy_url"])
            subprocess.run([sys.executable, __file__, "--inner", str(ini), "--work", str(base),
                            "--sizes", ",".join(sizes), "--search-rows", str(search_rows),
                            *(["--profile"] if profile else [])],
                           check=True, cwd=stack.ROOT)
            if profile:
                _pg_profile_report(base / "log" / "postgresql.log")
            results = json.loads((base / "results.json").read_text())
            proc = svc.spawn("web", [str(stack.BIN / "gunicorn"), "--workers", "2",
                                     "--timeout", "600", "--bind", f"127.0.0.1:{port}",
                                     "--chdir", str(stack.ROOT / "config"), "wsgi:application"],
                             base / "log" / "web.log", env={**os.environ, "CKAN_INI": str(ini)})
            services.add(proc)
            stack._wait_http(f"{web}/api/3/action/status_show", base / "log" / "web.log")
            target = results[f"search-{search_rows}"]
            times = sorted(_search(web, target["resource_id"], queries))
            p50 = statistics.median(times) * 1000
            p95 = times[int(len(times) * 0.95) - 1] * 1000
            print(f"datastore_search on {target['rows']} rows (filter day=…, sort amount desc, "
                  f"limit 100, over HTTP): p50 {p50:.1f} ms, p95 {p95:.1f} ms "
                  f"(target p95 < 50 ms; {queries} queries)", flush=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="45MB,1GB")
    parser.add_argument("--search-rows", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--profile", action="store_true",
                        help="print the loader's CPU profile and PostgreSQL's per-statement "
                             "CPU and elapsed time (log_statement_stats)")
    parser.add_argument("--inner", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [s for s in args.sizes.split(",") if s]
    if args.inner:
        _inner(args.inner, Path(args.work), sizes, args.search_rows, args.profile)
        return 0
    try:
        bench(sizes, args.search_rows, args.queries, args.profile)
    except svc.StackError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
