"""Reminder mails to reviewers about applications due within two working days or overdue,
through CKAN's mailer. Sent at most once a day per application; nothing is sent (and nothing
fails) when no sender address is configured."""
from __future__ import annotations

from collections import defaultdict

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.govopen.access import store, texts
from ckanext.govopen.access.model import OPEN_STATES, Application
from ckanext.govopen.lib import mail

SOON = 2  # working days before the deadline at which reviewers are first reminded


def pending() -> list[Application]:
    today, cal = store.today(), store.calendar()
    rows = model.Session.query(Application).filter(
        Application.state.in_(OPEN_STATES), Application.due_date.isnot(None))
    return [a for a in rows
            if a.reminded_on != today and a.due_date is not None
            and (today > a.due_date or cal.workdays_between(today, a.due_date) <= SOON)]


def _body(apps: list[Application]) -> str:
    site = tk.config.get("ckan.site_url", "").rstrip("/")
    today = store.today()
    lines = ["以下数据申请临近或已超过办理期限 / These applications are due soon or overdue:", ""]
    for a in apps:
        pkg = model.Package.get(a.package_id)
        due = a.due_date or today  # pending() keeps only applications with a deadline
        late = "已超期 OVERDUE" if today > due else "即将到期 due soon"
        lines.append(f"- {pkg.title if pkg else a.package_id} · {a.applicant_name} · "
                     f"{due.isoformat()} · {late}")
        lines.append(f"  {site}/access/application/{a.id}")
    return "\n".join(lines) + "\n"


def send_reminders() -> list[str]:
    """Mail each organization's admins their list; returns "address: n application(s)"."""
    if not mail.smtp_configured():
        return []
    by_org: dict[str, list[Application]] = defaultdict(list)
    for app in pending():
        by_org[app.organization_id].append(app)
    sent = []
    for org_id, apps in sorted(by_org.items()):
        subject = texts.both("mail.subject", count=len(apps))
        delivered = mail.mail_org_admins(org_id, subject, _body(apps))
        sent += [f"{email}: {len(apps)} application(s)" for email in delivered]
        if delivered:
            for app in apps:
                app.reminded_on = store.today()
    model.Session.commit()
    return sent
