"""Micro-benchmark of the single-document add path, as `ckan search-index rebuild` uses it.

    python -m ckanext.govopen.searchd.bench [--docs 2000] [--title-chars 40]
        [--notes-chars 300] [--profile] [--queries 200]

Starts searchd in a child process on a temporary directory, posts realistic
CKAN documents (docs/search-contract.md §1 with Chinese title/notes, ~4 KB
validated_data_dict and data_dict JSON strings, tags, res_* lists, extras) one
per request over one keep-alive ``requests.Session`` (as pysolr does, no commit
in the query string), then sends ``<commit />``. Reports the server's CPU time
per add (read from /proc, so other load on the machine does not count), wall
time per add seen by the client, the commit, and query latency afterwards.

``--profile`` prints a cProfile of the server's request handling up to the
commit (tantivy's own indexing threads are native and not profiled).
"""
from __future__ import annotations

import argparse
import cProfile
import json
import multiprocessing as mp
import os
import pstats
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import requests

SITE = "bench.ckan.net"
_WORD_LIST = (
    "企业 营业执照 登记 信息 统计 数据 公开 城市 交通 环境 监测 空气 质量 水质 河流 年度 报告 "
    "财政 预算 决算 教育 学校 医院 卫生 人口 普查 农业 产量 粮食 气象 降水 温度 道路 公交 地铁 "
    "线路 站点 客流 住房 公积金 社会 保障 就业 失业 工资 价格 指数 消费 零售 工业 增加值 能源 "
    "电力 用水 排放 污染 企业名录 行政 许可 处罚 审批 事项 办理 网点 地址 电话 服务 窗口 街道 "
    "社区 人口 户籍 出生 死亡 婚姻 登记 文化 体育 旅游 景区 酒店 接待 人次 收入 支出 科技 专利 "
    "申请 授权 高新技术 园区 招商 引资 项目 投资 建设 规划 土地 出让 面积 森林 覆盖率 绿地 公园"
)
_WORDS = _WORD_LIST.split()
_TAGS = ("经济", "环境", "交通", "教育", "医疗卫生", "财政", "农业", "人口", "社会保障", "open-data",
         "statistics", "water quality")
_ORGS = [f"org-{i}" for i in range(40)]
_FORMATS = ("CSV", "XLSX", "JSON", "PDF", "API", "XML")


def _zh(rng: random.Random, chars: int) -> str:
    out: list[str] = []
    size = 0
    while size < chars:
        word = rng.choice(_WORDS)
        out.append(word)
        size += len(word)
        if rng.random() < 0.12:
            out.append(rng.choice("，。；、"))
            size += 1
        elif rng.random() < 0.03:
            token = rng.choice(("2024年", "GDP", "PM2.5", "Wi-Fi", "API接口", "（试行）"))
            out.append(token)
            size += len(token)
    return "".join(out)[:chars]


