"""Column type from the header text.

Headers are normalized (NFKC, lower case, no spaces/punctuation, no bracketed notes such
as "（18位）", no trailing digits such as "电话2") and looked up exactly first, then by
keyword. Organization words win over person words, so 企业名称 is not a name column and
注册地址 is not a personal address.
"""

from __future__ import annotations

import re
import unicodedata

_EXACT: dict[str, str] = {}
_KEYWORDS: list[tuple[str, str]] = []


def _add(col_type: str, exact: str, keywords: str = "") -> None:
    for word in exact.split():
        _EXACT[word] = col_type
    for word in keywords.split():
        _KEYWORDS.append((word, col_type))


# Organization / public words first: they are checked before the personal keywords.
_add(
    "free_text",
    "企业名称 单位名称 公司名称 机构名称 工作单位 所在单位 单位 公司 企业 机构 company "
    "companyname organization organisation orgname employer 注册地址 单位地址 企业地址 "
    "办公地址 经营地址 经营场所 住所 备注 备注信息 说明 描述 情况说明 摘要 remark remarks note "
    "notes comment comments description memo",
    "企业 单位 公司 机构 组织 法人单位 注册地 经营 办公 项目 备注 说明 描述 company org "
    "remark note comment memo",
)
_add(
    "uscc",
    "统一社会信用代码 社会信用代码 信用代码 统一代码 uscc creditcode unifiedsocialcreditcode "
    "socialcreditcode tyshxydm",
    "信用代码 uscc creditcode",
)
_add(
    "id_card",
    "身份证 身份证号 身份证号码 公民身份号码 身份号码 证件 证件号 证件号码 证照号码 idcard idno "
    "idnumber idcardno citizenid identitycard identityno nationalid sfzh sfzhm zjhm",
    "身份证 身份号码 证件号 idcard idnumber idno citizenid",
)
_add(
    "bank_card",
    "银行卡 银行卡号 银行账号 银行账户 卡号 账号 收款账号 bankcard bankcardno bankaccount "
    "cardno cardnumber accountno accountnumber iban",
    "银行卡 银行账 卡号 账号 bankcard bankaccount cardno accountno",
)
_add(
    "passport",
    "护照 护照号 护照号码 passport passportno passportnumber hzhm",
    "护照 passport",
)
_add(
    "plate",
    "车牌 车牌号 车牌号码 号牌号码 号牌 licenseplate plate plateno platenumber cph",
    "车牌 号牌 plate",
)
_add(
    "email",
    "邮箱 电子邮箱 电子邮件 邮件 email e-mail emailaddress mail dzyx",
    "邮箱 邮件 email mail",
)
_add(
    "phone",
    "手机 手机号 手机号码 联系电话 电话 电话号码 联系方式 移动电话 固定电话 座机 办公电话 "
    "mobile mobileno phone phoneno phonenumber tel telephone cellphone contactphone sjhm lxdh",
    "手机 电话 联系方式 座机 mobile phone tel cell",
)
_add(
    "address",
    "住址 地址 家庭住址 现住址 户籍地址 户籍地 居住地址 居住地 通讯地址 联系地址 详细地址 "
    "address addr homeaddress residence",
    "住址 地址 居住 户籍 address addr",
)
_add(
    "birth_date",
    "出生日期 出生年月 生日 出生年月日 birthday birthdate dateofbirth dob csrq",
    "出生 生日 birth",
)
_add(
    "name",
    "姓名 名字 人员姓名 申请人 申请人姓名 联系人 联系人姓名 法定代表人 法人代表 负责人 户主 "
    "经办人 当事人 患者姓名 学生姓名 name fullname personname realname contactname "
    "applicant contact xm firstname lastname surname givenname",
    "姓名 联系人 申请人 代表人 负责人 经办人 当事人 fullname realname personname",
)

_BRACKETS = re.compile(r"[(（\[【<《].*?[)）\]】>》]")
_PUNCT = re.compile(r"[\s_\-.·:：/\\|,，;；'\"“”‘’]+")
_TRAILING_DIGITS = re.compile(r"[0-9]+$")


def normalize(header: str) -> str:
    text = unicodedata.normalize("NFKC", header or "").lower()
    text = _BRACKETS.sub("", text)
    text = _PUNCT.sub("", text)
    return _TRAILING_DIGITS.sub("", text)


def header_type(header: str) -> str | None:
    """The column type the header names, or None when it says nothing useful."""
    key = normalize(header)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    for word, col_type in _KEYWORDS:
        if word in key:
            return col_type
    return None
