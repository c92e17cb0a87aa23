"""Fixtures of the upkeep tests: a real local SMTP server, a provider with datasets whose
last updates are placed relative to today."""
from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from ckan.tests import factories
from ckanext.govopen.lib import clock

from tests.catalog.factories import CatalogDataset, CatalogOrganization


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[int, Inbox]]:
    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


class Provider:
    """An organization with an admin and three datasets: monthly updated 90 days ago
    (overdue), monthly updated today (on time), irregular (no schedule)."""

    def __init__(self) -> None:
        self.admin = factories.User(email="admin@example.gov.cn")
        self.org = CatalogOrganization(users=[{"name": self.admin["name"], "capacity": "admin"}])
        today = clock.today()
        self.overdue = CatalogDataset(owner_org=self.org["id"], name="upkeep-overdue",
                                      update_cycle="monthly",
                                      data_update_date=(today - dt.timedelta(days=90)).isoformat())
        self.fresh = CatalogDataset(owner_org=self.org["id"], name="upkeep-fresh",
                                    update_cycle="monthly", data_update_date=today.isoformat())
        self.irregular = CatalogDataset(owner_org=self.org["id"], name="upkeep-irregular",
                                        update_cycle="irregular")


@pytest.fixture
def provider() -> Provider:
    return Provider()
