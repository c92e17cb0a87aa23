"""``ckan govopen tick`` (every periodic duty of every capability) and
``ckan govopen catalog-review`` (the October review, Changsha art. 16)."""
from __future__ import annotations

import click

from ckanext.govopen import registry
from ckanext.govopen.lib import clock
from ckanext.govopen.upkeep import review, ticking

__all__ = ["catalog_review", "tick"]


@click.command("tick", short_help="Run every periodic duty once (mark overdue, remind).")
def tick() -> None:
    """Run each capability's ``tick`` hook once, under a database lock: a second run
    started meanwhile skips and says so. Safe to run every few minutes."""
    now = clock.now()
    if not ticking.run_locked(lambda moment: registry.run("tick", moment), now):
        click.echo("another tick is running; skipped")
        return
    click.echo(f"tick done at {now.isoformat(timespec='seconds')}")


@click.command("catalog-review", short_help="The year's catalog review, per organization.")
@click.option("--year", type=click.IntRange(2000, 2100), default=None,
              help="review year (default: this year)")
@click.option("--organization", "organization", default=None, help="only this organization")
@click.option("--check-links", is_flag=True, help="also try every linked file (slow)")
def catalog_review(year: int | None, organization: str | None, check_links: bool) -> None:
    """Per organization: entries needing attention and the review progress."""
    year = year or clock.today().year
    for org in review.organizations(organization):
        report = review.report(org["id"], year, check_links=check_links)
        done, total = report["reviewed"], report["total"]
        click.echo(f"{org['name']}: {done}/{total} reviewed, "
                   f"{len(report['attention'])} need attention")
        for entry in report["attention"]:
            reasons = "; ".join(r["text"]["en"] for r in entry["reasons"])
            click.echo(f"  {entry['name']}: {reasons}")
