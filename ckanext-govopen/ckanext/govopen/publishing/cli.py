"""``ckan govopen desensitize``: run desensitization again, e.g. after a policy change;
``ckan govopen rotate-key``: re-encrypt every stored raw file under the current key."""
from __future__ import annotations

import time

import click

__all__ = ["desensitize", "rotate_key"]


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
    from ckanext.govopen.publishing import jobs
    from ckanext.govopen.publishing import policy as org_policy
    from ckanext.govopen.publishing.model import PASSED, DesensitizeStatus

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


@click.command("rotate-key", short_help="Re-encrypt stored raw files under the current key.")
@click.option("--dry-run", is_flag=True, help="Only say which files still need rotating.")
def rotate_key(dry_run: bool) -> None:
    """Re-encrypt every raw upload sealed with a key of ckanext.govopen.storage_old_keys
    under ckanext.govopen.storage_key, one file at a time (temporary file, fsync, rename).

    Files already under the current key are skipped, so the command can be interrupted and
    run again. Once it reports no file left on an old key, remove the old keys from the
    configuration.
    """
    import ckan.plugins.toolkit as tk
    from ckan import model

    from ckanext.govopen.lib import crypto
    from ckanext.govopen.publishing import rotation, status, storage

    try:
        current, old = storage.key(), storage.old_keys()
    except tk.ValidationError as e:
        upload = e.error_dict.get("upload", [])
        raise click.ClickException(
            " ".join(map(str, upload)) if isinstance(upload, list) else str(upload)) from e
    if current in old:
        raise click.UsageError("the current storage_key is also listed in storage_old_keys")
    files = list(storage.raw_files())
    click.echo(f"{len(files)} raw file(s); {len(old)} old key(s) configured")
    counts: dict[str, int] = {}
    started = time.monotonic()
    for n, (resource_id, path) in enumerate(files, 1):
        t0 = time.monotonic()
        row = status.get(resource_id)
        size = path.stat().st_size
        try:
            if dry_run:
                with open(path, "rb") as src:
                    outcome = (rotation.CURRENT if crypto.opens_with(
                        src, current, storage.context_of(resource_id)) else "to-rotate")
                    if outcome == "to-rotate":
                        crypto.pick_key(src, old, storage.context_of(resource_id))
            else:
                outcome = rotation.rotate_file(resource_id, path, current, old,
                                               row.raw_sha256 if row else None)
        except (crypto.CryptoError, OSError) as e:
            outcome = "failed"
            click.echo(f"[{n}/{len(files)}] {resource_id} failed: {e}", err=True)
        else:
            click.echo(f"[{n}/{len(files)}] {resource_id} {outcome} "
                       f"({size / 1e6:.1f} MB, {time.monotonic() - t0:.2f}s)")
        counts[outcome] = counts.get(outcome, 0) + 1
    summary = ", ".join(f"{v} {k}" for k, v in sorted(counts.items())) or "nothing to do"
    click.echo(f"done in {time.monotonic() - started:.1f}s: {summary}")
    if not dry_run and counts.get(rotation.ROTATED):
        status.audit("cli", "storage_key_rotated", **counts)  # type: ignore[arg-type]  # keys are outcomes, never package_id
        model.Session.commit()
    if counts.get("failed"):
        raise SystemExit(1)
    if not dry_run:
        click.echo("every raw file is sealed with the current key; "
                   "ckanext.govopen.storage_old_keys can be emptied")
