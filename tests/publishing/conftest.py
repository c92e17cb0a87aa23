"""Fixtures of the publishing tests: an agency with an editor and a reviewer, uploads,
and a real RQ worker run on the govopen:desensitize queue."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action
from werkzeug.datastructures import FileStorage

from tests.catalog.factories import CatalogOrganization, catalog_fields


def _fix_id(first17: str) -> str:
    from stdnum.cn import ric

    return first17 + ric.calc_check_digit(first17)


ID1, ID2 = _fix_id("11010519491231002"), _fix_id("44030519880101123")
PEOPLE_CSV = (f"姓名,身份证号,手机号,备注\n张伟,{ID1},13800138000,联系电话13912345678\n"
              f"李娜,{ID2},13700137000,无\n").encode()
RAW_MARKERS = (ID1, ID2, "13800138000", "13912345678", "张伟")


class Agency:
    def __init__(self) -> None:
        self.editor = factories.User()
        self.reviewer = factories.User()
        self.stranger = factories.User()
        self.org = CatalogOrganization(users=[
            {"name": self.editor["name"], "capacity": "editor"},
            {"name": self.reviewer["name"], "capacity": "admin"},
        ])
        self.tokens = {u["name"]: call_action("api_token_create", {"user": u["name"]},
                                              user=u["name"], name="t")["token"]
                       for u in (self.editor, self.reviewer, self.stranger)}

    def act(self, who: dict[str, Any], action: str, **data: Any) -> Any:
        return call_action(action, {"user": who["name"], "ignore_auth": False}, **data)

    def headers(self, who: dict[str, Any]) -> dict[str, str]:
        return {"Authorization": self.tokens[who["name"]]}

    def draft(self, **overrides: Any) -> dict[str, Any]:
        return self.act(self.editor, "package_create", owner_org=self.org["id"],
                        name=overrides.pop("name", None) or f"ds-{os.urandom(4).hex()}",
                        **catalog_fields(**overrides))

    def upload(self, dataset: dict[str, Any], content: bytes, filename: str = "people.csv",
               fmt: str = "CSV", who: dict[str, Any] | None = None) -> dict[str, Any]:
        upload = FileStorage(stream=io.BytesIO(content), filename=filename,
                             content_type="text/csv")
        return self.act(who or self.editor, "resource_create", package_id=dataset["id"],
                        name=filename, format=fmt, url="", upload=upload)

    def replace(self, resource: dict[str, Any], content: bytes,
                filename: str = "people.csv") -> dict[str, Any]:
        upload = FileStorage(stream=io.BytesIO(content), filename=filename,
                             content_type="text/csv")
        return self.act(self.editor, "resource_patch", id=resource["id"], url="",
                        upload=upload)

    def publish(self, dataset: dict[str, Any]) -> dict[str, Any]:
        """Submit, approve and publish (every file must have passed already)."""
        self.act(self.editor, "govopen_dataset_submit", id=dataset["id"])
        self.act(self.reviewer, "govopen_dataset_review", id=dataset["id"], decision="approve")
        return self.act(self.reviewer, "govopen_dataset_publish", id=dataset["id"])


@pytest.fixture
def agency() -> Agency:
    return Agency()


@pytest.fixture
def run_worker():  # type: ignore[no-untyped-def]
    """Run CKAN's job worker until the govopen:desensitize queue is empty."""
    def run() -> str:
        ckan = str(Path(sys.executable).parent / "ckan")
        r = subprocess.run([ckan, "-c", os.environ["CKAN_INI"], "jobs", "worker", "--burst",
                            "govopen:desensitize"], capture_output=True, text=True,
                           timeout=300, check=False)
        assert r.returncode == 0, r.stderr[-3000:]
        # The worker wrote from another process: forget what this session read before, as
        # a new web request would.
        from ckan import model

        model.Session.expire_all()
        return r.stdout + r.stderr
    return run

