"""Scale mode: N light datasets, through `package_create` or written in bulk.

`action` runs the same validation and indexing as the portal, one dataset at a time.
`bulk` writes the rows `package_create` would write (package, extras, tags, group and
organization memberships) in batches of 1,000 with SQLAlchemy Core, then indexes them with
CKAN's own indexer, `package_show` by `package_show`, in several processes, committing once
at the end. No activity stream entries are written in bulk mode. Datasets written but not
indexed (an interrupted run) are indexed by `ckan -c INI search-index rebuild -o`.
"""
from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import time
from collections.abc import Callable
from typing import Any

from seed.generate import groups, organizations
from seed.load import Loader, LoadError
from seed.scale import scale_name, scale_records, stable_id

BATCH = 1000


def load_scale(count: int, *, user: str, method: str, index: bool, workers: int) -> None:
    from ckan import model

    loader = Loader(user, out=lambda line: print(line, flush=True))
    loader.organizations(organizations())
    loader.groups(groups())
    existing = {name for (name,) in model.Session.query(model.Package.name)
                .filter(model.Package.name.like("scale-%"))}
    todo = [n for n in range(1, count + 1) if scale_name(n) not in existing]
    print(f"· scale: {count - len(todo)} of {count} exist, {len(todo)} to load ({method})",
          flush=True)
    if not todo:
        return
    started = time.monotonic()
    if method == "action":
        _by_action(loader, todo, _progress("created", len(todo), started))
    else:
        ids = _by_sql(loader, todo, user, _progress("written", len(todo), started))
        written = time.monotonic()
        if index:
            _index(ids, workers or os.cpu_count() or 1)
            elapsed = time.monotonic() - written
            print(f"· indexed {len(ids)} datasets in {elapsed:.1f}s "
                  f"({len(ids) / max(elapsed, 1e-9):.0f}/s)", flush=True)
    elapsed = time.monotonic() - started
    print(f"· scale: {len(todo)} datasets in {elapsed:.1f}s ({len(todo) / elapsed:.0f}/s)",
          flush=True)


def _progress(verb: str, total: int, started: float) -> Callable[[int], None]:
    def report(done: int) -> None:
        if done % BATCH == 0 or done == total:
            rate = done / max(time.monotonic() - started, 1e-9)
            print(f"  {verb} {done}/{total} ({rate:.0f}/s)", flush=True)
    return report


def _by_action(loader: Loader, numbers: list[int], report: Callable[[int], None]) -> None:
    for done, rec in enumerate(scale_records(numbers), 1):
        loader.call("package_create", loader.package_dict(rec), return_id_only=True)
        report(done)


def _by_sql(loader: Loader, numbers: list[int], user: str,
            report: Callable[[int], None]) -> list[str]:
    from ckan import model

    creator = model.User.get(user)
    group_ids = {g.name: g.id for g in model.Session.query(model.Group)
                 .filter(model.Group.state == "active")}
    tag_ids = {t.name: t.id for t in model.Session.query(model.Tag)
               .filter(model.Tag.vocabulary_id.is_(None))}
    codes = _Codes(loader.schema_fields("dataset"), group_ids)
    ids: list[str] = []
    done = 0
    for start in range(0, len(numbers), BATCH):
        records = list(scale_records(numbers[start:start + BATCH]))
        packages = [codes.fill(loader.package_dict(r)) for r in records]
        rows = _rows(packages, creator.id if creator else None, group_ids, tag_ids)
        conn = model.Session.connection()
        for table, values in rows.items():
            if values:
                conn.execute(getattr(model, table).insert(), values)
        model.Session.commit()
        ids.extend(r.id for r in records)
        for _ in records:
            done += 1
            report(done)
    return ids


class _Codes:
    """Provider and resource codes, which the GovOpen schema's validators would generate:
    the owner's credit code, and <provider>-<classification>-<4-digit sequence>."""

    def __init__(self, fields: dict[str, Any], group_ids: dict[str, str]) -> None:
        from ckan import model

        self.provider = "provider_code" in fields
        self.resource = "resource_code" in fields
        ids_to_names = {v: k for k, v in group_ids.items()}
        self.credit = {ids_to_names.get(e.group_id): e.value for e in model.Session.query(
            model.GroupExtra).filter(model.GroupExtra.key == "credit_code",
                                     model.GroupExtra.state == "active")}
        self.sequence: dict[str, int] = {}
        if self.resource:
            for (code,) in model.Session.query(model.PackageExtra.value).filter(
                    model.PackageExtra.key == "resource_code"):
                prefix, _, seq = (code or "").rpartition("-")
                if seq.isdigit():
                    self.sequence[prefix] = max(self.sequence.get(prefix, 0), int(seq))

    def fill(self, pkg: dict[str, Any]) -> dict[str, Any]:
        provider = self.credit.get(pkg["owner_org"])
        if provider and self.provider:
            pkg["provider_code"] = provider
        if provider and self.resource and pkg.get("classification"):
            prefix = f"{provider}-{pkg['classification']}"
            self.sequence[prefix] = self.sequence.get(prefix, 0) + 1
            pkg["resource_code"] = f"{prefix}-{self.sequence[prefix]:04d}"
        return pkg


