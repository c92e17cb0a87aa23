"""Wording of the operations answers: shown to visitors of either language at once (the
503 pages answer before anything else about the request is known)."""
from __future__ import annotations

from ckanext.govopen.lib.texts import Texts

TEXTS: dict[str, tuple[str, str]] = {
    "search_down": (
        "搜索服务暂时不可用，请稍后再试。数据集页面、文件下载和登录不受影响。",
        ("Search is temporarily unavailable; please try again in a moment. Dataset pages, "
         "downloads and login still work.")),
    "search_down_title": ("搜索服务暂时不可用", "Search temporarily unavailable"),
    "queue_down": (
        ("任务队列暂时不可用。如果您刚上传了文件，文件已保存，队列恢复后将自动进行脱敏处理，"
         "请稍后查看该资源的处理状态。"),
        ("The job queue is temporarily unavailable. If you just uploaded a file, it is "
         "stored and will be desensitized automatically once the queue is back; check the "
         "resource's status later.")),
    "queue_down_title": ("任务队列暂时不可用", "Job queue temporarily unavailable"),
    "db_down": ("数据库暂时不可用，请稍后再试。",
                "The database is temporarily unavailable; please try again in a moment."),
    "db_down_title": ("服务暂时不可用", "Service temporarily unavailable"),
}

TABLE = Texts(TEXTS)
both = TABLE.both
