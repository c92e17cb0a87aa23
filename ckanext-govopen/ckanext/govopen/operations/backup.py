"""`ckan govopen backup DIR` and `restore DIR`: the database (pg_dump's custom format),
the DataStore's when configured, the file store as it is on disk (raw uploads stay
encrypted), and a manifest.

Secrets are explicit: a backup holds no key unless asked (``--include-secrets``, which
writes ``secrets.json``, mode 600). The manifest keeps a fingerprint of the storage key,
so a restore refuses, before touching anything, a portal whose key could not decrypt the
files it would restore. The search index is derived data: a restore rebuilds it.
"""
from __future__ import annotations

import datetime as dt
import glob
import hashlib
import hmac
import importlib.util
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.search import clear_all, rebuild

MANIFEST = "manifest.json"
FORMAT = 1
_EXCLUDED = ("webassets",)  # rebuilt by CKAN at start


class BackupError(Exception):
    """A problem the operator can fix, printed as one line."""


def pg_bindir() -> Path:
    """pg_dump and pg_restore: pgserver's (the embedded server's own version), then the
    system's newest, then PATH; as `make run` finds the server (tools/services.py)."""
    found: list[Path] = []
    spec = importlib.util.find_spec("pgserver")
    if spec and spec.origin:
        found.append(Path(spec.origin).parent / "pginstall" / "bin")
    found += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    if which := shutil.which("pg_dump"):
        found.append(Path(which).parent)
    for candidate in found:
        if (candidate / "pg_dump").exists() and (candidate / "pg_restore").exists():
            return candidate
    raise BackupError("pg_dump not found: install the Python package pgserver or "
                      "Debian's postgresql-client")


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """The URL without its password, and an environment carrying it (not visible in ps)."""
    parts = urlsplit(url.replace("postgresql+psycopg2://", "postgresql://"))
    env = {**os.environ}
    if parts.password:
        env["PGPASSWORD"] = parts.password
    netloc = parts.hostname or ""
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    if parts.port:
        netloc = f"{netloc}:{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, "")), env