# package_create input keys that are columns of the package table, not extras.
_CORE = ("id", "name", "title", "notes", "license_id", "maintainer", "maintainer_email",
         "author", "author_email", "url", "version")


def _rows(packages: list[dict[str, Any]], creator: str | None, group_ids: dict[str, str],
          tag_ids: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Rows per CKAN table for one batch of package_create inputs; new tags join `tag_ids`.

    Schema fields are stored as package extras, as ckanext-scheming stores them: text as
    is, lists and dicts as JSON.
    """
    # CKAN stores naive UTC timestamps.
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows: dict[str, list[dict[str, Any]]] = {
        "tag_table": [], "package_table": [], "package_extra_table": [],
        "package_tag_table": [], "member_table": [],
    }
    for pkg in packages:
        pid, name = pkg["id"], pkg["name"]
        rows["package_table"].append({
            **{k: pkg.get(k) for k in _CORE}, "type": "dataset", "state": "active",
            "owner_org": group_ids[pkg["owner_org"]], "creator_user_id": creator,
            "metadata_created": now, "metadata_modified": now, "private": False,
        })
        skip = {*_CORE, "owner_org", "private", "groups", "tags", "extras"}
        extras = {k: v for k, v in pkg.items() if k not in skip}
        extras.update({e["key"]: e["value"] for e in pkg.get("extras", [])})
        for key, value in extras.items():
            rows["package_extra_table"].append({
                "id": stable_id(f"{name}/extra/{key}"), "package_id": pid, "key": key,
                "value": value if isinstance(value, str) else json.dumps(value), "state": "active"})
        for tag in (t["name"] for t in pkg["tags"]):
            if tag not in tag_ids:
                tag_ids[tag] = stable_id(f"tag/{tag}")
                rows["tag_table"].append({"id": tag_ids[tag], "name": tag, "vocabulary_id": None})
            rows["package_tag_table"].append({
                "id": stable_id(f"{name}/tag/{tag}"), "package_id": pid,
                "tag_id": tag_ids[tag], "state": "active"})
        members = [(pkg["owner_org"], "organization")]
        members += [(g["name"], "public") for g in pkg["groups"]]
        for group, capacity in members:
            rows["member_table"].append({
                "id": stable_id(f"{name}/member/{group}"), "table_name": "package",
                "table_id": pid, "capacity": capacity, "group_id": group_ids[group],
                "state": "active"})
    return rows


def _index(ids: list[str], workers: int) -> None:
    """Index with CKAN's indexer in `workers` processes; one commit at the end."""
    from ckan import model
    from ckan.lib.search import commit

    workers = max(1, min(workers, len(ids) // 200 or 1))
    if workers == 1:
        _index_chunk(0, ids)
    else:
        # Children must not share the parent's database connections.
        model.Session.remove()
        model.meta.engine.dispose()
        ctx = multiprocessing.get_context("fork")
        # Forked children inherit the configured app and its request context.
        procs = [ctx.Process(target=_index_chunk, args=(w, ids[w::workers]))
                 for w in range(workers)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        failed = [p.exitcode for p in procs if p.exitcode]
        if failed:
            raise LoadError(f"{len(failed)} indexing process(es) failed (see above); the datasets "
                            "are written: index them with `ckan search-index rebuild -o`")
    commit()


def _index_chunk(worker: int, ids: list[str]) -> None:
    from ckan import model
    from ckan.lib.search import index_for
    from ckan.logic import get_action

    package_index = index_for(model.Package)
    started = time.monotonic()
    for n, package_id in enumerate(ids, 1):
        context = {"ignore_auth": True, "validate": False, "use_cache": False}
        package_index.update_dict(get_action("package_show")(context, {"id": package_id}),
                                  defer_commit=True)
        if n % BATCH == 0 or n == len(ids):
            model.Session.remove()  # end the read transaction; free the identity map
            rate = n / max(time.monotonic() - started, 1e-9)
            print(f"  indexer {worker}: {n}/{len(ids)} ({rate:.0f}/s)", flush=True)
