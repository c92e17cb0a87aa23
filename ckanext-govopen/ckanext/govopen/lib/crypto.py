"""Files encrypted at rest: AES-256-GCM over fixed-size chunks, streamed.

Layout: ``MAGIC | nonce prefix (8 bytes) | { length (4 bytes) | ciphertext+tag }*``. Chunk
``i`` is sealed with nonce ``prefix | i`` and associated data ``context | i | last`` so chunks
cannot be reordered, swapped between files or cut off at a chunk boundary unnoticed.
Imports nothing of CKAN.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import os
import struct
from collections.abc import Iterator
from typing import IO, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"GOVENC1\n"
CHUNK = 1 << 20
_LEN = struct.Struct(">I")
_TAG = 16


class CryptoError(Exception):
    """The key is unusable, or a stored file is not intact (wrong key, tampered, cut off)."""


def parse_key(text: str, name: str = "ckanext.govopen.storage_key") -> bytes:
    """A 32-byte key from its URL-safe base64 text (as `secrets.token_urlsafe(32)` makes);
    `name` says where it came from in error messages."""
    text = (text or "").strip()
    if not text:
        raise CryptoError(f"{name} is not set")
    try:
        key = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as e:
        raise CryptoError(f"{name} is not base64: {e}") from e
    if len(key) != 32:
        raise CryptoError(f"{name} must hold 32 bytes, not {len(key)}")
    return key


def derive(key: bytes, purpose: str) -> bytes:
    """A separate key for another purpose (e.g. pseudonyms), so one secret is configured."""
    return hashlib.blake2b(purpose.encode(), key=key, digest_size=32).digest()


def _aad(context: bytes, index: int, last: bool) -> bytes:
    return context + struct.pack(">Q?", index, last)


def _chunks(src: IO[bytes], size: int) -> Iterator[tuple[bytes, bool]]:
    """Chunks of `src`, each with whether it is the last (an empty file is one empty chunk)."""
    current = src.read(size)
    while True:
        following = src.read(size) if len(current) == size else b""
        yield current, not following
        if not following:
            return
        current = following


def encrypt_stream(src: IO[bytes], dst: IO[bytes], key: bytes, context: bytes,
                   *, max_bytes: int | None = None, chunk: int = CHUNK) -> tuple[int, str]:
    """Encrypt `src` into `dst`. Returns the plaintext size and its SHA-256 (hex)."""
    aead = AESGCM(key)
    prefix = os.urandom(8)
    dst.write(MAGIC + prefix)
    digest = hashlib.sha256()
    size = 0
    for index, (data, last) in enumerate(_chunks(src, chunk)):
        size += len(data)
        if max_bytes is not None and size > max_bytes:
            raise ValueError("file too large")
        digest.update(data)
        sealed = aead.encrypt(prefix + struct.pack(">I", index), data, _aad(context, index, last))
        dst.write(_LEN.pack(len(sealed)) + sealed)
    return size, digest.hexdigest()


def _plain_chunks(src: BinaryIO, key: bytes, context: bytes) -> Iterator[tuple[bytes, bool]]:
    """The plaintext chunks of `src`, each with whether it is the last; every one verified."""
    aead = AESGCM(key)
    head = src.read(len(MAGIC) + 8)
    if len(head) != len(MAGIC) + 8 or not head.startswith(MAGIC):
        raise CryptoError("not an encrypted GovOpen file")
    prefix = head[len(MAGIC):]
    index = 0
    while True:
        raw_len = src.read(_LEN.size)
        if len(raw_len) != _LEN.size:
            raise CryptoError("encrypted file is cut off")
        (length,) = _LEN.unpack(raw_len)
        if length < _TAG or length > CHUNK * 64 + _TAG:
            raise CryptoError("encrypted file is corrupt")
        sealed = src.read(length)
        if len(sealed) != length:
            raise CryptoError("encrypted file is cut off")
        last = not src.peek(1) if hasattr(src, "peek") else _at_end(src)
        try:
            data = aead.decrypt(prefix + struct.pack(">I", index), sealed,
                                _aad(context, index, last))
        except InvalidTag as e:
            raise CryptoError("encrypted file fails its integrity check (wrong key?)") from e
        yield data, last
        if last:
            return
        index += 1


def decrypt_stream(src: BinaryIO, dst: BinaryIO, key: bytes, context: bytes) -> int:
    """Decrypt `src` into `dst`; raises CryptoError unless every chunk is intact."""
    size = 0
    for data, _last in _plain_chunks(src, key, context):
        dst.write(data)
        size += len(data)
    return size


def opens_with(src: BinaryIO, key: bytes, context: bytes) -> bool:
    """Whether `key` authenticates the first chunk of `src` (which is rewound after).

    Cheap (one chunk) and enough to tell which configured key sealed a file: a wrong key
    fails every chunk's tag.
    """
    start = src.tell()
    try:
        next(_plain_chunks(src, key, context))
    except CryptoError:
        return False
    finally:
        src.seek(start)
    return True


def pick_key(src: BinaryIO, keys: list[bytes], context: bytes) -> bytes:
    """The first of `keys` that opens `src`; CryptoError if none does."""
    for candidate in keys:
        if opens_with(src, candidate, context):
            return candidate
    raise CryptoError("no configured key opens this file (wrong key, tampered or cut off)")


def reencrypt_stream(src: BinaryIO, dst: BinaryIO, old_key: bytes, new_key: bytes,
                     context: bytes) -> tuple[int, str]:
    """Re-seal `src` (under `old_key`) into `dst` under `new_key`, chunk by chunk, so no
    plaintext ever reaches the disk. Returns the plaintext size and its SHA-256 (hex)."""
    aead = AESGCM(new_key)
    prefix = os.urandom(8)
    dst.write(MAGIC + prefix)
    digest = hashlib.sha256()
    size = 0
    for index, (data, last) in enumerate(_plain_chunks(src, old_key, context)):
        size += len(data)
        digest.update(data)
        sealed = aead.encrypt(prefix + struct.pack(">I", index), data, _aad(context, index, last))
        dst.write(_LEN.pack(len(sealed)) + sealed)
    return size, digest.hexdigest()


def _at_end(src: BinaryIO) -> bool:
    here = src.tell()
    more = src.read(1)
    src.seek(here)
    return not more
