"""Wording of the notices pages and messages, Chinese and English."""
from __future__ import annotations

from ckanext.govopen.lib.texts import Texts

TEXTS = Texts({
    "title": ("通知公告", "Notices"),
    "new": ("发布通知公告", "Publish a notice"),
    "edit": ("编辑", "Edit"),
    "delete": ("删除", "Delete"),
    "save": ("保存", "Save"),
    "field.title": ("标题", "Title"),
    "field.body": ("正文（Markdown）", "Text (Markdown)"),
    "field.title_en": ("英文标题（可选）", "English title (optional)"),
    "field.body_en": ("英文正文（可选）", "English text (optional)"),
    "none": ("暂无通知公告", "No notices yet"),
    "err.required": ("必填", "Required"),
    "err.too_long": ("不能超过 {n} 个字符", "At most {n} characters"),
    "err.number": ("须为 {lo} 到 {hi} 之间的整数", "Must be a whole number from {lo} to {hi}"),
    "err.not_found": ("未找到该通知公告", "Notice not found"),
})
