"""`ckan govopen reindex`: `ckan search-index rebuild` on every core.

CKAN's rebuild indexes one dataset after another in one process: ~5 ms of Python per
dataset (package_show, the show schema's validation, dictization), so a catalog of
100,000 datasets takes over ten minutes however fast the search server is. CKAN's own
`search-index rebuild-fast` forks workers that share the parent's database connections
and fails on the first concurrent query. This command forks workers too, but each one
drops the inherited connections first (SQLAlchemy's `engine.dispose(close=False)`,
made for this) and opens its own; every worker indexes a share of the datasets exactly
as `rebuild` does, without committing, and the parent commits once at the end.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import time
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from ckan.types import Context

__all__ = ["reindex"]

REPORT_EVERY = 0.5  # seconds between progress lines


def _dataset_ids() -> list[str]:
    """The datasets `ckan search-index rebuild` would index, in a stable order."""
    from ckan import model
    from ckan.plugins import toolkit as tk

    query = model.Session.query(model.Package.id).order_by(model.Package.id)
    if tk.config.get("ckan.search.remove_deleted_packages"):
        query = query.filter(model.Package.state != "deleted")
    return [row[0] for row in query]


def _index_share(ids: list[str], done: Any, failures: Any, force: bool) -> None:
    """Runs in a forked worker: index `ids` like `rebuild` does, leave the commit.

    `done` counts the datasets processed, indexed or failed (`failures` has those).
    """
    from ckan import model
    from ckan.lib.search import index_for
    from ckan.logic import get_action

    # The parent's pooled connections are its own; using them here would interleave
    # two processes' queries on one socket. Forget them without closing them.
    model.Session.remove()
    engine = model.meta.engine
    assert engine is not None, "set when CKAN loaded its config"
    engine.dispose(close=False)  # type: ignore[call-arg]  # SQLAlchemy 1.4.33+; sqlalchemy2-stubs lag
    index = index_for(model.Package)
    show = get_action("package_show")
    for pkg_id in ids:
        try:
            context: Context = {"ignore_auth": True, "validate": False, "use_cache": False}
            index.update_dict(show(context, {"id": pkg_id}), True)
        except Exception as exc:  # noqa: BLE001 -- reported by the parent, as rebuild does
            model.Session.rollback()
            failures.put((pkg_id, repr(exc)))
            if not force:
                _count(done)
                sys.exit(1)
        _count(done)
    model.Session.remove()


def _count(done: Any) -> None:
    with done.get_lock():
        done.value += 1


@click.command("reindex", short_help="Rebuild the search index with several processes.")
@click.option("-w", "--workers", type=click.IntRange(1, 64), default=None,
              help="Worker processes (default: the number of CPUs).")
@click.option("-c", "--clear", is_flag=True,
              help="Clear this site's datasets from the index first.")
@click.option("-i", "--force", is_flag=True,
              help="Go on after a dataset fails to index (it is reported).")
@click.option("-q", "--quiet", is_flag=True, help="No progress line.")
def reindex(workers: int | None, clear: bool, force: bool, quiet: bool) -> None:  # noqa: C901 -- predates the complexity limit; split it when next changed
    """Index every dataset again, as `ckan search-index rebuild`, in parallel."""
    from ckan import model
    from ckan.lib import search

    ids = _dataset_ids()
    total = len(ids)
    workers = min(workers or os.cpu_count() or 1, max(total, 1))
    if clear:
        search.clear_all()
    # Children get fresh connections; none may be checked out across the fork.
    model.Session.remove()
    engine = model.meta.engine
    assert engine is not None, "set when CKAN loaded its config"
    engine.dispose()
    fork = multiprocessing.get_context("fork")
    done = fork.Value("q", 0)
    failures = fork.SimpleQueue()
    started = time.monotonic()
    procs = [fork.Process(target=_index_share, args=(ids[n::workers], done, failures, force),
                          name=f"reindex-{n}", daemon=True) for n in range(workers)]
    failed: list[tuple[str, str]] = []
    for proc in procs:
        proc.start()
    try:
        while any(proc.is_alive() for proc in procs):
            # Drained as they come: a full pipe would block the worker reporting.
            while not failures.empty():
                failed.append(failures.get())
            if not quiet:
                click.echo(f"\rIndexing dataset {done.value}/{total}", nl=False)
            time.sleep(REPORT_EVERY)
    except KeyboardInterrupt:
        for proc in procs:
            proc.terminate()
        raise
    for proc in procs:
        proc.join()
    while not failures.empty():
        failed.append(failures.get())
    if not quiet:
        click.echo(f"\rIndexing dataset {done.value}/{total}")
    crashed = [proc.name for proc in procs if proc.exitcode != 0]
    # What was indexed is kept, as `rebuild --force` keeps it.
    try:
        search.commit()
    except search.SearchIndexError as exc:
        failed.append(("(commit)", str(exc)))
    seconds = time.monotonic() - started
    for pkg_id, error in failed:
        what = "Commit failed" if pkg_id == "(commit)" else f"Error while indexing dataset {pkg_id}"
        click.secho(f"{what}: {error}", fg="red", err=True)
    indexed = done.value - sum(1 for pkg_id, _ in failed if pkg_id != "(commit)")
    if failed or crashed:
        click.secho(f"{indexed} of {total} datasets indexed in {seconds:.0f} s; "
                    f"{len(failed)} failed" + (f", workers stopped: {', '.join(crashed)}"
                                               if crashed else ""), fg="red", err=True)
        sys.exit(1)
    click.secho(f"{total} datasets indexed in {seconds:.0f} s with {workers} workers "
                f"({total / max(seconds, 1e-9):.0f}/s).", fg="green")
