"""`ckan govopen backup DIR`, `ckan govopen restore DIR`, `ckan govopen recover`."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

__all__ = ["backup", "recover", "restore"]


@click.command("backup", short_help="Back up the database, DataStore and file store.")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--include-secrets", is_flag=True,
              help="Also write the storage keys to DIRECTORY/secrets.json (mode 600): "
                   "whoever holds the backup can then decrypt the raw uploads.")
def backup(directory: Path, include_secrets: bool) -> None:
    """Write a backup of this portal into the new, empty DIRECTORY."""
    from ckanext.govopen.operations import backup as impl

    try:
        manifest = impl.backup(directory, include_secrets=include_secrets)
    except impl.BackupError as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"backup written to {directory}: {manifest['datasets']} datasets, "
               f"{manifest['files']} stored files ({', '.join(manifest['parts'])})")
    if not include_secrets:
        click.echo("the storage key is NOT in the backup: keep ckanext.govopen.storage_key "
                   "(make run: var/secrets.json) safe apart, or the raw files are lost")


@click.command("restore", short_help="Restore a backup into this (empty) portal.")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace the datasets this portal already holds.")
def restore(directory: Path, force: bool) -> None:
    """Restore the backup in DIRECTORY, then rebuild the search index."""
    from ckanext.govopen.operations import backup as impl

    try:
        manifest = impl.restore(directory, force=force)
    except impl.BackupError as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"restored {directory} (made {manifest['created']}): "
               f"{manifest['datasets']} datasets, {manifest['files']} stored files; "
               "search index rebuilt")


@click.command("recover", short_help="Requeue stalled jobs, catch the search index up.")
def recover() -> None:
    """What `make run` runs after a service restarted: requeue desensitize jobs a crash
    left pending or running, index datasets the search index lacks."""
    from ckanext.govopen.operations import recovery

    requeued = recovery.requeue_stalled(dt.datetime.now(dt.UTC))
    click.echo(f"requeued {len(requeued)} stalled desensitize jobs")
    behind = recovery.catch_up_index()
    click.echo(f"indexed {len(behind)} datasets the search index lacked")
