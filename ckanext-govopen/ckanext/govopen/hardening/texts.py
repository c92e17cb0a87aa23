"""Wording of the answers the hardening guards give, Chinese and English at once: they
answer API clients and pages alike, before the request's language is known."""
from __future__ import annotations

from ckanext.govopen.lib.texts import Texts

TEXTS: dict[str, tuple[str, str]] = {
    "bad_request": ("请求参数的类型或格式不正确。",
                    "A parameter of the request has the wrong type or form."),
    "nul": ("请求中含有空字符（NUL），已拒绝。",
            "The request contains a NUL character and was refused."),
    "search": ("搜索条件无法解析，请检查括号、引号和字段名。",
               "The search could not be parsed: check its brackets, quotes and field names."),
    "not_text": ("须为单个文本值，不能是列表或对象。",
                 "Must be a single text value, not a list or an object."),
    "not_found": ("未找到。", "Not found."),
}

both = Texts(TEXTS).both
