"""Deadlines in working days through the API (holidays, year end, an unknown year, extra
days), reminders through a real SMTP server, and the chained access log with
`ckan govopen audit verify`."""
from __future__ import annotations

import socket

import ckan.plugins.toolkit as tk
import pytest
from ckan import model
from ckan.cli.cli import ckan as ckan_cli
from ckan.tests import factories
from ckanext.govopen.access import grants, reminders
from freezegun import freeze_time
from sqlalchemy import text

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")

# 10:00 in China on each day: 02:00 UTC
SEP_30, OCT_20, OCT_21 = "2026-09-30 02:00", "2026-10-20 02:00", "2026-10-21 02:00"


def test_a_deadline_across_the_national_day_holiday_and_overdue_after_it(provider) -> None:  # type: ignore[no-untyped-def]
    p = provider
    with freeze_time(SEP_30):
        app = p.apply()
    assert app["due_date"] == "2026-10-20", "Oct 1–7 off, Saturday Oct 10 worked"
    assert app["calendar_warning"] is None
    with freeze_time(OCT_20):
        shown = p.act(p.admin, "govopen_access_show", id=app["id"])
        assert shown["overdue"] is False and shown["workdays_left"] == 0
    with freeze_time(OCT_21):
        shown = p.act(p.admin, "govopen_access_show", id=app["id"])
        assert shown["overdue"] is True and shown["workdays_left"] == -1
        board = p.act(p.admin, "govopen_access_list", overdue=True)
        assert [a["id"] for a in board["results"]] == [app["id"]]
        assert board["counts"]["overdue"] == 1
        # A decision ends the flag.
        p.act(p.admin, "govopen_access_reject", id=app["id"], reason="不符合开放条件")
        assert p.act(p.admin, "govopen_access_list", overdue=True)["count"] == 0


def test_an_unknown_year_counts_weekends_warns_and_takes_extra_days(provider) -> None:  # type: ignore[no-untyped-def]
    p = provider
    root = {"user": factories.Sysadmin()["name"]}
    with freeze_time("2026-12-28 02:00"):
        app = p.apply()
        assert app["due_date"] == "2027-01-11"
        warning = app["calendar_warning"]
        assert "2027" in warning["zh_Hans_CN"] and "weekends only" in warning["en"]
        listed = tk.get_action("govopen_calendar_day_list")(dict(root), {})
        assert listed["warning"] is not None and listed["current_year_known"] is True
        with pytest.raises(tk.NotAuthorized):
            p.act(p.admin, "govopen_calendar_day_set", day="2027-01-01")
        tk.get_action("govopen_calendar_day_set")(dict(root), {"day": "2027-01-01",
                                                             "note": "元旦"})
        assert p.act(p.admin, "govopen_access_show", id=app["id"])["due_date"] == "2027-01-12"
        tk.get_action("govopen_calendar_day_set")(dict(root), {"day": "2027-01-09",
                                                             "workday": True})
        assert p.act(p.admin, "govopen_access_show", id=app["id"])["due_date"] == "2027-01-11"
    with freeze_time("2027-02-01 02:00"):  # living in the unknown year: nothing crashes
        second = p.act(p.other, "govopen_access_apply", **p.form())
        assert second["due_date"] == "2027-02-15" and second["calendar_warning"]


def test_an_organization_sets_its_own_deadline_and_commitment(provider) -> None:  # type: ignore[no-untyped-def]
    p = provider
    with pytest.raises(tk.NotAuthorized):
        p.act(p.other, "govopen_access_settings_update", organization_id=p.org["id"],
              decision_workdays=5)
    with pytest.raises(tk.ValidationError):
        p.act(p.admin, "govopen_access_settings_update", organization_id=p.org["id"],
              decision_workdays=0)
    p.act(p.admin, "govopen_access_settings_update", organization_id=p.org["id"],
          decision_workdays=3, commitment="我承诺仅用于本课题。")
    with freeze_time(SEP_30):
        app = p.apply()
    assert app["due_date"] == "2026-10-10" and app["commitment"] == "我承诺仅用于本课题。"


