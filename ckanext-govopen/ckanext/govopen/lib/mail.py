"""Mail to an organization's admins through CKAN's mailer, for every capability's reminders.

A reminder goes to each active admin who has an address; one bad address or a refusing
server stops no one else (it is logged). The caller marks its rows as reminded only when
at least one mail went out, so a run that reached no one tries again next time.
"""
from __future__ import annotations

import logging

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib import mailer

log = logging.getLogger(__name__)


def smtp_configured() -> bool:
    """Whether reminders are meant to be sent: CKAN's ``smtp.server`` defaults to localhost,
    so only a sender address (``smtp.mail_from``) says mail is set up."""
    return bool(tk.config.get("smtp.mail_from"))


def org_admins(organization_id: str) -> list[tuple[str, str]]:
    """(display name, address) of the organization's active admins who have an address."""
    members = tk.get_action("member_list")(
        {"ignore_auth": True}, {"id": organization_id, "object_type": "user",
                                "capacity": "admin"})
    users = [model.User.get(m[0]) for m in members]
    return [(u.display_name, u.email) for u in users
            if u is not None and u.email and u.state == "active"]


def mail_org_admins(organization_id: str, subject: str, body: str) -> list[str]:
    """Mail `subject` and `body` to each of the organization's admins; returns the addresses
    it was delivered to (empty when none was)."""
    delivered = []
    for name, email in org_admins(organization_id):
        try:
            mailer.mail_recipient(name, email, subject, body)
        except mailer.MailerException as err:  # one bad address stops no one else
            log.warning("reminder to %s (organization %s) failed: %s",
                        email, organization_id, err)
            continue
        delivered.append(email)
    return delivered
