"""Messages of the usage capability, Chinese and English."""
from __future__ import annotations

from ckanext.govopen.lib.texts import Texts

TEXTS = Texts({
    "err.no_org": ("未找到该机构", "Organization not found"),
    "err.number": ("须为 1 到 {most} 之间的整数", "Must be a whole number from 1 to {most}"),
})


def both(key: str, **params: object) -> str:
    return TEXTS.both(key, **params)
