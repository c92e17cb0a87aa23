"""Update status in the index, the facet, the marks on pages, and `ckan govopen tick`:
under a lock, so two runs at once mail each reminder once."""
from __future__ import annotations

import email
import email.header
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ckan import model
from ckan.tests.helpers import call_action
from ckanext.govopen.upkeep.model import UpkeepState
from ckanext.govopen.upkeep.ticking import advisory_lock

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

CKAN = str(Path(sys.executable).with_name("ckan"))


def _facet(**params: Any) -> dict[str, int]:
    found = call_action("package_search", {"user": ""}, include_private=True,
                        **{"facet.field": json.dumps(["govopen_update_status"])}, **params)
    return found["facets"]["govopen_update_status"]


def test_the_update_status_is_indexed_faceted_and_sortable_by_quality(provider) -> None:  # type: ignore[no-untyped-def]
    assert _facet(fq=f'owner_org:"{provider.org["id"]}"') == {
        "overdue": 1, "on_time": 1, "unscheduled": 1}
    found = call_action("package_search", {"user": ""}, fq="govopen_update_status:overdue")
    assert [d["name"] for d in found["results"]] == ["upkeep-overdue"]
    call_action("package_patch", {"user": provider.admin["name"]}, id="upkeep-fresh", notes="短",
                tags=[])
    ranked = call_action("package_search", {"user": ""}, sort="govopen_quality asc",
                         fq=f'owner_org:"{provider.org["id"]}"')
    assert ranked["results"][0]["name"] == "upkeep-fresh", "the weakest entry first"


def test_the_dataset_page_marks_an_overdue_update_and_the_org_lists_it(app, provider) -> None:  # type: ignore[no-untyped-def]
    page = app.get("/dataset/upkeep-overdue", headers={"Accept-Language": "zh"}).body
    assert 'data-status="overdue"' in page and "更新已超期" in page
    assert 'data-status="overdue"' not in app.get("/dataset/upkeep-fresh").body
    org_page = app.get(f"/organization/{provider.org['name']}").body
    assert "govopen-overdue-list" in org_page and "/dataset/upkeep-overdue" in org_page
    search = app.get("/dataset/").body
    assert "更新状态" in search or "Update status" in search


def _ini(tmp_path: Path, port: int) -> Path:
    """The test configuration with a mail server: the CLI runs in processes of its own."""
    text = re.sub(r"(?m)^smtp\.(server|mail_from)\s*=.*\n", "",
                  Path(os.environ["CKAN_INI"]).read_text())
    mail = (f"[app:main]\nsmtp.server = 127.0.0.1:{port}\n"
            "smtp.mail_from = portal@example.gov.cn\n")
    ini = tmp_path / "tick.ini"
    ini.write_text(text.replace("[app:main]\n", mail, 1))
    return ini


def test_two_ticks_at_once_mail_each_reminder_once(provider, smtp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    port, inbox = smtp
    ini = _ini(tmp_path, port)
    runs = [subprocess.Popen([CKAN, "-c", str(ini), "govopen", "tick"], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=300)[0] for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    assert all("tick done" in out or "skipped" in out for out in outputs), outputs
    assert len(inbox.messages) == 1, "one organization, one admin, one mail"
    envelope = inbox.messages[0]
    assert envelope.rcpt_tos == ["admin@example.gov.cn"]
    msg = email.message_from_bytes(envelope.content)
    body = msg.get_payload(decode=True).decode("utf-8")
    assert "/dataset/upkeep-overdue" in body and "upkeep-fresh" not in body
    subject = str(email.header.make_header(email.header.decode_header(msg["Subject"])))
    assert "数据更新提醒" in subject
    rows = {r.package_id: r.status for r in model.Session.query(UpkeepState)}
    assert rows[provider.overdue["id"]] == "overdue"

    again = subprocess.run([CKAN, "-c", str(ini), "govopen", "tick"], capture_output=True,
                           text=True, timeout=300, check=True)
    assert "tick done" in again.stdout
    assert len(inbox.messages) == 1, "the same due date is not reminded twice"


def test_a_tick_finding_the_lock_taken_skips_and_does_nothing(provider, cli) -> None:  # type: ignore[no-untyped-def]
    from ckan.cli.cli import ckan as ckan_cli

    with advisory_lock() as got:
        assert got
        result = cli.invoke(ckan_cli, ["govopen", "tick"])
    assert result.exit_code == 0, result.output
    assert "skipped" in result.output
    assert model.Session.query(UpkeepState).count() == 0
    result = cli.invoke(ckan_cli, ["govopen", "tick"])
    assert "tick done" in result.output
    assert model.Session.query(UpkeepState).count() == 3
