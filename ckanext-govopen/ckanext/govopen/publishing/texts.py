"""User-visible wording of the publishing module, Chinese and English side by side.

Kept here rather than in the .po so that API messages carry both languages at once
(reviewers and agencies read Chinese; the API is also used in English).
"""
from __future__ import annotations

from ckanext.govopen.lib.texts import Texts

TEXTS: dict[str, tuple[str, str]] = {
    # desensitization status
    "status.pending": ("等待脱敏", "Waiting for desensitization"),
    "status.running": ("正在脱敏", "Desensitization running"),
    "status.passed": ("已脱敏", "Desensitized"),
    "status.failed": ("脱敏失败", "Desensitization failed"),
    "status.none": ("未上传文件（链接）", "No uploaded file (link)"),
    # a reviewer's decision on one file
    "file_review.approved": ("审核通过", "Approved"),
    "file_review.returned": ("审核退回", "Returned by the reviewer"),
    "file_review.awaiting": ("等待保密审查", "Awaiting confidentiality review"),
    "file_review.not_passed": (
        "文件尚未通过脱敏（{status}），不能批准。",
        "The file has not passed desensitization ({status}) and cannot be approved.",
    ),
    # workflow states
    "state.draft": ("草稿", "Draft"),
    "state.submitted": ("待审核", "Submitted for review"),
    "state.approved": ("审核通过，待发布", "Approved, not yet published"),
    "state.returned": ("已退回", "Returned"),
    "state.published": ("已发布", "Published"),
    # refusals
    "download.pending": (
        "该文件尚未完成脱敏，暂不能下载（状态：{status}）。",
        "This file has not been desensitized yet and cannot be downloaded (status: {status}).",
    ),
    "download.failed": (
        "该文件脱敏失败，不予发布：{reason}",
        "Desensitization of this file failed, so it is not published: {reason}",
    ),
    "download.review": (
        "该文件是发布后新增或更换的，正在等待保密审查，审核通过前不能下载。",
        ("This file was added or replaced after publication and awaits confidentiality "
         "review; it cannot be downloaded until a reviewer approves it."),
    ),
    "download.returned": (
        "该文件未通过保密审查，不予发布：{reason}",
        "This file did not pass confidentiality review and is not published: {reason}",
    ),
    "publish.editor": (
        ("数据集不能由编辑直接公开：请提交审核（govopen_dataset_submit），由审核人批准后发布"
         "（govopen_dataset_publish）。"),
        ("A dataset cannot be made public directly: submit it for review "
         "(govopen_dataset_submit); a reviewer approves and publishes it "
         "(govopen_dataset_publish)."),
    ),
    "gate.resource": (
        "资源“{name}”尚未通过脱敏（{status}）",
        'Resource "{name}" has not passed desensitization ({status})',
    ),
    "gate.review": (
        "资源“{name}”的当前文件尚未经审核人批准，请重新提交审核",
        ('The current file of resource "{name}" has not been approved by a reviewer; '
        "submit the dataset for review again"),
    ),
    "gate.state": (
        "数据集当前状态为“{state_zh}”，此操作需要“{need_zh}”。",
        'The dataset is "{state_en}"; this step needs "{need_en}".',
    ),
    # organization policy overrides
    # page labels
    "panel.title": ("发布状态", "Publication status"),
    "panel.reason": ("退回理由：", "Reason for return: "),
    "panel.submit": ("提交审核", "Submit for review"),
    "panel.review": ("保密审查", "Confidentiality review"),
    "panel.report": ("脱敏报告", "Desensitization report"),
    "panel.publish": ("发布", "Publish"),
    "review.title": ("保密审查", "Confidentiality review"),
    "review.files": ("文件与脱敏报告", "Files and desensitization reports"),
    "review.policy": ("脱敏策略版本", "Policy version"),
    "review.rows": ("行", "rows"),
    "review.verification": ("校验通过：", "Verification passed:"),
    "review.quarantined": ("隔离行", "quarantined rows"),
    "review.column": ("列", "Column"),
    "review.type": ("识别类型", "Detected type"),
    "review.rule": ("脱敏规则", "Rule"),
    "review.changed": ("已处理/总数", "Changed / cells"),
    "review.catalog": ("目录信息", "Catalog fields"),
    "review.decide": ("审查结论", "Decision"),
    "review.reason": ("意见（退回时必填）", "Remarks (required to return)"),
    "review.approve": ("批准", "Approve"),
    "review.return": ("退回", "Return"),
    "review.audit": ("操作记录", "Audit trail"),
    # what an audit trail entry records (lib/audit.py), by its action name
    "audit.upload": ("上传文件", "File uploaded"),
    "audit.files_removed": ("删除文件", "Files removed"),
    "audit.desensitize_queued": ("排队脱敏", "Desensitization queued"),
    "audit.desensitize_passed": ("脱敏完成", "Desensitized"),
    "audit.desensitize_failed": ("脱敏失败", "Desensitization failed"),
    "audit.submit": ("提交审核", "Submitted for review"),
    "audit.approve": ("批准", "Approved"),
    "audit.return": ("退回", "Returned"),
    "audit.publish": ("发布", "Published"),
    "audit.resource_approve": ("批准文件变更", "File change approved"),
    "audit.resource_return": ("退回文件变更", "File change returned"),
    "audit.owner_change": ("更换发布机构", "Publishing organization changed"),
    "audit.purge": ("彻底删除", "Purged"),
    "audit.catalog_review.confirm": ("目录年度审核确认", "Annual catalog review confirmed"),
    "audit.feedback.report_submit": ("收到纠错", "Error report received"),
    "audit.feedback.report_accepted": ("受理纠错", "Error report accepted"),
    "audit.feedback.report_corrected": ("已更正", "Corrected"),
    "audit.feedback.report_rejected": ("不予更正", "Correction refused"),
    "audit.feedback.report_answered": ("已答复", "Answered"),
    "review.reason_required": ("退回时必须填写理由。", "A reason is required to return a dataset."),
    # issue 14: how the file was read, so a reviewer can spot a misreading
    "review.reading": ("文件读取方式：", "How the file was read:"),
    "review.outside": ("表格外的标题与注释（未发布）：", "Titles and notes outside the table (not published):"),
    # the download gate (gate.download_refusal)
    "download.returned_public": (
        "该文件未通过保密审查，暂不提供下载。",
        "This file did not pass confidentiality review and is not available.",
    ),
    "download.not_found": ("找不到该资源。", "Resource not found."),
    "download.not_allowed": ("您无权访问该数据集。", "You are not allowed to see this dataset."),
    "download.no_file": ("该资源没有可下载的文件。", "This resource has no file to download."),
    "download.conditional": (
        ("该数据集为“有条件开放”数据：其文件只提供给经数据提供机构（{org}）审核批准申请的用户。"
         "请登录后提交申请，说明用途和使用范围：{apply_url}。咨询请联系{org}{contact}。"
         "开放条件：{condition}"),
        ("This dataset is open on conditions: its files are given only to users whose "
         "application the providing organization ({org}) approved. Log in and apply, stating "
         "the purpose and scope of use: {apply_url}. Questions: {org}{contact}. "
         "Conditions: {condition}"),
    ),
    "download.not_open": (
        "该数据集为“不予开放”数据，其文件不向社会提供，只供数据提供机构（{org}）内部使用。理由：{reason}",
        ("This dataset is not open: its files are not available to the public, only to "
         "the providing organization ({org}). Reason: {reason}"),
    ),
    "write.owner": (
        "已公开的数据集或数据产品不能直接改变所属机构或类型：这会让它未经审核就以另一机构的名义公开。已拒绝，未保存任何内容。",
        ("The owner or type of a public dataset or product cannot be changed directly: it "
         "would appear as another organization's without review. Refused; nothing was saved."),
    ),
    "review.owner_changed": (
        "数据集已移至另一机构，需由新机构的审核人重新审核。",
        "The dataset moved to another organization; its reviewer must review it again.",
    ),
}


_TEXTS = Texts(TEXTS)
zh, en, both, pair, in_lang = _TEXTS.zh, _TEXTS.en, _TEXTS.both, _TEXTS.pair, _TEXTS.in_lang
