"""Fixtures of the DataStore tests: the publishing agency, and a burst of the real job
worker on both queues (a finished desensitize job queues the DataStore load)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.publishing.conftest import agency  # noqa: F401 -- fixture

ITEMS = [
    {"name": "name", "label_zh": "姓名", "type": "string", "description": "申报人"},
    {"name": "phone", "label_zh": "手机号", "type": "string", "description": ""},
    {"name": "aqi", "label_zh": "空气质量指数", "type": "number", "description": ""},
    {"name": "day", "label_zh": "监测日期", "type": "date", "description": ""},
]
TABLE = ("姓名,手机号,空气质量指数,监测日期\n"
         "张伟,13800138000,42,2024-01-02\n"
         "李娜,13700137000,超标,2024-01-03\n"
         "王芳,13600136000,57.5,2024/01/04\n").encode()
RAW = ("张伟", "李娜", "13800138000", "13700137000", "13600136000")


def burst_worker() -> str:
    """Run CKAN's job worker until govopen:desensitize and govopen:datastore are empty."""
    ckan = str(Path(sys.executable).parent / "ckan")
    r = subprocess.run([ckan, "-c", os.environ["CKAN_INI"], "jobs", "worker", "--burst",
                        "govopen:desensitize", "govopen:datastore"],
                       capture_output=True, text=True, timeout=600, check=False)
    assert r.returncode == 0, r.stderr[-3000:]
    from ckan import model

    model.Session.expire_all()
    return r.stdout + r.stderr


@pytest.fixture
def run_worker():  # type: ignore[no-untyped-def]
    """:func:`burst_worker`, for a test to call when the jobs it queued should be done."""
    return burst_worker


def api(app: Any, action: str, headers: dict[str, str] | None = None, **data: Any) -> Any:
    """A DataStore call as a client makes it: JSON over HTTP."""
    return app.post(f"/api/3/action/{action}", json=data, headers=headers or {},
                    status=None)
