"""Raw files at rest: chunked AES-GCM that notices wrong keys, tampering and truncation."""
from __future__ import annotations

import hashlib
import io
import secrets

import pytest
from ckanext.govopen.lib import crypto

KEY = crypto.parse_key(secrets.token_urlsafe(32))
PLAIN = ("姓名,身份证号\n张三,110105194912310021\n" * 50_000).encode("gb18030")


def _encrypt(data: bytes, context: bytes = b"res-1", chunk: int = 64 * 1024) -> bytes:
    out = io.BytesIO()
    size, digest = crypto.encrypt_stream(io.BytesIO(data), out, KEY, context, chunk=chunk)
    assert size == len(data)
    assert digest == hashlib.sha256(data).hexdigest()
    return out.getvalue()


def _decrypt(blob: bytes, context: bytes = b"res-1") -> bytes:
    out = io.BytesIO()
    crypto.decrypt_stream(io.BufferedReader(io.BytesIO(blob)), out, KEY, context)
    return out.getvalue()


@pytest.mark.parametrize("data", [b"", b"x", PLAIN])
def test_round_trip_and_no_plaintext_on_disk(data: bytes) -> None:
    blob = _encrypt(data)
    assert _decrypt(blob) == data
    assert b"110105194912310021" not in blob
    assert "张三".encode("gb18030") not in blob


def test_wrong_key_or_other_resource_is_refused() -> None:
    blob = _encrypt(PLAIN)
    with pytest.raises(crypto.CryptoError):
        _decrypt(blob, context=b"res-2")
    other = crypto.parse_key(secrets.token_urlsafe(32))
    with pytest.raises(crypto.CryptoError):
        crypto.decrypt_stream(io.BytesIO(blob), io.BytesIO(), other, b"res-1")


def test_tampering_and_cutting_at_a_chunk_boundary_are_noticed() -> None:
    blob = bytearray(_encrypt(PLAIN))
    blob[len(blob) // 2] ^= 1
    with pytest.raises(crypto.CryptoError):
        _decrypt(bytes(blob))
    whole = _encrypt(PLAIN)
    first_len = int.from_bytes(whole[16:20], "big")
    cut = whole[:20 + first_len]  # exactly the first chunk: no longer marked "last"
    with pytest.raises(crypto.CryptoError):
        _decrypt(cut)


def test_key_parsing() -> None:
    with pytest.raises(crypto.CryptoError):
        crypto.parse_key("")
    with pytest.raises(crypto.CryptoError):
        crypto.parse_key("dG9vIHNob3J0")
    assert len(crypto.parse_key(secrets.token_urlsafe(32))) == 32
    assert crypto.derive(KEY, "a") != crypto.derive(KEY, "b") != KEY


def test_re_encryption_changes_the_key_and_keeps_the_content() -> None:
    blob = _encrypt(PLAIN)
    new = crypto.parse_key(secrets.token_urlsafe(32))
    out = io.BytesIO()
    size, digest = crypto.reencrypt_stream(io.BufferedReader(io.BytesIO(blob)), out, KEY, new,
                                           b"res-1")
    assert (size, digest) == (len(PLAIN), hashlib.sha256(PLAIN).hexdigest())
    rotated = out.getvalue()
    assert b"110105194912310021" not in rotated
    plain = io.BytesIO()
    crypto.decrypt_stream(io.BufferedReader(io.BytesIO(rotated)), plain, new, b"res-1")
    assert plain.getvalue() == PLAIN
    with pytest.raises(crypto.CryptoError):
        _decrypt(rotated)


def test_the_key_that_sealed_a_file_is_found_from_its_first_chunk() -> None:
    other = crypto.parse_key(secrets.token_urlsafe(32))
    src = io.BufferedReader(io.BytesIO(_encrypt(PLAIN)))
    assert not crypto.opens_with(src, other, b"res-1")
    assert crypto.opens_with(src, KEY, b"res-1") and src.tell() == 0
    assert not crypto.opens_with(src, KEY, b"res-2"), "bound to its resource"
    assert crypto.pick_key(src, [other, KEY], b"res-1") == KEY
    with pytest.raises(crypto.CryptoError):
        crypto.pick_key(src, [other], b"res-1")
    with pytest.raises(crypto.CryptoError, match="storage_old_keys"):
        crypto.parse_key("short", "ckanext.govopen.storage_old_keys")
