"""User-visible wording of the access capability, Chinese and English side by side, so API
errors carry both languages at once (as publishing/texts.py does)."""
from __future__ import annotations

from typing import Any

TEXTS: dict[str, tuple[str, str]] = {
    "state.submitted": ("已提交，待审核", "Submitted, awaiting review"),
    "state.returned": ("已退回补充材料", "Returned for more information"),
    "state.resubmitted": ("已补充，待审核", "Resubmitted, awaiting review"),
    "state.approved": ("已批准", "Approved"),
    "state.rejected": ("未批准", "Rejected"),
    "state.withdrawn": ("已撤回", "Withdrawn"),
    "state.revoked": ("授权已撤销", "Grant revoked"),
    "state.expired": ("授权已到期", "Grant expired"),
    "err.not_found": ("找不到该申请", "Application not found"),
    "err.dataset": ("找不到该数据集", "Dataset not found"),
    "err.not_conditional": ("该数据集不是有条件开放数据，无需申请",
                            "This dataset is not conditionally open; no application is needed"),
    "err.duplicate": ("您对该数据集已有一份未办结的申请", "You already have an open application for this dataset"),
    "err.state": ("申请当前状态为“{state_zh}”，不能执行此操作",
                  "The application is {state_en}; this step is not possible now"),
    "err.reason": ("请填写理由", "A reason is required"),
    "err.report": ("请填写数据的利用情况", "Please describe how the data was used"),
    "err.commitment": ("必须接受安全承诺书才能提交申请", "The security commitment must be accepted"),
    "err.uscc": ("统一社会信用代码无效（应为18位，校验位正确）",
                 "Invalid unified social credit code (18 characters with a valid check character)"),
    "err.uscc_required": ("法人申请须填写统一社会信用代码",
                          "A legal entity must give its unified social credit code"),
    "err.org_required": ("法人申请须填写单位名称", "A legal entity must give its organization's name"),
    "err.end_past": ("使用期限须晚于今天", "The end of the period must be after today"),
    "err.end_max": ("使用期限最长 {days} 天（至 {last}）",
                    "The period may be at most {days} days (until {last})"),
    "err.grant_end": ("授权期限须在今天到申请的期限（{last}）之间",
                      "The grant must end between today and the end applied for ({last})"),
    "err.resource": ("资源不属于该数据集：{ids}", "Resources not in this dataset: {ids}"),
    "err.no_resources": ("该数据集没有可申请的资源", "This dataset has no resources to apply for"),
    "err.nul": ("含有不允许的控制字符（U+0000）", "Contains a character that is not allowed (U+0000)"),
    "err.date": ("日期格式应为 YYYY-MM-DD", "Dates are written YYYY-MM-DD"),
    "err.workdays": ("工作日数应为 1 到 60 之间的整数", "Working days must be a whole number from 1 to 60"),
    "warn.guessed_years": ("工作日历尚不知道 {years} 年的法定节假日和调休，暂按周末计算；请系统管理员补录。",
                           ("The calendar does not know the holidays of {years} yet and counts "
                           "weekends only; a sysadmin should enter them.")),
    "mail.subject": ("【待审申请】{count} 份数据申请已超过或临近办理期限",
                     "[Applications] {count} application(s) overdue or due soon"),
}


def zh(key: str, **kw: Any) -> str:
    return TEXTS[key][0].format(**kw)


def en(key: str, **kw: Any) -> str:
    return TEXTS[key][1].format(**kw)


def both(key: str, **kw: Any) -> str:
    """One message in both languages, for API errors."""
    return f"{zh(key, **kw)} / {en(key, **kw)}"


def pair(key: str, **kw: Any) -> dict[str, str]:
    return {"zh_Hans_CN": zh(key, **kw), "en": en(key, **kw)}