def make_document(i: int, rng: random.Random, title_chars: int = 40,
                  notes_chars: int = 300) -> dict[str, Any]:
    """One dataset document as CKAN 2.11 (scheming + dcat) sends it to Solr."""
    pkg_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    name = f"dataset-{i:06d}-{rng.choice(('river', 'traffic', 'budget', 'air'))}"
    title = _zh(rng, title_chars)
    notes = _zh(rng, notes_chars)
    org = rng.choice(_ORGS)
    tags = rng.sample(_TAGS, rng.randint(2, 5))
    n_res = rng.randint(1, 4)
    resources = [{
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "name": _zh(rng, 12), "description": _zh(rng, 80) if rng.random() < 0.7 else "",
        "format": rng.choice(_FORMATS), "url": f"http://data.example.gov.cn/{pkg_id}/r{k}.csv",
        "resource_type": None, "size": rng.randint(1000, 10**7), "mimetype": "text/csv",
        "created": "2025-03-01T08:00:00.000000", "last_modified": None, "position": k,
        "package_id": pkg_id, "state": "active", "url_type": "",
    } for k in range(n_res)]
    created = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T01:25:15.084496Z"
    data_dict = {
        "id": pkg_id, "name": name, "title": title, "notes": notes, "author": "数据管理处",
        "author_email": "data@example.gov.cn", "maintainer": "信息中心",
        "maintainer_email": "it@example.gov.cn", "license_id": "cc-by", "license_title":
        "Creative Commons Attribution", "type": "dataset", "owner_org": org, "private": False,
        "state": "active", "metadata_created": created[:-1], "metadata_modified": created[:-1],
        "num_resources": n_res, "num_tags": len(tags), "resources": resources,
        "tags": [{"name": t, "display_name": t, "id": str(uuid.uuid4()), "state": "active",
                  "vocabulary_id": None} for t in tags],
        "groups": [], "extras": [{"key": "issued", "value": "2024-01-15"},
                                 {"key": "update_frequency", "value": "每月"}],
        "organization": {"id": org, "name": org, "title": _zh(rng, 10), "type": "organization",
                         "description": _zh(rng, 120), "image_url": "", "created":
                         "2020-01-01T00:00:00", "is_organization": True,
                         "approval_status": "approved", "state": "active"},
        "theme": ["http://publications.europa.eu/resource/authority/data-theme/ENVI"],
        "spatial_coverage": "上海市", "temporal_start": "2020-01-01", "temporal_end": "2024-12-31",
        "relationships_as_object": [], "relationships_as_subject": [],
    }
    validated = dict(data_dict, tags=[{"name": t} for t in tags], issued="2024-01-15",
                     update_frequency="每月", contact_point={"name": "信息中心",
                                                        "email": "it@example.gov.cn"})
    return {
        "id": pkg_id, "name": name, "title": title, "notes": notes, "license_id": "cc-by",
        "type": "dataset", "owner_org": org, "metadata_created": created,
        "metadata_modified": created, "private": False, "state": "active",
        "num_resources": n_res, "num_tags": len(tags), "organization": org,
        "author": "数据管理处", "maintainer": "信息中心",
        "validated_data_dict": json.dumps(validated),
        "data_dict": json.dumps(data_dict),
        "title_string": title, "extras_issued": "2024-01-15", "extras_update_frequency": "每月",
        "extras_theme": json.dumps(data_dict["theme"]), "extras_spatial_coverage": "上海市",
        "tags": tags, "capacity": "public", "groups": [],
        "res_name": [r["name"] for r in resources],
        "res_description": [r["description"] or None for r in resources],
        "res_format": [r["format"] for r in resources],
        "res_url": [r["url"] for r in resources],
        "res_type": [None for _ in resources],
        "entity_type": "package", "dataset_type": "dataset", "site_id": SITE,
        "index_id": uuid.UUID(int=rng.getrandbits(128)).hex, "permission_labels": ["public"],
    }


def _pysolr_body(doc: dict[str, Any]) -> bytes:
    # pysolr drops top-level None/"" values, keeps them inside lists.
    clean = {k: v for k, v in doc.items() if v is not None and v != ""}
    return json.dumps([clean]).encode("utf-8")


# -- server side ------------------------------------------------------------------------
def _serve(data_dir: str, ready: Any, profile_path: str | None) -> None:
    from .engine import Engine
    from .schema import Schema, default_schema_path
    from .server import SolrHandler, make_server

    engine = Engine(data_dir, Schema(default_schema_path()))
    server = make_server(engine, "127.0.0.1", 0)
    if profile_path:
        prof = cProfile.Profile()
        dump_path = profile_path  # narrowed to str for the method below

        class Profiled(SolrHandler):
            def _handle(self) -> None:
                prof.runcall(super()._handle)
                if "commit=true" in self.path:
                    prof.dump_stats(dump_path)

        server.RequestHandlerClass = Profiled
    ready.put(server.base_url)
    try:
        server.serve_forever()
    finally:
        engine.close()


