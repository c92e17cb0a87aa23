"""Wording of the desensitize job's failures and the policy override's checks, Chinese and English side by side."""
from __future__ import annotations

from ckanext.govopen.lib.texts import Texts

TEXTS: dict[str, tuple[str, str]] = {
    "job.internal": (
        "脱敏任务出错（{detail}），文件未发布。",
        "The desensitization job failed ({detail}); the file is not published.",
    ),
    "job.raw_missing": (
        "找不到加密存储的原始文件，请重新上传。",
        "The encrypted raw upload is missing; upload the file again.",
    ),
    "policy.invalid": ("脱敏策略覆盖无效：{detail}", "Invalid desensitization policy override: {detail}"),
    "policy.yaml": ("不是有效的 YAML（{detail}）", "not valid YAML ({detail})"),
    "policy.mapping": ("必须是“设置项: 值”形式的 YAML 映射", 'it must be a YAML mapping of "setting: value"'),
    "policy.unknown_key": ("没有名为“{setting}”的设置项", 'there is no setting "{setting}"'),
    "policy.version": ("版本号由平台策略决定，不能覆盖（报告会记录覆盖内容的摘要）",
                       ("the version belongs to the portal's policy and cannot be overridden "
                       "(reports record a digest of the override)")),
    "policy.too_long": ("内容过长（最多 {limit} 个字符）", "it is too long (at most {limit} characters)"),
}

_TEXTS = Texts(TEXTS)
zh, en, both, pair, in_lang = _TEXTS.zh, _TEXTS.en, _TEXTS.both, _TEXTS.pair, _TEXTS.in_lang
