"""Reminder mails about error reports past their answer deadline, through CKAN's mailer.

Each report is mailed about at most once a day, and two runs at once (``ckan govopen tick``
from cron and from a service) mail it once: the run holds a transaction-level advisory lock
while it reads, mails and marks, so the second one waits and then finds nothing left.
Nothing is sent, and nothing fails, when no sender address is configured.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

import ckan.plugins.toolkit as tk
from ckan import model
from sqlalchemy import or_

from ckanext.govopen.feedback import store
from ckanext.govopen.feedback.model import ANSWERED, ErrorReport
from ckanext.govopen.feedback.texts import TEXTS
from ckanext.govopen.lib import clock, mail
from ckanext.govopen.lib.db import xact_lock

# Any constant of its own: serializes reminder runs, nothing else.
_REMIND_LOCK = 0x60F0FEEDBAC


def overdue(on: dt.date) -> list[ErrorReport]:
    """Unanswered reports past their deadline not yet mailed about on `on`."""
    return (model.Session.query(ErrorReport)
            .filter(ErrorReport.state != ANSWERED, ErrorReport.due_date < on,
                    or_(ErrorReport.reminded_on.is_(None), ErrorReport.reminded_on != on))
            .order_by(ErrorReport.due_date, ErrorReport.id).all())


def _body(reports: list[ErrorReport]) -> str:
    site = tk.config.get("ckan.site_url", "").rstrip("/")
    lines = [TEXTS.zh("mail.intro"), TEXTS.en("mail.intro"), ""]
    for r in reports:
        pkg = model.Package.get(r.package_id)
        lines.append(f"- {pkg.title if pkg else r.package_id} · "
                     f"{TEXTS.both(f'report.{r.state}')} · {r.due_date.isoformat()}")
        lines.append(f"  {site}/feedback/report/{r.id}")
    return "\n".join(lines) + "\n"


def remind_overdue(now: dt.datetime | None = None) -> list[str]:
    """Mail each organization's admins its overdue reports; returns "address: n report(s)"
    for each mail sent."""
    if not mail.smtp_configured():
        return []
    on = clock.today(now)
    xact_lock(_REMIND_LOCK)
    by_org: dict[str, list[ErrorReport]] = defaultdict(list)
    for report in overdue(on):
        by_org[report.organization_id].append(report)
    sent: list[str] = []
    for org_id, reports in sorted(by_org.items()):
        subject = TEXTS.both("mail.subject", count=len(reports))
        delivered = mail.mail_org_admins(org_id, subject, _body(reports))
        sent += [f"{email}: {len(reports)} report(s)" for email in delivered]
        if delivered:
            for report in reports:
                report.reminded_on = on
            store.audit("system", "report_reminded", report_ids=[r.id for r in reports],
                        organization_id=org_id)
    model.Session.commit()  # also releases the lock
    return sent
