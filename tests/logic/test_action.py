from __future__ import annotations

import pytest
from ckan.tests import helpers


@pytest.mark.usefixtures("with_plugins")
def test_about_names_the_platform() -> None:
    result = helpers.call_action("govopen_about")
    assert result["platform_name"] == "政府数据开放平台"
    assert result["version"]


@pytest.mark.usefixtures("with_plugins")
def test_status_show_lists_the_portal_plugins(app) -> None:  # type: ignore[no-untyped-def]
    extensions = app.get("/api/3/action/status_show").json["result"]["extensions"]
    assert {"govopen", "scheming_datasets", "dcat"} <= set(extensions)
