"""``ckan govopen rotate-key``: re-encrypt every stored raw file under the current key."""
from __future__ import annotations

import time

import click

__all__ = ["rotate_key"]


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

    from ckanext.govopen.lib import audit, crypto
    from ckanext.govopen.storage import files as storage
    from ckanext.govopen.storage import records, rotation

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
        row = records.get(resource_id)
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
        audit.record("cli", "storage_key_rotated", **counts)  # type: ignore[arg-type]  # keys are outcomes, never package_id
        model.Session.commit()
    if counts.get("failed"):
        raise SystemExit(1)
    if not dry_run:
        click.echo("every raw file is sealed with the current key; "
                   "ckanext.govopen.storage_old_keys can be emptied")
