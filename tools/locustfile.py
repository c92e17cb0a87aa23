"""The load of `make bench-load`: visitors reading pages, developers calling the API,
downloads of published files. Run by locust (headless) from tools/bench_load.py."""
from __future__ import annotations

import random
from typing import ClassVar

from locust import HttpUser, between, task

random.seed(19)


class Visitor(HttpUser):
    wait_time = between(0.5, 1.5)
    # Shared by every simulated user: found once, by the first to start.
    datasets: ClassVar[list[str]] = []
    downloads: ClassVar[list[str]] = []

    def on_start(self) -> None:
        if not Visitor.datasets:
            found = self.client.get("/api/3/action/package_search?rows=100",
                                    name="/api/3/action/package_search (setup)").json()
            for d in found["result"]["results"]:
                Visitor.datasets.append(d["name"])
                # Downloads of open data only: conditional and not-open files answer 403
                # to a visitor without a grant, which is the gate working, not an error.
                if d.get("open_type") != "unconditional":
                    continue
                for r in d.get("resources", []):
                    if r.get("url_type") == "upload":
                        Visitor.downloads.append(
                            f"/dataset/{d['id']}/resource/{r['id']}/download")

    @task(3)
    def home(self) -> None:
        self.client.get("/", name="/")

    @task(4)
    def search_page(self) -> None:
        self.client.get(f"/dataset/?q={random.choice(['数据', '空气', '交通', '教育'])}",
                        name="/dataset/?q=")

    @task(4)
    def dataset_page(self) -> None:
        if self.datasets:
            self.client.get(f"/dataset/{random.choice(self.datasets)}", name="/dataset/<name>")

    @task(4)
    def api_search(self) -> None:
        self.client.get("/api/3/action/package_search?q=数据&rows=10",
                        name="/api/3/action/package_search")

    @task(3)
    def api_show(self) -> None:
        if self.datasets:
            self.client.get(f"/api/3/action/package_show?id={random.choice(self.datasets)}",
                            name="/api/3/action/package_show")

    @task(2)
    def download(self) -> None:
        if self.downloads:
            self.client.get(random.choice(self.downloads), name="download")
