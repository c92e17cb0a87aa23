"""A small portal for the hardening tests: an agency with an editor, one public and one
private dataset (each with a tag of its own), and API tokens."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.catalog.factories import CatalogDataset, CatalogOrganization


@dataclass
class Portal:
    editor: dict[str, Any]
    sysadmin: dict[str, Any]
    org: dict[str, Any]
    public: dict[str, Any]
    private: dict[str, Any]
    tokens: dict[str, str]

    def headers(self, who: dict[str, Any] | None) -> dict[str, str]:
        return {"Authorization": self.tokens[who["name"]]} if who else {}


@pytest.fixture
def portal() -> Portal:
    editor, sysadmin = factories.User(), factories.Sysadmin()
    org = CatalogOrganization(users=[{"name": editor["name"], "capacity": "editor"}])
    public = CatalogDataset(owner_org=org["id"], name="open-air",
                            tags=[{"name": "open-tag"}])
    private = CatalogDataset(owner_org=org["id"], name="secret-plan", private=True,
                             tags=[{"name": "secret-tag"}])
    tokens = {u["name"]: call_action("api_token_create", {"user": u["name"]},
                                     user=u["name"], name="t")["token"]
              for u in (editor, sysadmin)}
    return Portal(editor, sysadmin, org, public, private, tokens)
