"""The answer deadline in working days across the National Day holiday and its make-up
Saturday, configurable; the overdue flag; reminder mails through a real SMTP server, once a
day, once even when two ticks run at the same moment."""
from __future__ import annotations

import datetime as dt
import email
import email.header
import threading

import pytest
from ckan import model
from ckanext.govopen import registry
from ckanext.govopen.feedback import reminders
from freezegun import freeze_time

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")

# 10:00 in China: 02:00 UTC
SEP_30 = "2026-09-30 02:00"


def test_five_working_days_across_the_national_day_holiday(provider) -> None:  # type: ignore[no-untyped-def]
    p = provider
    with freeze_time(SEP_30):
        report = p.report()
    # Oct 1–7 off; Oct 8, 9, Saturday Oct 10 (make-up day), 12, 13.
    assert report["due_date"] == "2026-10-13"
    with freeze_time("2026-10-13 15:59"):  # 23:59 in China: still on time
        assert p.act(p.admin, "govopen_feedback_report_show", id=report["id"])["overdue"] is False
    with freeze_time("2026-10-13 16:00"):  # midnight in China: a day late
        shown = p.act(p.admin, "govopen_feedback_report_show", id=report["id"])
        assert shown["overdue"] is True
        board = p.act(p.admin, "govopen_feedback_report_list", review=True, overdue=True)
        assert [r["id"] for r in board["results"]] == [report["id"]]
        assert board["counts"]["overdue"] == 1
        p.act(p.admin, "govopen_feedback_report_reject", id=report["id"], reason="数值无误")
        assert p.act(p.admin, "govopen_feedback_report_list", review=True,
                     overdue=True)["count"] == 1, "overdue until answered"
        p.act(p.admin, "govopen_feedback_report_answer", id=report["id"], answer="无误")
        assert p.act(p.admin, "govopen_feedback_report_list", review=True,
                     overdue=True)["count"] == 0


def test_the_deadline_is_configurable(provider, ckan_config) -> None:  # type: ignore[no-untyped-def]
    ckan_config["ckanext.govopen.feedback.answer_workdays"] = 3
    with freeze_time(SEP_30):
        assert provider.report()["due_date"] == "2026-10-10", "the make-up Saturday counts"
    with freeze_time("2026-04-30 02:00"):
        assert provider.report()["due_date"] == "2026-05-08", "May 1–5 off"
    with freeze_time("2026-05-07 02:00"):
        assert provider.report()["due_date"] == "2026-05-11", "May 9 (Sat) worked, 10 not"


def _configure(ckan_config, port: int) -> None:  # type: ignore[no-untyped-def]
    ckan_config["smtp.server"] = f"127.0.0.1:{port}"
    ckan_config["smtp.mail_from"] = "portal@example.gov.cn"


def _report_mails(inbox):  # type: ignore[no-untyped-def]
    """The error-report reminders among the mails received."""
    def subject(envelope):  # type: ignore[no-untyped-def]
        msg = email.message_from_bytes(envelope.content)
        return str(email.header.make_header(email.header.decode_header(msg["Subject"])))
    return [e for e in inbox.messages if "纠错超期" in subject(e)]


def test_admins_are_mailed_once_a_day_about_overdue_reports(provider, smtp, ckan_config) -> None:  # type: ignore[no-untyped-def]
    port, inbox = smtp
    p = provider
    with freeze_time(SEP_30):
        report = p.report()
    ckan_config["smtp.server"] = f"127.0.0.1:{port}"
    with freeze_time("2026-10-14 02:00"):
        ckan_config["smtp.mail_from"] = ""
        assert reminders.remind_overdue() == [], "no sender configured: nothing sent"
        ckan_config["smtp.mail_from"] = "portal@example.gov.cn"
    with freeze_time("2026-10-13 02:00"):
        assert reminders.remind_overdue() == [], "due today: not overdue yet"
    with freeze_time("2026-10-14 02:00"):
        registry.run("tick", dt.datetime.now(dt.UTC))  # how `ckan govopen tick` calls it
        # the tick also runs upkeep's duties, which may mail about update deadlines
        assert len(_report_mails(inbox)) == 1
        assert reminders.remind_overdue() == [], "once a day"
    with freeze_time("2026-10-15 02:00"):
        assert reminders.remind_overdue() == [f"{p.admin['email']}: 1 report(s)"]
    assert len(_report_mails(inbox)) == 2
    envelope = _report_mails(inbox)[0]
    assert envelope.rcpt_tos == [p.admin["email"]]
    msg = email.message_from_bytes(envelope.content)
    body = msg.get_payload(decode=True).decode("utf-8")
    assert f"/feedback/report/{report['id']}" in body and "2026-10-13" in body
    subject = str(email.header.make_header(email.header.decode_header(msg["Subject"])))
    assert "纠错超期" in subject and "past the answer deadline" in subject
    with freeze_time("2026-10-16 02:00"):
        p.act(p.admin, "govopen_feedback_report_reject", id=report["id"], reason="无误")
        p.act(p.admin, "govopen_feedback_report_answer", id=report["id"], answer="无误")
        assert reminders.remind_overdue() == [], "answered: no more reminders"


def test_two_ticks_at_the_same_moment_mail_once(provider, smtp, ckan_config) -> None:  # type: ignore[no-untyped-def]
    port, inbox = smtp
    _configure(ckan_config, port)
    with freeze_time(SEP_30):
        provider.report()
        provider.report(row="第 7 行")
    results: list[list[str]] = []
    start = threading.Barrier(2)

    def tick() -> None:
        # Each thread has its own session, hence its own connection and transaction.
        try:
            start.wait()
            results.append(reminders.remind_overdue(dt.datetime(2026, 10, 20, 2, 0)))
        finally:
            model.Session.remove()

    threads = [threading.Thread(target=tick) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(len(r) for r in results) == [0, 1]
    assert len(inbox.messages) == 1, "one mail listing both reports"
    body = email.message_from_bytes(inbox.messages[0].content).get_payload(decode=True)
    assert body.decode("utf-8").count("/feedback/report/") == 2
