"""Key rotation: re-seal every stored raw file under the current key.

Per file: the first chunk tells which key sealed it (current → nothing to do, so a run can be
repeated or resumed at will); otherwise it is re-encrypted chunk by chunk into a temporary
file beside it, fsynced, checked against the digest recorded at upload, and renamed over the
original. The plaintext never touches the disk, and an interrupted run leaves every file
either old or new, both readable while the old key is still configured.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

from ckanext.govopen.lib import crypto
from ckanext.govopen.storage import files as storage

CURRENT, ROTATED, REPLACED = "current", "rotated", "replaced"
_TEMP_SUFFIX = ".rotating"


def rotate_file(resource_id: str, path: Path, current: bytes, old: list[bytes],
                expected_sha256: str | None = None) -> str:
    """Re-encrypt one raw file under `current`; returns ``current``, ``rotated`` or
    ``replaced`` (a new upload replaced the file meanwhile: it is sealed with `current`).
    Raises CryptoError when no configured key opens it or its content is not the upload's."""
    context = storage.context_of(resource_id)
    tmp = path.with_name(path.name + _TEMP_SUFFIX)
    with open(path, "rb") as src:
        if crypto.opens_with(src, current, context):
            return CURRENT
        sealed_with = crypto.pick_key(src, old, context)
        try:
            with open(tmp, "wb") as out:
                _size, digest = crypto.reencrypt_stream(src, out, sealed_with, current, context)
                out.flush()
                os.fsync(out.fileno())
            if expected_sha256 and digest != expected_sha256:
                raise crypto.CryptoError(
                    "decrypted content differs from the digest recorded at upload")
            # An upload may have replaced the file while we read it: keep the upload.
            opened, now = os.fstat(src.fileno()), os.stat(path)
            if (opened.st_ino, opened.st_mtime_ns) != (now.st_ino, now.st_mtime_ns):
                return REPLACED
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    _fsync_dir(path.parent)
    return ROTATED


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
