"""Wording of the audit log's API answers, Chinese and English side by side."""
from __future__ import annotations

from ckanext.govopen.lib.texts import Texts

TEXTS: dict[str, tuple[str, str]] = {
    "audit.package_required": (
        "请用 package_id 指明数据集；只有系统管理员可以查看全部操作记录。",
        "Name the dataset with package_id; only sysadmins may read the whole audit log.",
    ),
}

_TEXTS = Texts(TEXTS)
zh, en, both, pair, in_lang = _TEXTS.zh, _TEXTS.en, _TEXTS.both, _TEXTS.pair, _TEXTS.in_lang
