"""TOTP two-factor secrets: kept encrypted in the user's plugin_extras, codes used once.

The secret is sealed with AES-GCM under a key derived from `ckanext.govopen.storage_key`
and bound to the user id, so a copied database row is useless without the key and cannot
be moved to another account. A code that has let someone in is remembered in Redis for
its validity period and refused a second time.
"""
from __future__ import annotations

import base64
import datetime as dt
import hmac
import os
import time
from typing import Any

import pyotp
from ckan import model
from ckan.lib.redis import connect_to_redis
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ckanext.govopen import config
from ckanext.govopen.lib import crypto

_EXTRA = "govopen_totp"
_STEP = 30
ISSUER = "GovOpen"


class TotpUnavailable(Exception):
    """No storage key is configured, so no secret can be stored safely."""


def _aead() -> AESGCM:
    try:
        key = crypto.parse_key(config.storage_key())
    except crypto.CryptoError as e:
        raise TotpUnavailable(str(e)) from e
    return AESGCM(crypto.derive(key, "totp-secret"))


def _old_aeads() -> list[AESGCM]:
    """Retired storage keys still open secrets sealed before a key change."""
    keys = []
    for text in config.storage_old_keys():
        try:
            keys.append(AESGCM(crypto.derive(crypto.parse_key(text), "totp-secret")))
        except crypto.CryptoError:
            continue
    return keys


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, account: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=ISSUER)


def _stored(user: model.User) -> dict[str, Any] | None:
    value = (user.plugin_extras or {}).get(_EXTRA)
    return value if isinstance(value, dict) and value.get("secret") else None


def enrolled(user: Any) -> bool:
    return isinstance(user, model.User) and _stored(user) is not None


def _secret_of(user: model.User) -> str | None:
    stored = _stored(user)
    if stored is None:
        return None
    blob = base64.b64decode(stored["secret"])
    for aead in (_aead(), *_old_aeads()):
        try:
            return aead.decrypt(blob[:12], blob[12:], user.id.encode()).decode()
        except InvalidTag:
            continue
    return None  # unknown key or a row tampered with: no code can match, fail closed


def matches(secret: str, code: str, *, user_id: str) -> bool:
    """Whether `code` is the current code of `secret` (one step of clock drift either way)
    and has not been used before."""
    code = (code or "").strip().replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return False
    totp, now = pyotp.TOTP(secret), int(time.time())
    for drift in (0, -1, 1):
        step = now // _STEP + drift
        if hmac.compare_digest(totp.at(step * _STEP), code):
            # SET NX: of two requests racing with the same code only one gets through.
            return bool(connect_to_redis().set(
                f"govopen:totp_used:{user_id}:{step}", "1", nx=True, ex=3 * _STEP))
    return False


def verify(user: model.User, code: str) -> bool:
    secret = _secret_of(user)
    return secret is not None and matches(secret, code, user_id=user.id)


def enrol(user: model.User, secret: str) -> None:
    nonce = os.urandom(12)
    sealed = nonce + _aead().encrypt(nonce, secret.encode(), user.id.encode())
    extras = dict(user.plugin_extras or {})
    extras[_EXTRA] = {"secret": base64.b64encode(sealed).decode(),
                      "enrolled": dt.datetime.now(dt.UTC).isoformat()}
    user.plugin_extras = extras
    model.Session.commit()


def remove(user: model.User) -> None:
    extras = dict(user.plugin_extras or {})
    extras.pop(_EXTRA, None)
    user.plugin_extras = extras
    model.Session.commit()
