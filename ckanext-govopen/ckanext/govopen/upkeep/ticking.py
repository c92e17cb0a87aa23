"""The periodic duties: keep the indexed update status current as days pass, and remind
providers once per due date when an update is due soon and once when it is overdue.

``run_locked`` holds a PostgreSQL advisory lock for the whole run, so two ``tick`` runs
started at once (cron overlapping a slow run, two hosts) never do a duty twice: the second
finds the lock taken and skips.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.search import rebuild
from sqlalchemy import text

from ckanext.govopen.lib import clock, mail
from ckanext.govopen.upkeep import store
from ckanext.govopen.upkeep.deadlines import DUE_SOON, OVERDUE
from ckanext.govopen.upkeep.model import UpkeepState
from ckanext.govopen.upkeep.texts import TEXTS

# Any constant no other advisory-lock user of this database takes.
TICK_LOCK = 0x60F0_71C4


@contextmanager
def advisory_lock(key: int = TICK_LOCK) -> Iterator[bool]:
    """Yield True while holding the session-level lock `key`, False if another holds it.
    A connection of its own keeps the lock across the duties' commits."""
    engine = model.meta.engine
    assert engine is not None, "the database is set up before any tick"
    connection = engine.connect()
    try:
        got = bool(connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key})
                   .scalar())
        try:
            yield got
        finally:
            if got:
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
    finally:
        connection.close()


def run_locked(duties: Callable[[dt.datetime], None], now: dt.datetime) -> bool:
    """Run `duties(now)` under the tick lock; False (nothing done) when another run has it."""
    with advisory_lock() as got:
        if not got:
            return False
        duties(now)
        return True


def _light(pkg: model.Package) -> dict[str, Any]:
    """What the update status needs, from the rows (package_show for each would be slow)."""
    extras = pkg.extras
    return {
        "update_cycle": extras.get("update_cycle"),
        "data_update_date": extras.get("data_update_date"),
        "release_date": extras.get("release_date"),
        "metadata_created": pkg.metadata_created,
        "resources": [{"last_modified": r.last_modified, "created": r.created}
                      for r in pkg.resources],
    }


def refresh(now: dt.datetime) -> int:
    """Record each active dataset's status today; re-index those whose status or due date
    changed. Returns how many changed."""
    today, cal = clock.today(now), store.calendar()
    rows = {r.package_id: r for r in model.Session.query(UpkeepState)}
    changed = []
    for pkg in model.Session.query(model.Package).filter(model.Package.state == "active"):
        state = store.freshness(_light(pkg), today, cal)
        row = rows.get(pkg.id)
        if row is not None and (row.status, row.due) == (state.status, state.due):
            continue
        if row is None:
            row = UpkeepState(package_id=pkg.id)
            model.Session.add(row)
        row.status, row.due, row.updated = state.status, state.due, now.replace(tzinfo=None)
        changed.append(pkg.id)
    model.Session.commit()
    for package_id in changed:
        rebuild(package_id)
    return len(changed)


def _body(items: list[tuple[model.Package, UpkeepState]]) -> str:
    site = tk.config.get("ckan.site_url", "").rstrip("/")
    lines = [TEXTS.zh("mail.intro"), TEXTS.en("mail.intro"), ""]
    for pkg, row in items:
        due = row.due.isoformat() if row.due else ""
        lines.append(f"- {pkg.title or pkg.name} · {due} · {TEXTS.both('status.' + row.status)}")
        lines.append(f"  {site}/dataset/{pkg.name}")
    return "\n".join(lines) + "\n"


def remind(now: dt.datetime) -> list[str]:
    """Mail each organization's admins the datasets newly due soon or overdue; returns
    "address: n dataset(s)". Nothing is sent, or marked sent, without ``smtp.mail_from``."""
    if not mail.smtp_configured():
        return []
    by_org: dict[str, list[tuple[model.Package, UpkeepState]]] = defaultdict(list)
    query = (model.Session.query(model.Package, UpkeepState)
             .join(UpkeepState, UpkeepState.package_id == model.Package.id)
             .filter(model.Package.state == "active",
                     UpkeepState.status.in_((DUE_SOON, OVERDUE))))
    for pkg, row in query.order_by(model.Package.name):
        if (row.reminded_due, row.reminded_status) != (row.due, row.status) and pkg.owner_org:
            by_org[pkg.owner_org].append((pkg, row))
    sent = []
    for org_id, items in sorted(by_org.items()):
        subject = TEXTS.both("mail.subject", count=len(items))
        delivered = mail.mail_org_admins(org_id, subject, _body(items))
        sent += [f"{email}: {len(items)} dataset(s)" for email in delivered]
        if delivered:
            for _, row in items:
                row.reminded_due, row.reminded_status = row.due, row.status
            model.Session.commit()  # at once: a later failure must not mail them again
    return sent
