"""Messages of the usage capability, Chinese and English."""
from __future__ import annotations

from ckanext.govopen.lib.texts import Texts

TEXTS = Texts({
    "err.no_org": ("未找到该机构", "Organization not found"),
    "err.ids": ("须为数据集标识的列表（至多 100000 个）", "Must be a list of dataset ids (at most 100,000)"),
    "err.number": ("须为 1 到 {most} 之间的整数", "Must be a whole number from 1 to {most}"),
})


def both(key: str, **params: object) -> str:
    return TEXTS.both(key, **params)
