"""Fixtures of the feedback tests: a provider organization with an admin, a public
dataset with a file, a reporter and an outsider with API tokens, a real SMTP server."""
from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.catalog.factories import CatalogOrganization, catalog_fields


class Provider:
    def __init__(self) -> None:
        self.admin = factories.User()
        self.reporter = factories.User()
        self.other = factories.User()
        self.sysadmin = factories.Sysadmin()
        self.org = CatalogOrganization(users=[{"name": self.admin["name"], "capacity": "admin"}])
        root = {"user": self.sysadmin["name"]}
        self.dataset = call_action("package_create", dict(root), owner_org=self.org["id"],
                                   name=f"aqi-{os.urandom(4).hex()}", private=False,
                                   **catalog_fields())
        self.resource = call_action("resource_create", dict(root),
                                    package_id=self.dataset["id"], name="aqi",
                                    url="https://example.gov.cn/aqi.csv", format="CSV")
        self.tokens = {u["name"]: call_action("api_token_create", {"user": u["name"]},
                                              user=u["name"], name="t")["token"]
                       for u in (self.admin, self.reporter, self.other)}

    def act(self, who: dict[str, Any] | None, action: str, **data: Any) -> Any:
        return call_action(action, {"user": who["name"] if who else "", "ignore_auth": False},
                           **data)

    def headers(self, who: dict[str, Any]) -> dict[str, str]:
        return {"Authorization": self.tokens[who["name"]]}

    def form(self, **overrides: Any) -> dict[str, Any]:
        data = {"package_id": self.dataset["id"], "resource_id": self.resource["id"],
                "field": "aqi", "row": "2024-05-01 太原南寨", "value": "999",
                "description": "空气质量指数不可能为 999，应为 99",
                "evidence": "省生态环境厅当日公报：南寨站 AQI 99",
                "contact": "13800138000"}
        data.update(overrides)
        return data

    def report(self, **overrides: Any) -> dict[str, Any]:
        return self.act(self.reporter, "govopen_feedback_report_create", **self.form(**overrides))


@pytest.fixture
def provider() -> Provider:
    return Provider()


@pytest.fixture
def smtp() -> Iterator[tuple[int, Any]]:
    """A real SMTP server on a free local port; its inbox keeps every envelope."""
    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self) -> None:
            self.messages: list[Any] = []

        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            self.messages.append(envelope)
            return "250 OK"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()
