"""Where uploaded files live: the raw upload encrypted, the desensitized copy apart.

``<storage_path>/govopen/raw/…/<id>.enc``   the upload, AES-GCM encrypted; no URL serves it
``<storage_path>/govopen/public/…/<id>``    the desensitized copy the download view serves
``<storage_path>/govopen/reports/…/<id>.json``  the job report

CKAN's own ``<storage_path>/resources`` is never written: the uploader below replaces CKAN's.
"""
from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.uploader import ResourceUpload, get_storage_path
from sqlalchemy import event

from ckanext.govopen import config
from ckanext.govopen.lib import crypto
from ckanext.govopen.storage import records

_fresh_lock = threading.Lock()
_fresh: set[str] = set()
# Uploads of the write under way, in the session (one per request or job), waiting for its
# commit: resource id -> the staged raw file, or None when the write clears the upload.
_STAGED = "govopen_staged_uploads"


def _root() -> Path:
    path = get_storage_path()
    if not path:
        raise tk.ValidationError({"upload": ["ckan.storage_path is not configured"]})
    return Path(path).resolve() / "govopen"


def _split(kind: str, resource_id: str, suffix: str = "") -> Path:
    if not resource_id or "/" in resource_id or resource_id.startswith("."):
        raise tk.ValidationError({"upload": ["Invalid resource id"]})
    return _root() / kind / resource_id[:3] / resource_id[3:6] / f"{resource_id[6:]}{suffix}"


def raw_path(resource_id: str) -> Path:
    return _split("raw", resource_id, ".enc")


def public_path(resource_id: str) -> Path:
    return _split("public", resource_id)


def report_path(resource_id: str) -> Path:
    return _split("reports", resource_id, ".json")


def key() -> bytes:
    """The current key: every new raw file is sealed with it."""
    try:
        return crypto.parse_key(config.storage_key())
    except crypto.CryptoError as e:
        raise tk.ValidationError({"upload": [str(e)]}) from e


def old_keys() -> list[bytes]:
    """Retired keys that still open files stored before the last key change."""
    try:
        return [crypto.parse_key(text, "ckanext.govopen.storage_old_keys")
                for text in config.storage_old_keys()]
    except crypto.CryptoError as e:
        raise tk.ValidationError({"upload": [str(e)]}) from e


def context_of(resource_id: str) -> bytes:
    """Binds a ciphertext to its resource: a raw file copied to another id fails to open."""
    return f"govopen-raw:{resource_id}".encode()


def decrypt_to(resource_id: str, dst: BinaryIO) -> int:
    """Decrypt a raw file with whichever configured key sealed it (current or old)."""
    context = context_of(resource_id)
    with open(raw_path(resource_id), "rb") as src:
        secret = crypto.pick_key(src, [key(), *old_keys()], context)
        return crypto.decrypt_stream(src, dst, secret, context)


def raw_files() -> Iterator[tuple[str, Path]]:
    """Every stored raw file with its resource id, in a stable order (orphans included)."""
    base = _root() / "raw"
    for path in sorted(base.glob("*/*/*.enc")):
        first, second = path.parent.parent.name, path.parent.name
        yield f"{first}{second}{path.name[:-len('.enc')]}", path


def remove(resource_id: str) -> None:
    for path in (raw_path(resource_id), public_path(resource_id), report_path(resource_id)):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def staged_path(resource_id: str) -> Path:
    """Where an upload waits until its write is accepted (not a ``*.enc``: key rotation
    and the orphan sweep skip it)."""
    dest = raw_path(resource_id)
    return dest.with_name(dest.name + "~")


def _staged(session: Any = None) -> dict[str, Path | None]:
    staged: dict[str, Path | None] = (session or model.Session).info.setdefault(_STAGED, {})
    return staged


def _store_staged(session: Any) -> None:
    """The write committed: each staged upload replaces its resource's raw file, and the
    previous upload's public copy and report go (all of them, for a cleared upload)."""
    staged = session.info.pop(_STAGED, None) or {}
    for resource_id, path in sorted(staged.items()):
        if path is None:
            remove(resource_id)
            continue
        os.replace(path, raw_path(resource_id))
        for old in (public_path(resource_id), report_path(resource_id)):
            old.unlink(missing_ok=True)


def drop_staged(session: Any = None) -> list[str]:
    """The write was rolled back (refused): its uploads are deleted, and every resource
    keeps the file, public copy and report it had. Returns the resource ids."""
    staged = (session or model.Session).info.pop(_STAGED, None) or {}
    for path in staged.values():
        if path is not None:
            path.unlink(missing_ok=True)
    with _fresh_lock:
        _fresh.difference_update(staged)
    return sorted(staged)


def _after_soft_rollback(session: Any, previous: Any) -> None:
    if previous.parent is None:  # the whole transaction, not a savepoint inside it
        drop_staged(session)


def install() -> None:
    """Tie staged uploads to the transaction of their write (idempotent). CKAN stores an
    upload before the plugins' after_dataset_* hooks run, where publishing's write guard
    may still refuse the write and roll it back: the raw file in use is replaced only when
    the write commits."""
    if not event.contains(model.Session, "after_commit", _store_staged):
        # First of the commit's listeners: the file must be in place whatever another
        # listener (a job queued on commit) then does.
        event.listen(model.Session, "after_commit", _store_staged, insert=True)
        event.listen(model.Session, "after_soft_rollback", _after_soft_rollback)


def take_fresh() -> list[str]:
    """Resources whose raw file was written since the last call (to be desensitized)."""
    with _fresh_lock:
        ids = sorted(_fresh)
        _fresh.clear()
    return ids


class EncryptedResourceUpload(ResourceUpload):
    """CKAN's resource uploader, except that bytes go to disk only encrypted.

    ``get_path`` names the public (desensitized) copy, so anything that asks CKAN's
    uploader for a resource's file gets that copy, never the upload.
    """

    def __init__(self, resource: dict[str, Any]) -> None:
        super().__init__(resource)
        if self.storage_path:
            self.storage_path = str(_root() / "public")
            os.makedirs(self.storage_path, exist_ok=True)

    def upload(self, id: str, max_size: int = 10) -> None:
        if not self.storage_path:
            return
        if self.filename:
            self._store(id, max_size)
        elif self.clear:  # the file goes when the write commits (see ``install``)
            _staged()[id] = None
            records.forget(id)

    def _store(self, resource_id: str, max_size: int) -> None:
        """Encrypt the upload to its staged place; it replaces the raw file in use when the
        write commits (see ``install``)."""
        secret = key()
        tmp = staged_path(resource_id)
        tmp.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(tmp, "wb") as out:
                size, digest = crypto.encrypt_stream(
                    self.upload_file, out, secret, context_of(resource_id),
                    max_bytes=max_size * 1024 * 1024)
        except ValueError as e:
            tmp.unlink(missing_ok=True)
            raise tk.ValidationError({"upload": ["File upload too large"]}) from e
        finally:
            self.upload_file.close()
        _staged()[resource_id] = tmp
        records.mark_uploaded(resource_id, filename=self.filename, size=size, digest=digest)
        with _fresh_lock:
            _fresh.add(resource_id)