def _run(cmd: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        tail = "\n".join(done.stderr.strip().splitlines()[-3:])
        raise BackupError(f"{what} failed: {tail}")


def _key_fingerprint(key: str) -> str:
    return hmac.new(key.encode(), b"govopen-backup-key-check", hashlib.sha256).hexdigest()[:16]


def _keys() -> list[str]:
    keys = [tk.config.get("ckanext.govopen.storage_key") or ""]
    keys += list(tk.config.get("ckanext.govopen.storage_old_keys") or [])
    return [k for k in keys if k]


def _storage() -> Path:
    path = tk.config.get("ckan.storage_path")
    if not path:
        raise BackupError("ckan.storage_path is not set: there is no file store")
    return Path(path)


def _datastore_url() -> str | None:
    return tk.config.get("ckan.datastore.write_url") or None


def backup(dest: Path, *, include_secrets: bool = False) -> dict[str, Any]:
    if dest.resolve().is_relative_to(_storage().resolve()):
        raise BackupError(f"{dest} is inside the file store it would back up: choose "
                          "a directory outside ckan.storage_path")
    if dest.exists() and any(dest.iterdir()):
        raise BackupError(f"{dest} is not empty: back up into a new directory")
    dest.mkdir(mode=0o700, parents=True, exist_ok=True)
    dest.chmod(0o700)
    bindir = pg_bindir()
    url, env = _libpq(tk.config["sqlalchemy.url"])
    _run([str(bindir / "pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
          "--file", str(dest / "ckan.dump"), url], env, "pg_dump of the database")
    parts = ["ckan.dump"]
    if ds := _datastore_url():
        ds_url, ds_env = _libpq(ds)
        _run([str(bindir / "pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
              "--file", str(dest / "datastore.dump"), ds_url], ds_env,
             "pg_dump of the DataStore")
        parts.append("datastore.dump")
    storage = _storage()
    files = 0
    with tarfile.open(dest / "storage.tar", "w") as tar:
        if storage.is_dir():
            for child in sorted(storage.iterdir()):
                if child.name in _EXCLUDED:
                    continue
                tar.add(child, arcname=child.name)
                files += sum(1 for p in child.rglob("*") if p.is_file()) if child.is_dir() else 1
    parts.append("storage.tar")
    keys = _keys()
    if include_secrets:
        secrets = {"ckanext.govopen.storage_key": keys[0] if keys else "",
                   "ckanext.govopen.storage_old_keys": keys[1:]}
        fd = os.open(dest / "secrets.json", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            json.dump(secrets, out, indent=1)
        parts.append("secrets.json")
    manifest = {
        "format": FORMAT, "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "ckan_version": tk.h.ckan_version(), "site_id": tk.config.get("ckan.site_id"),
        "datasets": model.Session.query(model.Package).filter(
            model.Package.state != "deleted").count(),
        "files": files, "parts": parts, "secrets_included": include_secrets,
        "storage_key_fingerprints": [_key_fingerprint(k) for k in keys],
    }
    (dest / MANIFEST).write_text(json.dumps(manifest, indent=1))
    return manifest


def read_manifest(src: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((src / MANIFEST).read_text())
    except (OSError, ValueError) as e:
        raise BackupError(f"{src} is not a GovOpen backup (no readable {MANIFEST}: {e})") from e
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{src}: backup format {manifest.get('format')!r} is not {FORMAT}")
    return manifest


def _check_key(manifest: dict[str, Any], src: Path) -> None:
    wanted = manifest.get("storage_key_fingerprints") or []
    if not wanted:
        return
    have = {_key_fingerprint(k) for k in _keys()}
    if wanted[0] in have:
        return
    hint = (f"the backup's key is in {src / 'secrets.json'}" if manifest.get("secrets_included")
            else "the backup holds no key (made without --include-secrets)")
    raise BackupError(
        "this portal's ckanext.govopen.storage_key is not the key the backed-up files are "
        f"encrypted with ({hint}); set it (make run: storage_key in var/secrets.json) "
        "and run the restore again")


def _empty_portal() -> bool:
    return model.Session.query(model.Package).count() == 0


def restore(src: Path, *, force: bool = False) -> dict[str, Any]:
    manifest = read_manifest(src)
    _check_key(manifest, src)
    if not force and not _empty_portal():
        raise BackupError("this portal already holds datasets: restore into an empty one "
                          "(make reset), or pass --force to replace them")
    bindir = pg_bindir()
    # Our own pooled connections would hold locks on the tables pg_restore drops.
    model.Session.remove()
    if model.meta.engine is not None:
        model.meta.engine.dispose()
    url, env = _libpq(tk.config["sqlalchemy.url"])
    _run([str(bindir / "pg_restore"), "--clean", "--if-exists", "--no-owner",
          "--no-privileges", "--single-transaction", "--dbname", url, str(src / "ckan.dump")],
         env, "pg_restore of the database")
    if (src / "datastore.dump").exists():
        ds = _datastore_url()
        if ds is None:
            raise BackupError("the backup holds a DataStore but ckan.datastore.write_url "
                              "is not set")
        ds_url, ds_env = _libpq(ds)
        _run([str(bindir / "pg_restore"), "--clean", "--if-exists", "--no-owner",
              "--no-privileges", "--single-transaction", "--dbname", ds_url,
              str(src / "datastore.dump")], ds_env, "pg_restore of the DataStore")
    _restore_storage(src / "storage.tar", _storage())
    clear_all()
    rebuild()
    return manifest


def _restore_storage(archive: Path, storage: Path) -> None:
    storage.mkdir(mode=0o700, parents=True, exist_ok=True)
    for child in storage.iterdir():
        if child.name in _EXCLUDED:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    with tarfile.open(archive) as tar:
        tar.extractall(storage, filter="data")  # no absolute paths, links out, devices
