"""Typed errors of the desensitization engine and every user-facing message.

All message templates live in ``MESSAGES`` as (Chinese, English) pairs so the CKAN layer
can wrap them in its translation machinery in one place. Errors carry a machine-readable
``code``, the template parameters and, where known, the 1-based row number (the header
row is row 1, as a spreadsheet shows it).
"""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, tuple[str, str]] = {
    "unknown_encoding": (
        "无法识别文件编码（支持 UTF-8、带 BOM 的 UTF-8 与 GB18030/GBK）：{detail}",
        "Unknown file encoding (UTF-8, UTF-8 with BOM and GB18030/GBK are supported): {detail}",
    ),
    "invalid_bytes": (
        "第 {row} 行附近有不符合 {encoding} 编码的字节（字节偏移 {offset}）",
        "Bytes that are not valid {encoding} near row {row} (byte offset {offset})",
    ),
    "ragged_row": (
        "第 {row} 行有 {actual} 个字段，而表头有 {expected} 个。请检查该行是否有未加引号的分隔符或缺少的字段",
        (
            "Row {row} has {actual} fields but the header has {expected}. Check that row for "
            "an unquoted delimiter or a missing field"
        ),
    ),
    "unclosed_quote": (
        "第 {row} 行开始的引号没有闭合",
        "A quoted field starting in row {row} is never closed",
    ),
    "bad_csv": (
        "第 {row} 行不是有效的 CSV：{detail}",
        "Row {row} is not valid CSV: {detail}",
    ),
    "no_header": ("文件为空或缺少表头行", "The file is empty or has no header row"),
    "bad_json": ("不是有效的 JSON：{detail}", "Not valid JSON: {detail}"),
    "json_not_table": (
        "JSON 必须是对象数组：第 {row} 项不是对象",
        "JSON must be an array of objects: item {row} is not an object",
    ),
    "ambiguous_delimiter": (
        (
            "无法确定分隔符：从第 {row} 行起按{detail}分隔都能读成同样整齐的表格。"
            "请另存为逗号分隔的 CSV（UTF-8）或 XLSX 后重新上传"
        ),
        (
            "Cannot tell the delimiter: from row {row} the file reads as an equally regular "
            "table with {detail}. Save it as comma-separated CSV (UTF-8) or XLSX and upload "
            "it again"
        ),
    ),
    "inconsistent_delimiter": (
        (
            "无法可靠读取表格：按最可能的分隔符（{detail}）表头有 {width} 列，但只有 {share} "
            "行的列数与之相同。请检查是否有多余的标题行、合并单元格或未加引号的分隔符，"
            "另存为标准 CSV 或 XLSX 后重新上传"
        ),
        (
            "Cannot read the table reliably: with the likeliest delimiter ({detail}) the "
            "header has {width} columns but only {share} rows have as many. Check for extra "
            "title lines, merged cells or unquoted delimiters, save as plain CSV or XLSX and "
            "upload it again"
        ),
    ),
    "header_not_found": (
        "表头前有 {lines} 行标题或说明，超过允许的数量，找不到表头。请删除表头上方的内容后重新上传",
        (
            "{lines} title or note lines come before the header, more than allowed, so the "
            "header was not found. Remove the lines above the header and upload it again"
        ),
    ),
    "json_no_records": (
        "JSON 中没有找到记录数组（对象组成的数组）。请上传对象数组、包含一个对象数组的对象或 JSON Lines",
        (
            "No array of records (objects) was found in the JSON. Upload an array of objects, "
            "an object holding one such array, or JSON Lines"
        ),
    ),
    "json_ambiguous_records": (
        "JSON 中有多个记录数组（{detail}），无法确定要发布哪一个。请每个文件只放一个记录数组",
        (
            "The JSON holds several arrays of records ({detail}) and it is not clear which "
            "one is the table. Put one array of records in each file"
        ),
    ),
    "bad_xlsx": ("无法读取 XLSX 文件：{detail}", "Cannot read the XLSX file: {detail}"),
    "zip_bomb": (
        "XLSX 文件解压后过大或压缩比异常，已拒绝处理：{detail}",
        "The XLSX file expands too much or has a suspicious compression ratio: {detail}",
    ),
    "too_large": ("文件过大：{detail}", "The file is too large: {detail}"),
    "unsupported_format": (
        "不支持的文件格式：{detail}",
        "Unsupported file format: {detail}",
    ),
    "policy_invalid": (
        "脱敏策略无效：{detail}",
        "Invalid desensitization policy: {detail}",
    ),
    "secret_required": (
        "策略要求对“{column}”做假名化处理，但没有提供密钥",
        'The policy pseudonymizes "{column}" but no secret key was given',
    ),
    "verification_failed": (
        "脱敏结果校验未通过：输出中仍有 {count} 处可识别的个人信息（{detail}）",
        (
            "Verification of the output failed: {count} identifiable personal data item(s) "
            "remain ({detail})"
        ),
    ),
}


class DesensitizeError(Exception):
    """Base class: a job that raises this produced no output file."""

    code = "desensitize_error"

    def __init__(self, code: str, *, row: int | None = None, **params: Any) -> None:
        self.code = code
        self.row = row
        self.params: dict[str, Any] = dict(params)
        if row is not None:
            self.params.setdefault("row", row)
        super().__init__(self.message_en)

    def _render(self, lang: int) -> str:
        template = MESSAGES.get(self.code, ("{detail}", "{detail}"))[lang]
        try:
            return template.format(**self.params)
        except (KeyError, IndexError):
            return f"{template} {self.params}"

    @property
    def message_zh(self) -> str:
        return self._render(0)

    @property
    def message_en(self) -> str:
        return self._render(1)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "row": self.row,
            "params": {k: v for k, v in self.params.items() if _jsonable(v)},
            "message_zh": self.message_zh,
            "message_en": self.message_en,
        }


def _jsonable(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool, type(None)))


class EncodingError(DesensitizeError):
    """The bytes are neither strict UTF-8 nor strict GB18030."""


class MalformedInputError(DesensitizeError):
    """Ragged rows, unclosed quotes, broken JSON/XLSX structure, missing header."""


class TooLargeError(MalformedInputError):
    """Size limits, including zip bombs in XLSX containers."""


class UnsupportedFormatError(DesensitizeError):
    """Neither CSV, XLSX nor JSON."""


class PolicyError(DesensitizeError):
    """The policy (or an organization override) is invalid or needs a missing secret."""


class VerificationError(DesensitizeError):
    """The independent pass found a validating identifier in the output.

    ``report`` is the full job report (with the findings) so the reviewer sees why.
    """

    def __init__(self, code: str, *, report: Any = None, **params: Any) -> None:
        self.report = report
        super().__init__(code, **params)
