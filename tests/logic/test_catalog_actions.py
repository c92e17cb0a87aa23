"""Read-only catalog actions: vocabularies for API users."""
from __future__ import annotations

import pytest
from ckan.plugins import toolkit as tk
from ckan.tests import helpers

pytestmark = pytest.mark.usefixtures("with_plugins")


def test_vocabulary_list_names_every_vocabulary() -> None:
    names = {v["name"] for v in helpers.call_action("govopen_vocabulary_list")}
    assert {"open_type", "sharing_type", "update_cycle", "classification", "format",
            "sharing_method", "item_type", "secrecy", "org_level"} <= names


def test_vocabulary_show_gives_codes_and_both_labels() -> None:
    vocab = helpers.call_action("govopen_vocabulary_show", name="open_type")
    assert vocab["terms"][1] == {"code": "conditional",
                                 "label": {"zh_Hans_CN": "有条件开放", "en": "Open on conditions"}}


def test_unknown_vocabulary_is_not_found() -> None:
    with pytest.raises(tk.ObjectNotFound):
        helpers.call_action("govopen_vocabulary_show", name="nope")


def test_vocabularies_are_public_over_http(app) -> None:  # type: ignore[no-untyped-def]
    res = app.get("/api/3/action/govopen_vocabulary_show?name=update_cycle")
    assert res.status_code == 200
    assert [t["code"] for t in res.json["result"]["terms"]][:2] == ["realtime", "daily"]