def _cpu(pid: int) -> float:
    """utime + stime of a process, seconds (all its threads, incl. tantivy's)."""
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run(docs: int, title_chars: int, notes_chars: int, queries: int,
        profile: bool) -> dict[str, float]:
    rng = random.Random(20240601)
    documents = [make_document(i, rng, title_chars, notes_chars) for i in range(docs)]
    bodies = [_pysolr_body(d) for d in documents]
    avg_body = statistics.mean(len(b) for b in bodies)
    with tempfile.TemporaryDirectory(prefix="searchd-bench-") as tmp:
        prof_path = str(Path(tmp) / "add.prof") if profile else None
        ctx = mp.get_context("spawn")
        ready = ctx.Queue()
        proc = ctx.Process(target=_serve, args=(str(Path(tmp) / "data"), ready, prof_path),
                           daemon=True)
        proc.start()
        pid = proc.pid
        assert pid is not None  # set by start()
        base = ready.get(timeout=60)
        http = requests.Session()
        headers = {"Content-type": "application/json; charset=utf-8"}
        try:
            http.get(f"{base}/select/", params={"q": "*:*", "rows": "1", "wt": "json"}, timeout=30)
            # warm up: analyzers, registry slots, jieba dictionary (not counted)
            warm = [_pysolr_body(make_document(10**6 + i, random.Random(i), title_chars,
                                               notes_chars)) for i in range(20)]
            for body in warm:
                http.post(f"{base}/update/", data=body, headers=headers, timeout=60)
            cpu0, wall0 = _cpu(pid), time.perf_counter()
            walls = []
            for body in bodies:
                t = time.perf_counter()
                resp = http.post(f"{base}/update/", data=body, headers=headers, timeout=60)
                walls.append(time.perf_counter() - t)
                resp.raise_for_status()
            cpu1, wall1 = _cpu(pid), time.perf_counter()
            resp = http.post(f"{base}/update/", params={"commit": "true",
                                                        "waitSearcher": "false"},
                             data=b"<commit />", headers={"Content-type": "text/xml"}, timeout=600)
            resp.raise_for_status()
            cpu2, wall2 = _cpu(pid), time.perf_counter()
            found = http.get(f"{base}/select/", params={"q": "*:*", "rows": "0", "wt": "json"},
                             timeout=30).json()["response"]["numFound"]
            assert found == docs + len(warm), (found, docs)
            qwall = _queries(http, base, queries, rng)
        finally:
            http.close()
            deadline = time.monotonic() + 20
            while prof_path and not Path(prof_path).exists() and time.monotonic() < deadline:
                time.sleep(0.1)  # the handler dumps its profile after the commit
            proc.terminate()
            proc.join(30)
        result = {
            "docs": docs, "avg_body_bytes": avg_body,
            "add_cpu_ms": (cpu1 - cpu0) / docs * 1000,
            "add_wall_ms": (wall1 - wall0) / docs * 1000,
            "add_wall_p50_ms": _pct(walls, 0.5) * 1000,
            "commit_cpu_ms": (cpu2 - cpu1) * 1000, "commit_wall_ms": (wall2 - wall1) * 1000,
            **qwall,
        }
        if prof_path and Path(prof_path).exists():
            stats = pstats.Stats(prof_path)
            stats.sort_stats("cumulative").print_stats(45)
            stats.sort_stats("tottime").print_stats(30)
        return result


def _queries(http: requests.Session, base: str, n: int,
             rng: random.Random) -> dict[str, float]:
    if n <= 0:
        return {}
    facets = ["organization", "groups", "tags", "res_format", "license_id", "capacity"]
    common = [("defType", "dismax"), ("qf", "name^4 title^4 tags^2 groups^2 text"),
              ("mm", "2<-1 5<80%"), ("tie", "0.1"), ("q.op", "AND"), ("df", "text"),
              ("fq", "+capacity:public  +state:(active)"), ("fq", f'+site_id:"{SITE}"'),
              ("fq", '+permission_labels:("public")'), ("rows", "21"),
              ("sort", "score desc, metadata_modified desc"), ("fl", "id validated_data_dict"),
              ("facet", "true"), ("facet.limit", "50"), ("facet.mincount", "1"), ("wt", "json")]
    common += [("facet.field", f) for f in facets]
    out: dict[str, float] = {}
    for label, words in (("query_zh", _WORDS), ("query_all", ["*:*"])):
        times = []
        for _ in range(n):
            q = rng.choice(words)
            params = [("q", q)] + (common if q != "*:*" else
                                   [p for p in common if p[0] not in ("defType", "qf", "mm")])
            # an unknown parameter (ignored) keeps the facet cache from answering
            params.append(("bench_nonce", str(rng.getrandbits(64))))
            t = time.perf_counter()
            resp = http.get(f"{base}/select/", params=params, timeout=30)
            times.append(time.perf_counter() - t)
            resp.raise_for_status()
        out[f"{label}_p50_ms"] = _pct(times, 0.5) * 1000
        out[f"{label}_p95_ms"] = _pct(times, 0.95) * 1000
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ckanext.govopen.searchd.bench")
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--title-chars", type=int, default=40)
    parser.add_argument("--notes-chars", type=int, default=300)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    result = run(args.docs, args.title_chars, args.notes_chars, args.queries, args.profile)
    for key, value in result.items():
        print(f"{key:>22}: {value:.3f}" if isinstance(value, float) else f"{key:>22}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
