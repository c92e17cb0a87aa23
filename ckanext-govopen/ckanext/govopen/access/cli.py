"""``ckan govopen audit verify``: check the hash chain of the access log;
``ckan govopen remind-access``: mail reviewers about overdue and due-soon applications."""
from __future__ import annotations

import click

from ckanext.govopen.access import reminders, store

__all__ = ["audit", "remind_access"]


@click.group(short_help="The hash-chained access log.")
def audit() -> None:
    pass


@audit.command(short_help="Check that no row of the access log was changed or deleted.")
def verify() -> None:
    """Recompute the chain; exit 1 naming the first row that does not hold."""
    checked, broken = store.verify_log()
    if broken is not None:
        click.echo(f"access log BROKEN at row {broken.seq}: {broken.reason} "
                   f"({checked} row(s) read)", err=True)
        raise SystemExit(1)
    click.echo(f"access log intact: {checked} row(s) verified")


@click.command("remind-access", short_help="Mail reviewers about applications due soon or overdue.")
def remind_access() -> None:
    """Send today's reminders (once a day per application); prints what was sent."""
    sent = reminders.send_reminders()
    click.echo(f"{len(sent)} reminder mail(s) sent" + "".join(f"\n  {m}" for m in sent))
