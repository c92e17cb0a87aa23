"""Load a generated `Catalog` into CKAN through its action API, skipping what exists.

Everything goes through actions run as the sysadmin `admin`, so validation, uploads,
activity and search indexing behave as they do for a person using the portal.
"""
from __future__ import annotations

import contextlib
import io
import json
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from seed.english import ENGLISH
from seed.model import (
    Catalog,
    CatalogFields,
    Dataset,
    DatasetRecord,
    Group,
    Organization,
    Resource,
)
from seed.scale import LightDataset

Printer = Callable[[str], None]

_MIMETYPES = {
    "CSV": "text/csv",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Our name for a value -> other fields that take it when the schema lacks ours: the GovOpen
# schemas call the level org_level; CKAN's default dataset schema has maintainer fields.
_ALIASES = {"level": ("org_level",), "contact_name": ("maintainer",),
            "contact_email": ("maintainer_email",)}


class LoadError(Exception):
    """An action refused what we sent; the message says which object and why."""


@contextlib.contextmanager
def ckan_app(ini: str, *, index: bool = True) -> Iterator[None]:
    """CKAN configured from `ini`, inside a request context, with quiet logging.

    With `index=False` the synchronous search indexer is unloaded: writes then succeed
    without a search service and `ckan search-index rebuild` indexes them afterwards.
    Otherwise writes are indexed as usual but committed to the index once, on leaving.
    """
    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    app = make_app(load_config(ini))
    # The ini may log ckan at INFO (make run); keep the progress lines readable.
    for name in ("ckan", "ckanext"):
        logging.getLogger(name).setLevel(logging.ERROR)
    if not index:
        from ckan import plugins

        plugins.unload("synchronous_search")
    else:
        # A search commit per write costs more than the write; commit once at the end.
        from ckan.common import config

        config["ckan.search.solr_commit"] = False
    from ckan.lib.search import commit

    with app._wsgi_app.test_request_context():  # type: ignore[attr-defined]
        try:
            yield
        except BaseException:
            if index:  # keep what was indexed, but report the first error
                with contextlib.suppress(Exception):
                    commit()
            raise
        if index:
            commit()


@dataclass
class Stats:
    created: dict[str, int] = field(default_factory=dict)
    existing: dict[str, int] = field(default_factory=dict)
    files: int = 0

    def count(self, kind: str, created: bool) -> None:
        bucket = self.created if created else self.existing
        bucket[kind] = bucket.get(kind, 0) + 1


class Loader:
    """Creates organizations, groups, datasets and uploads; skips names that exist."""

    def __init__(self, user: str = "admin", out: Printer = print) -> None:
        import ckan.plugins.toolkit as tk

        self.tk = tk
        self.user = user
        self.out = out
        self.stats = Stats()
        self._schemas: dict[str, dict[str, dict[str, Any]]] = {}
        self._lookups: dict[int, dict[str, str]] = {}

    # actions -------------------------------------------------------------------

    def call(self, action: str, data: dict[str, Any], **context: Any) -> Any:
        from ckan.lib.search.common import (
            SearchError,
            SearchIndexError,
            SolrConnectionError,
        )

        what = data.get("name") or data.get("package_id") or ""
        try:
            return self.tk.get_action(action)({"user": self.user, **context}, data)
        except self.tk.ValidationError as e:
            errors = json.dumps(e.error_dict, ensure_ascii=False)
            raise LoadError(f"{action} {what}: {errors}") from e
        except self.tk.NotAuthorized as e:
            raise LoadError(f"{action}: user {self.user!r} is not allowed ({e})") from e
        except (SearchError, SearchIndexError, SolrConnectionError) as e:
            raise LoadError(f"{action} {what}: the search service (solr_url) failed: {e}; "
                            "start it first") from e

    def schema_fields(self, kind: str) -> dict[str, dict[str, Any]]:
        """Fields of the active scheming schema for `kind`, or {} when there is none."""
        if kind not in self._schemas:
            fields: dict[str, dict[str, Any]] = {}
            with contextlib.suppress(KeyError, self.tk.ObjectNotFound, self.tk.ValidationError):
                schema = self.tk.get_action(f"scheming_{kind}_schema_show")(
                    {"user": self.user}, {"type": kind})
                for f in schema.get("dataset_fields") or schema.get("fields") or []:
                    fields[f["field_name"]] = f
            self._schemas[kind] = fields
        return self._schemas[kind]

    def place(self, kind: str, values: dict[str, Any], data: dict[str, Any]) -> None:
        """Schema fields go top level (labels turned into choice values); the rest as extras."""
        fields = self.schema_fields(kind)
        extras = []
        for key, value in values.items():
            name = next((n for n in (key, *_ALIASES.get(key, ())) if n in fields), None)
            if name:
                data[name] = self._adapt(fields[name], value)
            else:
                extras.append({"key": key, "value": _as_text(value)})
        if extras:
            data["extras"] = extras

    def _adapt(self, field_def: dict[str, Any], value: Any) -> Any:
        subfields = field_def.get("repeating_subfields")
        if subfields and isinstance(value, list):
            by_name = {f["field_name"]: f for f in subfields}
            return [{k: self._adapt(by_name[k], v) if k in by_name else v for k, v in item.items()}
                    for item in value]
        lookup = self._choices(field_def)
        if not lookup:
            return value
        if isinstance(value, list):
            return [lookup.get(str(v), v) for v in value]
        return lookup.get(str(value), value)

    def _choices(self, field_def: dict[str, Any]) -> dict[str, str]:
        """Every label (in any language) and value of a field's choices -> the value."""
        key = id(field_def)  # field definitions live as long as the cached schema
        if key not in self._lookups:
            lookup: dict[str, str] = {}
            for choice in self.tk.h.scheming_field_choices(field_def) or []:
                label = choice.get("label", "")
                labels = label.values() if isinstance(label, dict) else [label]
                for text in (choice["value"], *labels):
                    lookup[str(text)] = choice["value"]
            self._lookups[key] = lookup
        return self._lookups[key]

    # objects -------------------------------------------------------------------

    def organizations(self, orgs: tuple[Organization, ...]) -> None:
        self._group_like("organization", orgs)

    def groups(self, groups: tuple[Group, ...]) -> None:
        self._group_like("group", groups)

    def _group_like(self, kind: str, items: tuple[Organization, ...] | tuple[Group, ...]) -> None:
        """Organizations and groups load alike: create by name unless present."""
        existing = set(self.call(f"{kind}_list", {"all_fields": False, "limit": 1000}))
        for item in items:
            if item.name in existing:
                self.stats.count(kind, False)
                continue
            data: dict[str, Any] = {"name": item.name, "title": item.title,
                                    "description": item.description}
            self.place(kind, item.extras(), data)
            # No return_id_only: the activity plugin needs the full result of these two.
            self.call(f"{kind}_create", data)
            self.stats.count(kind, True)
            self.out(f"  {kind} {item.name} · {item.title}")

    def datasets(self, datasets: tuple[Dataset, ...]) -> None:
        width = len(str(len(datasets)))
        for n, ds in enumerate(datasets, 1):
            started = time.monotonic()
            current = self._existing(ds.name)
            if current is not None and current.get("state") == "deleted":
                # Someone deleted it on purpose: leave it alone (its name stays taken).
                self.stats.count("dataset", False)
                self.out(f"  [{n:>{width}}/{len(datasets)}] {ds.name} · deleted, skipped")
                continue
            if current is None:
                data = self.package_dict(ds)
                # Files are desensitized before the public sees them: the dataset starts
                # private and is published through the review workflow below.
                data["private"] = bool(ds.resources)
                self.call("package_create", data, return_id_only=True)
                have: set[str] = set()
            else:
                have = {r["name"] for r in current.get("resources", [])}
            added = [r for r in ds.resources if r.name not in have]
            for res in added:
                self._upload(ds.name, res)
            if ds.resources and (current is None or current.get("private")):
                self._publish(ds.name)
            self.stats.count("dataset", current is None)
            state = "created" if current is None else (
                f"existed, {len(added)} file(s) added" if added else "exists")
            self.out(f"  [{n:>{width}}/{len(datasets)}] {ds.name} · {ds.title} · {state}"
                      f" · {time.monotonic() - started:.1f}s")

    def _existing(self, name: str) -> dict[str, Any] | None:
        try:
            return self.tk.get_action("package_show")({"user": self.user}, {"id": name})
        except self.tk.ObjectNotFound:
            return None

    def package_dict(self, ds: DatasetRecord) -> dict[str, Any]:
        """What package_create gets: core fields, then schema fields or extras."""
        data: dict[str, Any] = {
            "name": ds.name, "title": ds.title, "notes": ds.notes, "owner_org": ds.owner_org,
            "private": False, "license_id": ds.license_id,
            "groups": [{"name": g} for g in ds.groups],
            "tags": [{"name": t} for t in ds.tags],
        }
        if isinstance(ds, LightDataset):
            data["id"] = ds.id
        contact = {"contact_name": ds.contact_name, "contact_phone": ds.contact_phone,
                   "contact_email": ds.contact_email}
        title_en, notes_en = ENGLISH.get(ds.name, ("", ""))
        english = {"title_en": title_en, "notes_en": notes_en} if title_en else {}
        self.place("dataset", {**contact, **catalog_values(ds.catalog), **english}, data)
        return data

    def _upload(self, package: str, res: Resource) -> None:
        from werkzeug.datastructures import FileStorage

        upload = FileStorage(stream=io.BytesIO(res.content), filename=res.filename,
                             content_type=_MIMETYPES[res.format])
        self.call("resource_create", {
            "package_id": package, "name": res.name, "description": res.description,
            "format": res.format, "mimetype": _MIMETYPES[res.format], "url": "",
            "upload": upload,
        }, govopen_desensitize_inline=True)  # desensitized now, not later by the worker
        self.stats.files += 1

    def _publish(self, name: str) -> None:
        """Submit, approve and publish, as an agency would; the approval is refused unless
        every file passed desensitization (then the error names the file and why)."""
        try:
            self.tk.get_action("govopen_dataset_workflow_show")
        except KeyError:  # a portal without the publishing workflow
            self.call("package_patch", {"id": name, "private": False})
            return
        state = self.call("govopen_dataset_workflow_show", {"id": name})["state"]
        if state in ("draft", "returned"):
            state = self.call("govopen_dataset_submit", {"id": name, "note": "demo data"})["state"]
        if state == "submitted":
            state = self.call("govopen_dataset_review", {"id": name, "decision": "approve",
                                                         "reason": "demo data"})["state"]
        if state == "approved":
            self.call("govopen_dataset_publish", {"id": name})


def catalog_values(cat: CatalogFields) -> dict[str, Any]:
    """The catalog fields as a schema would take them: lists stay lists."""
    values: dict[str, Any] = {}
    for key, text in cat.as_strings().items():
        raw = getattr(cat, key)
        if key == "data_items":
            values[key] = [{"name": d.name, "label_zh": d.label_zh, "type": d.type} for d in raw]
        elif isinstance(raw, tuple):
            values[key] = list(raw)
        else:
            values[key] = text
    return values


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def load(catalog: Catalog, loader: Loader) -> Stats:
    loader.organizations(catalog.organizations)
    loader.groups(catalog.groups)
    loader.datasets(catalog.datasets)
    return loader.stats
