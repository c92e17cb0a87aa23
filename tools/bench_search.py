"""make bench-search: indexing and query speed of searchd behind a real CKAN.

For each size (default 10k and 100k generated datasets, seed scale mode) this starts
isolated services in a temporary directory, loads the datasets, and prints:
- `ckan search-index rebuild` throughput (datasets/s) and total time, then the same for
  `ckan govopen reindex` (the rebuild on every core);
- `/select` latency p50/p95 for a Chinese keyword query with 6 facet fields, a filtered
  query and a title sort, sent exactly as CKAN sends them;
- CKAN `package_search` API latency (rows=20) for the same three, through gunicorn;
- searchd's peak resident memory (VmHWM).

First, relevance: the demo catalog (seed/) is loaded into a real CKAN and the judged
query set (tests/searchd/judged.py: plain Chinese, traditional characters, pinyin,
initials, abbreviations, typos) is sent as CKAN's package_search sends it; R-precision
and recall@5 are printed per kind of query.

    python tools/bench_search.py [--sizes 10000 100000] [--repeat 200] [--no-relevance]
                                 [--no-ckan-rebuild]
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import resource
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import services as svc
import stack

sys.path.insert(0, str(stack.ROOT))
from tests.searchd.judged import evaluate, report

FACETS = ["organization", "groups", "tags", "res_format", "license_id", "open_type"]
QUERIES: dict[str, dict[str, str]] = {
    "chinese keyword + 6 facets": {"q": "企业 信息"},
    "filtered": {"q": "", "fq": 'tags:"太原市"'},
    "title sort": {"q": "", "sort": "title_string asc"},
    # The query work of issue #16: pinyin, initials, traditional characters, an
    # abbreviation, a typo (each expands into more terms than a plain word).
    "pinyin jiaotong": {"q": "jiaotong"},
    "initials yljg": {"q": "yljg"},
    "traditional 學校": {"q": "學校"},
    "abbreviation 发改委": {"q": "发改委"},
    "typo 个体工商护": {"q": "个体工商护"},
}


def _select_params(spec: dict[str, str], site_id: str) -> list[tuple[str, str]]:
    """The parameters CKAN's package_search sends for an anonymous user (docs/search-contract.md §3)."""
    q = spec.get("q") or "*:*"
    params = [
        ("q", q), ("fq", "+capacity:public +state:(active)"), ("fq", f'+site_id:"{site_id}"'),
        ("fq", '+permission_labels:("public")'), ("rows", "21"), ("start", "0"),
        ("fl", "id validated_data_dict"), ("facet", "true"), ("facet.limit", "50"),
        ("facet.mincount", "1"), ("wt", "json"),
        ("sort", spec.get("sort", "score desc, metadata_modified desc")),
    ]
    if ":" not in q:
        params += [("defType", "dismax"), ("qf", "name^4 title^4 tags^2 groups^2 text"),
                   ("mm", "2<-1 5<80%"), ("tie", "0.1"), ("q.op", "AND"), ("df", "text")]
    if "fq" in spec:
        params.append(("fq", spec["fq"]))
    params += [("facet.field", f) for f in FACETS]
    return params


def _api_params(spec: dict[str, str]) -> list[tuple[str, str]]:
    params = [("q", spec.get("q", "")), ("rows", "20"), ("facet.field", json.dumps(FACETS))]
    if "fq" in spec:
        params.append(("fq", spec["fq"]))
    if "sort" in spec:
        params.append(("sort", spec["sort"]))
    return params


# searchd asks for HTTP Basic auth; CKAN's API, on another port, must not get the header.
SEARCH_AUTH: dict[str, str] = {}


def _open(url: str):  # type: ignore[no-untyped-def]
    headers = next((h for prefix, h in SEARCH_AUTH.items() if url.startswith(prefix)), None)
    req = urllib.request.Request(url, headers={"Authorization": headers} if headers else {})
    return urllib.request.urlopen(req, timeout=60)


def _hits(url: str) -> int:
    """How many datasets the query finds: latency of an empty result says little."""
    with _open(url) as r:
        body = json.loads(r.read())
    return body["response"]["numFound"] if "response" in body else body["result"]["count"]


