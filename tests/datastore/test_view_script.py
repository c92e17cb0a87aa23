"""The data dictionary of the table preview as a script file (issue 17): CKAN's
datatables_view writes it in an inline script, which the portal's Content-Security-Policy
does not run; the view's page loads it from a route of ours instead, through the gate."""
from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk
import pytest

from .test_access import _dataset

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")


def _view_id(res: dict[str, Any]) -> str:
    views = tk.get_action("resource_view_list")({"ignore_auth": True}, {"id": res["id"]})
    return next(v["id"] for v in views if v["view_type"] == "datatables_view")


def _script(app: Any, agency: Any, view_id: str, who: dict[str, Any] | None) -> Any:
    return app.get(f"/govopen/datastore/view/{view_id}/dictionary.js",
                   headers=agency.headers(who) if who else {}, status=None)


def _dictionary(body: str) -> tuple[list[dict[str, Any]], str]:
    first, second = body.strip().splitlines()
    assert first.startswith("const gdataDict = ") and first.endswith(";"), body
    assert second.startswith("const gresviewId = ") and second.endswith(";"), body
    return (json.loads(first.removeprefix("const gdataDict = ")[:-1]),
            json.loads(second.removeprefix("const gresviewId = ")[:-1]))


def test_the_view_page_loads_the_dictionary_as_a_script_file(  # type: ignore[no-untyped-def]
        app, agency, run_worker) -> None:
    dataset, res = _dataset(agency, run_worker, "unconditional")
    view_id = _view_id(res)
    page = app.get(f"/dataset/{dataset['name']}/resource/{res['id']}/view/{view_id}")
    src = f'<script src="/govopen/datastore/view/{view_id}/dictionary.js"></script>'
    assert src in page.text
    assert page.text.index(src) < page.text.index('data-module="datatables_view"')
    answer = _script(app, agency, view_id, None)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("application/javascript")
    assert "no-store" in answer.headers["Cache-Control"]
    fields, got_view_id = _dictionary(answer.text)
    assert got_view_id == view_id
    assert [f["id"] for f in fields] == ["name", "phone", "aqi", "day"]
    assert fields[2]["info"]["label"] == "空气质量指数"


def test_a_restricted_tables_dictionary_does_not_leak(  # type: ignore[no-untyped-def]
        app, agency, run_worker) -> None:
    _ds, res = _dataset(agency, run_worker, "not_open")
    view_id = _view_id(res)
    for who in (None, agency.stranger):
        answer = _script(app, agency, view_id, who)
        assert answer.status_code == 200, answer.text
        assert _dictionary(answer.text)[0] == []
        assert "空气质量指数" not in answer.text and "phone" not in answer.text
    fields, _ = _dictionary(_script(app, agency, view_id, agency.editor).text)
    assert [f["id"] for f in fields] == ["name", "phone", "aqi", "day"]


def test_an_unknown_view_is_a_404(app, agency) -> None:  # type: ignore[no-untyped-def]
    answer = _script(app, agency, "no-such-view", None)
    assert answer.status_code == 404
