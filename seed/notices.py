"""Demo notices (通知公告) for the home page, in Chinese and English, loaded through the
action API after the catalog; skipped when any notice exists already."""
from __future__ import annotations

from typing import Any

# (title, body, title_en, body_en), oldest first: the home page lists the newest first.
NOTICES: tuple[tuple[str, str, str, str], ...] = (
    (
        "山西省公共数据开放平台试运行公告",
        ("平台即日起试运行。无条件开放数据无需注册即可下载，均已脱敏，可机读、免费使用；"
        "有条件开放数据需登录后提交申请，经数据提供单位审核通过后获取。\n\n"
        "试运行期间如发现数据错误，请在数据集页面点击“纠错”，我们将在5个工作日内答复。"),
        "Trial operation of the Shanxi public data portal",
        ("The portal is open for trial use from today. Unconditionally open data can be "
        "downloaded without an account; it is desensitized, machine-readable and free. "
        "Conditionally open data is given after a reviewed application.\n\n"
        "If you find an error in the data, use “Report an error” on the dataset page: we "
        "answer within 5 working days."),
    ),
    (
        "有条件开放数据申请指南",
        ("申请有条件开放数据，请登录后在数据集页面点击“申请使用”，填写用途、使用范围和截止日期，"
        "并承诺按约定使用。数据提供单位在10个工作日内审核；通过后可在“我的申请”中下载，"
        "到期后自动失效。"),
        "How to apply for conditionally open data",
        ("Sign in, choose “Apply” on the dataset page and state the purpose, the scope of "
        "use and an end date, and accept the terms of use. The providing agency decides "
        "within 10 working days; once approved, the files are under “My applications” "
        "until the end date."),
    ),
    (
        "关于开展年度开放目录审核工作的通知",
        ("请各数据提供单位于每年10月对本单位开放目录逐项审核：更新周期、开放属性、数据项及"
        "联系方式是否准确，并在“目录年度审核”页面确认。"),
        "Annual review of the open data catalog",
        ("Every October each providing agency reviews its catalog entries (update cycle, "
        "open attributes, data items, contact) and confirms them on the annual catalog "
        "review page."),
    ),
)


def load_notices(loader: Any) -> int:
    """Publish the demo notices through `loader` (seed.load.Loader); how many were made."""
    if loader.call("govopen_notice_list", {"limit": 1})["count"]:
        return 0
    for title, body, title_en, body_en in NOTICES:
        loader.call("govopen_notice_create", {"title": title, "body": body,
                                              "title_en": title_en, "body_en": body_en})
        loader.stats.count("notice", True)
        loader.out(f"  notice · {title}")
    return len(NOTICES)