def _latencies(url: str, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(5):
        _open(url).read()
    for _ in range(repeat):
        t = time.perf_counter()
        with _open(url) as r:
            r.read()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _ini(base: Path, urls: dict[str, str], site_id: str, web_port: int) -> Path:
    return stack.write_ini(
        base / "bench.ini", secret_key=secrets.token_urlsafe(16),
        jwt_secret=secrets.token_urlsafe(16), storage_key=secrets.token_urlsafe(32),
        site_url=f"http://127.0.0.1:{web_port}",
        site_id=site_id, storage_path=str(base / "storage"), plugins=stack.PLUGINS,
        locale_default="zh_Hans_CN", log_level="WARNING", extra="", **urls,
    )


def relevance() -> None:
    """The judged query set over the demo catalog, as CKAN's search box sends it."""
    base = Path(tempfile.mkdtemp(prefix="govopen-bench-"))
    os.chmod(base, 0o755)
    try:
        with stack.bench_services(base) as (_services, urls):
            token = base64.b64encode(f"{urls['search_user']}:{urls['search_password']}".encode())
            SEARCH_AUTH[urls["solr_url"]] = "Basic " + token.decode()
            ini = _ini(base, urls, "bench", svc.free_port())
            stack.ckan(ini, "db", "init")
            stack._ensure_admin(ini, secrets.token_urlsafe(9))
            subprocess.run([sys.executable, "-m", "seed", "-c", str(ini)],
                           cwd=stack.ROOT, check=True, stdout=subprocess.DEVNULL)

            def search(q: str) -> list[str]:
                params = [(k, v) for k, v in _select_params({"q": q}, "bench") if k != "fl"]
                params.append(("fl", "name"))
                url = urls["solr_url"] + "/select?" + urllib.parse.urlencode(params)
                with _open(url) as r:
                    return [d["name"] for d in json.loads(r.read())["response"]["docs"]]

            for line in report(evaluate(search)):
                print(f"[relevance] {line}", flush=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _ckan_rebuild(ini: Path, size: int, searchd_pid: int) -> None:
    """CKAN's own `ckan search-index rebuild` (one process), timed."""
    t = time.perf_counter()
    ckan_cpu = _children_cpu()
    searchd_cpu = _cpu_seconds(searchd_pid)
    stack.ckan(ini, "search-index", "rebuild")
    took = time.perf_counter() - t
    ckan_cpu = (_children_cpu() - ckan_cpu) / size * 1000
    searchd_cpu = (_cpu_seconds(searchd_pid) - searchd_cpu) / size * 1000
    print(f"[{size}] search-index rebuild: {took:.0f}s, {size / took:.0f} datasets/s "
          f"(CPU per dataset: ckan {ckan_cpu:.1f} ms, searchd {searchd_cpu:.1f} ms)",
          flush=True)


def bench(size: int, repeat: int, ckan_rebuild: bool = True) -> None:
    base = Path(tempfile.mkdtemp(prefix="govopen-bench-"))
    os.chmod(base, 0o755)
    try:
        with stack.bench_services(base) as (services, urls):
            token = base64.b64encode(f"{urls['search_user']}:{urls['search_password']}".encode())
            SEARCH_AUTH[urls["solr_url"]] = "Basic " + token.decode()
            searchd = next(s for s in services.services if s.name == "searchd")
            web_port = svc.free_port()
            ini = _ini(base, urls, "bench", web_port)
            stack.ckan(ini, "db", "init")
            stack._ensure_admin(ini, secrets.token_urlsafe(9))
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "seed", "-c", str(ini), "--scale", str(size),
                            "--no-index"],
                           cwd=stack.ROOT, check=True, stdout=subprocess.DEVNULL)
            print(f"[{size}] generated {size} datasets in {time.perf_counter() - t:.0f}s", flush=True)

            if ckan_rebuild:
                _ckan_rebuild(ini, size, searchd.proc.pid)

            # The same rebuild on every core (ckanext-govopen's command), from an empty index.
            t = time.perf_counter()
            stack.ckan(ini, "govopen", "reindex", "--clear", "--quiet")
            took = time.perf_counter() - t
            indexed = _hits(urls["solr_url"] + "/select?q=*:*&rows=0&wt=json")
            print(f"[{size}] govopen reindex ({os.cpu_count()} workers): {took:.0f}s, "
                  f"{size / took:.0f} datasets/s, {indexed} indexed", flush=True)

            for name, spec in QUERIES.items():
                url = urls["solr_url"] + "/select?" + urllib.parse.urlencode(
                    _select_params(spec, "bench"))
                p50, p95 = _latencies(url, repeat)
                print(f"[{size}] /select {name} ({_hits(url)} hits): p50 {p50:.1f} ms, "
                      f"p95 {p95:.1f} ms", flush=True)

            env = {**os.environ, "CKAN_INI": str(ini)}
            web = svc.spawn("web", [str(stack.BIN / "gunicorn"), "--workers", "2", "--bind",
                                    f"127.0.0.1:{web_port}", "--chdir", str(stack.ROOT / "config"),
                                    "wsgi:application"], base / "log" / "web.log", env=env)
            services.add(web)
            stack._wait_http(f"http://127.0.0.1:{web_port}/api/3/action/status_show",
                             base / "log" / "web.log")
            for name, spec in QUERIES.items():
                url = (f"http://127.0.0.1:{web_port}/api/3/action/package_search?"
                       + urllib.parse.urlencode(_api_params(spec)))
                p50, p95 = _latencies(url, repeat)
                print(f"[{size}] package_search {name} ({_hits(url)} hits): p50 {p50:.1f} ms, "
                      f"p95 {p95:.1f} ms", flush=True)
            print(f"[{size}] searchd peak memory: {_peak_rss_mib(searchd.proc.pid):.0f} MiB",
                  flush=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--no-ckan-rebuild", action="store_true",
                        help="index with `ckan govopen reindex` only (CKAN's one-process "
                             "rebuild takes ~15 min at 100k)")
    parser.add_argument("--no-relevance", action="store_true",
                        help="skip the judged query set over the demo catalog")
    args = parser.parse_args()
    try:
        if not args.no_relevance:
            relevance()
        for size in args.sizes:
            bench(size, args.repeat, ckan_rebuild=not args.no_ckan_rebuild)
    except stack.StackError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
