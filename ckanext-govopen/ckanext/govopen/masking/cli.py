"""``ckan govopen desensitize``: run desensitization again, e.g. after a policy change."""
from __future__ import annotations

import time

import click

__all__ = ["desensitize"]


@click.command(short_help="Desensitize uploaded files again (e.g. after a policy change).")
@click.argument("resource_ids", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Every uploaded resource.")
@click.option("--outdated", is_flag=True,
              help="With --all: only files not yet passed under the current policy.")
@click.option("--queue", is_flag=True,
              help="Queue jobs on govopen:desensitize instead of running them here.")
def desensitize(resource_ids: tuple[str, ...], all_: bool, outdated: bool, queue: bool) -> None:
    """Desensitize RESOURCE_IDS (or --all) now, printing one line per file."""
    from ckan import model

    from ckanext.govopen.desensitize import load_policy
    from ckanext.govopen.masking import jobs
    from ckanext.govopen.masking import policy as org_policy
    from ckanext.govopen.storage.model import PASSED, DesensitizeStatus

    if not resource_ids and not all_:
        raise click.UsageError("name resource ids or use --all")
    policy = load_policy()
    ids = list(resource_ids)
    if all_:
        rows = model.Session.query(DesensitizeStatus, model.Package.owner_org).join(
            model.Resource, model.Resource.id == DesensitizeStatus.resource_id).join(
            model.Package, model.Package.id == model.Resource.package_id).filter(
            model.Resource.state == "active").order_by(DesensitizeStatus.resource_id)
        digests: dict[str | None, str | None] = {}
        for row, owner_org in rows:
            if owner_org not in digests:  # each organization's effective policy, once
                try:
                    digests[owner_org] = org_policy.for_organization(owner_org)[0].digest
                except org_policy.OverrideError:
                    digests[owner_org] = None  # the job fails it with the reason
            if not outdated or row.status != PASSED or row.policy_digest != digests[owner_org]:
                ids.append(row.resource_id)
    click.echo(f"policy {policy.version} ({policy.digest}), with organization overrides "
               f"where set: {len(ids)} file(s)")
    counts: dict[str, int] = {}
    started = time.monotonic()
    for n, resource_id in enumerate(ids, 1):
        t0 = time.monotonic()
        if queue:
            jobs.enqueue(resource_id, force=True)
            outcome = "queued"
        else:
            outcome = jobs.desensitize_resource(resource_id, force=True)
        counts[outcome] = counts.get(outcome, 0) + 1
        click.echo(f"[{n}/{len(ids)}] {resource_id} {outcome} {time.monotonic() - t0:.2f}s")
    summary = ", ".join(f"{v} {k}" for k, v in sorted(counts.items())) or "nothing to do"
    click.echo(f"done in {time.monotonic() - started:.1f}s: {summary}")
    if counts.get("failed"):
        raise SystemExit(1)