@pytest.fixture
def smtp():  # type: ignore[no-untyped-def]
    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self) -> None:
            self.messages: list = []

        async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
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


def test_reviewers_get_one_reminder_a_day_by_mail(provider, smtp, ckan_config) -> None:  # type: ignore[no-untyped-def]
    import email

    port, inbox = smtp
    p = provider
    with freeze_time(SEP_30):
        app = p.apply()
    ckan_config["smtp.server"] = f"127.0.0.1:{port}"
    with freeze_time("2026-10-12 02:00"):  # 6 working days left: no mail yet
        ckan_config["smtp.mail_from"] = ""
        assert reminders.send_reminders() == []
        ckan_config["smtp.mail_from"] = "portal@example.gov.cn"
        assert reminders.send_reminders() == []
    with freeze_time(OCT_21):
        sent = reminders.send_reminders()
        assert sent == [f"{p.admin['email']}: 1 application(s)"]
        assert reminders.send_reminders() == [], "once a day"
    assert len(inbox.messages) == 1
    envelope = inbox.messages[0]
    assert envelope.rcpt_tos == [p.admin["email"]]
    msg = email.message_from_bytes(envelope.content)
    body = msg.get_payload(decode=True).decode("utf-8")
    assert "已超期" in body and f"/access/application/{app['id']}" in body
    assert "待审申请" in str(email.header.make_header(email.header.decode_header(msg["Subject"])))


def test_downloads_and_decisions_are_chained_and_verify_finds_a_changed_row(  # type: ignore[no-untyped-def]
        provider, cli) -> None:
    p = provider
    app = p.apply()
    p.act(p.admin, "govopen_access_approve", id=app["id"])
    res = p.resources[0]["id"]
    grant = grants.active_grant(p.applicant["id"], p.dataset["id"], res)
    grants.record_download(grant, res, actor=p.applicant["name"], remote_addr="10.0.0.7", size=2048)

    log = p.act(p.admin, "govopen_access_log_list", organization_id=p.org["id"])
    assert [r["event"] for r in log["results"]] == ["download", "approve", "apply"]
    download = log["results"][0]
    assert (download["actor"], download["remote_addr"], download["size"], download["grant_id"]) == (
        p.applicant["name"], "10.0.0.7", 2048, grant.id)
    with pytest.raises(tk.NotAuthorized):
        p.act(p.other, "govopen_access_log_list", organization_id=p.org["id"])
    exported = p.act(p.admin, "govopen_access_log_export", organization_id=p.org["id"])
    lines = exported["csv"].lstrip("\ufeff").splitlines()
    assert lines[0].startswith("seq,created,event") and len(lines) == 4
    assert "10.0.0.7" in lines[3]

    result = cli.invoke(ckan_cli, ["govopen", "audit", "verify"])
    assert result.exit_code == 0, result.output
    assert "3 row(s) verified" in result.output

    model.Session.execute(text("UPDATE govopen_access_log SET size = 1 WHERE seq = 3"))
    model.Session.commit()
    result = cli.invoke(ckan_cli, ["govopen", "audit", "verify"])
    assert result.exit_code == 1
    assert "BROKEN at row 3" in result.output and "changed" in result.output


def test_verify_finds_a_deleted_row(provider, cli) -> None:  # type: ignore[no-untyped-def]
    p = provider
    app = p.apply()
    p.act(p.admin, "govopen_access_return", id=app["id"], reason="请补充")
    p.act(p.applicant, "govopen_access_resubmit", id=app["id"])
    model.Session.execute(text("DELETE FROM govopen_access_log WHERE seq = 2"))
    model.Session.commit()
    result = cli.invoke(ckan_cli, ["govopen", "audit", "verify"])
    assert result.exit_code == 1 and "row 2 is missing" in result.output


