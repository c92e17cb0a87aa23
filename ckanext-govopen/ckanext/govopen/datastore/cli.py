"""``ckan govopen datastore-sync``: bring DataStore tables up to date with what is published
(e.g. after data items changed, or to load files published before the DataStore was on)."""
from __future__ import annotations

import click

__all__ = ["datastore_sync"]


@click.command("datastore-sync", short_help="Load, reload or drop DataStore tables.")
@click.argument("resource_ids", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Every uploaded resource.")
@click.option("--queue", is_flag=True, help="Queue jobs on govopen:datastore instead.")
def datastore_sync(resource_ids: tuple[str, ...], all_: bool, queue: bool) -> None:
    """Sync RESOURCE_IDS (or --all) now, printing one line per resource."""
    from ckan import model

    from ckanext.govopen.datastore import jobs

    if not resource_ids and not all_:
        raise click.UsageError("name resource ids or use --all")
    ids = list(resource_ids)
    if all_:
        ids += [rid for (rid,) in model.Session.query(model.Resource.id).filter(
            model.Resource.state == "active", model.Resource.url_type == "upload")
            .order_by(model.Resource.id)]
    for n, resource_id in enumerate(ids, 1):
        if queue:
            jobs.enqueue(resource_id)
            outcome = "queued"
        else:
            outcome = jobs.sync_resource(resource_id)
        click.echo(f"[{n}/{len(ids)}] {resource_id} {outcome}")
