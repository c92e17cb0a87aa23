"""`ckan govopen usage-reindex`: bring the download counts in the search index up to date.

Reindexing a dataset at every download would cost a package_show and an index write per
file served; instead the index is refreshed by `ckan govopen tick` (every few minutes): only datasets
downloaded since the day before are reindexed. Pages and the home page read the counts
from the database and are always current; only the search order 最多下载 lags.
"""
from __future__ import annotations

import click

__all__ = ["usage_reindex"]


@click.command("usage-reindex", short_help="Refresh the download counts in the search index.")
@click.option("--days", default=2, show_default=True, type=click.IntRange(1, 3660),
              help="Reindex datasets downloaded on this many recent days.")
def usage_reindex(days: int) -> None:
    from ckanext.govopen.usage import index

    click.echo(f"reindexed {index.reindex_recent(days)} datasets")
