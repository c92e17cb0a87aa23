"""Demo applications for conditional datasets, one in every state, so that 我的申请 and
待审申请 show something on first start. Loaded through the action API, dated relative to
the load day; skipped when any application exists already."""
from __future__ import annotations

import datetime as dt
from typing import Any

from seed.load import Loader, LoadError

CONDITIONAL = ("conditional", "有条件开放")
# (applicant, kind of applicant, the steps after applying)
STORIES: tuple[tuple[str, str, tuple[tuple[str, dict[str, Any]], ...]], ...] = (
    ("demo-applicant-wang", "person", ()),
    ("demo-applicant-li", "entity", (("return", {"reason": "请补充课题立项文件编号"}),)),
    ("demo-applicant-zhao", "person", (("return", {"reason": "请说明使用范围中的人员"}),
                                       ("resubmit", {"note": "已补充参与人员名单"}))),
    ("demo-applicant-chen", "entity", (("approve", {}),)),
    ("demo-applicant-liu", "person", (("reject", {"reason": "用途与开放条件不符"}),)),
    ("demo-applicant-sun", "person", (("withdraw", {}),)),
    ("demo-applicant-zhou", "entity", (("approve", {}),
                                       ("revoke", {"reason": "发现数据被用于申请范围以外"}))),
)
REVIEWER_STEPS = {"return", "approve", "reject", "revoke"}
DEMO_USCC = "91140100MA0K000008"


def _credit_code() -> str:
    from stdnum.cn import uscc

    return DEMO_USCC[:17] + uscc.calc_check_digit(DEMO_USCC[:17])


def _user(loader: Loader, name: str) -> None:
    try:
        loader.tk.get_action("user_show")({"user": loader.user}, {"id": name})
    except loader.tk.ObjectNotFound:
        loader.call("user_create", {"name": name, "email": f"{name}@example.com",
                                    "password": f"{name}-Demo-2026", "fullname": name})


def load_applications(loader: Loader, dataset_names: list[str]) -> int:
    """Apply as demo users for the first conditional datasets; returns how many were made."""
    if not dataset_names:
        return 0
    if loader.call("govopen_access_list", {"limit": 1})["count"]:
        return 0
    made = 0
    end = (dt.date.today() + dt.timedelta(days=180)).isoformat()
    for n, (name, kind, steps) in enumerate(STORIES):
        _user(loader, name)
        form = {"package_id": dataset_names[n % len(dataset_names)], "applicant_type": kind,
                "applicant_name": name.split("-")[-1].title(), "contact": f"{name}@example.com",
                "purpose": "城市治理研究：分析公共服务覆盖情况", "scope": "课题组内部使用，不对外提供",
                "end_date": end, "accept_commitment": True}
        if kind == "entity":
            form.update(applicant_org="山西省城市发展研究院", credit_code=_credit_code())
        try:
            app = loader.call("govopen_access_apply", form, user=name)
            for step, data in steps:
                who = loader.user if step in REVIEWER_STEPS else name
                loader.call(f"govopen_access_{step}", {"id": app["id"], **data}, user=who)
        except LoadError as err:  # demo extras: the portal still starts without them
            loader.out(f"  application {name} skipped: {err}")
            continue
        made += 1
        loader.out(f"  application {name} → {steps[-1][0] if steps else 'submitted'}")
    return made


def conditional_names(datasets: Any) -> list[str]:
    return [d.name for d in datasets if d.catalog.open_type in CONDITIONAL]
