"""The ``govopen:desensitize`` job: decrypt the raw upload, desensitize it, publish the copy.

Runs on CKAN's RQ worker (``ckan jobs worker govopen:desensitize``), or inline for the CLI
and the demo loader. Whatever goes wrong, the public copy is absent and the status says why.
"""
from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.govopen import config
from ckanext.govopen.desensitize import (
    DesensitizeError,
    VerificationError,
    desensitize_file,
)
from ckanext.govopen.lib import audit, crypto
from ckanext.govopen.masking import policy as org_policy
from ckanext.govopen.masking import texts
from ckanext.govopen.storage import files as storage
from ckanext.govopen.storage import records
from ckanext.govopen.storage.model import FAILED, PASSED, PENDING, RUNNING

log = logging.getLogger(__name__)

QUEUE = "govopen:desensitize"
_FORMATS = {"csv": "csv", "xlsx": "xlsx", "json": "json"}


def enqueue(resource_id: str, *, force: bool = False) -> None:
    tk.enqueue_job(desensitize_resource, [resource_id], {"force": force},
                   title=f"govopen desensitize {resource_id}", queue=QUEUE,
                   rq_kwargs={"timeout": config.desensitize_timeout()})


def _fmt(resource: model.Resource, filename: str) -> str | None:
    for candidate in ((resource.format or "").lower(), Path(filename).suffix.lstrip(".").lower()):
        if candidate in _FORMATS:
            return _FORMATS[candidate]
    return None  # the engine looks at the content, and refuses what it cannot read


def _wait_for(resource_id: str, seconds: float = 10) -> records.DesensitizeStatus | None:
    """The row is committed with the upload's action, which may finish after we start."""
    deadline = time.monotonic() + seconds
    while True:
        row = records.get(resource_id)
        if row is not None or time.monotonic() > deadline:
            return row
        model.Session.rollback()
        time.sleep(0.2)


def desensitize_resource(resource_id: str, force: bool = False) -> str:
    """Desensitize one uploaded resource; returns the resulting status.

    Skips (returns ``passed``) when the same upload already passed under the same policy,
    unless ``force``.
    """
    row = _wait_for(resource_id)
    resource = model.Session.get(model.Resource, resource_id)
    if row is None or resource is None or resource.state == "deleted":
        log.info("desensitize %s: no such uploaded resource, nothing to do", resource_id)
        return "missing"
    package_id = row.package_id or resource.package_id
    package = model.Package.get(package_id)
    try:
        policy, override = org_policy.for_organization(package.owner_org if package else None)
    except org_policy.OverrideError as e:
        # A stored override the engine no longer accepts: fail closed, say why.
        _unpublish(resource_id)
        records.set_status(resource_id, FAILED, code="policy_invalid", reason=(e.zh, e.en))
        audit.record(audit.SYSTEM, "desensitize_failed", package_id=package_id,
                     resource_id=resource_id, code="policy_invalid")
        model.Session.commit()
        return FAILED
    if (not force and row.status == PASSED and row.policy_digest == policy.digest
            and storage.public_path(resource_id).exists()):
        return PASSED
    records.set_status(resource_id, RUNNING)
    started = time.monotonic()
    outcome, detail = _run(resource_id, resource, row.filename or resource.url or "", policy,
                           override)
    audit.record(audit.SYSTEM, f"desensitize_{outcome}", package_id=package_id,
                 resource_id=resource_id, policy_version=policy.version,
                 seconds=round(time.monotonic() - started, 3), **detail)
    model.Session.commit()
    return outcome


def _run(resource_id: str, resource: model.Resource, filename: str, policy: Any,
         override: dict[str, Any] | None) -> tuple[str, dict[str, Any]]:
    public = storage.public_path(resource_id)
    policy_pair = (policy.version, policy.digest)
    with tempfile.TemporaryDirectory(prefix="govopen-desensitize-") as tmp:
        suffix = Path(filename).suffix.lower()[:10]
        src = Path(tmp) / f"raw{suffix}"
        dst = Path(tmp) / f"public{suffix}"
        try:
            with open(src, "wb") as out:
                storage.decrypt_to(resource_id, out)
            secret = crypto.derive(storage.key(), "govopen-pseudonym")
            report = desensitize_file(src, dst, fmt=_fmt(resource, filename), policy=policy,
                                      secret=secret)
        except DesensitizeError as e:
            _unpublish(resource_id)
            report_dict = e.report.to_dict() if isinstance(e, VerificationError) and e.report else None
            if report_dict is not None:
                report_dict["policy_override"] = override
            records.set_status(resource_id, FAILED, code=e.code,
                              reason=(e.message_zh, e.message_en), report=report_dict,
                              policy=policy_pair)
            return FAILED, {"code": e.code, "row": e.row}
        except FileNotFoundError:
            _unpublish(resource_id)
            records.set_status(resource_id, FAILED, code="raw_missing",
                              reason=(texts.zh("job.raw_missing"), texts.en("job.raw_missing")),
                              policy=policy_pair)
            return FAILED, {"code": "raw_missing"}
        except (crypto.CryptoError, tk.ValidationError, OSError) as e:
            _unpublish(resource_id)
            detail = type(e).__name__
            records.set_status(resource_id, FAILED, code="internal",
                              reason=(texts.zh("job.internal", detail=detail),
                                      texts.en("job.internal", detail=detail)),
                              policy=policy_pair)
            log.exception("desensitize %s failed", resource_id)
            return FAILED, {"code": "internal", "error": detail}
        except BaseException:
            # Unexpected (or the job timed out): never leave it "running" or published.
            _unpublish(resource_id)
            model.Session.rollback()
            records.set_status(resource_id, FAILED, code="internal",
                              reason=(texts.zh("job.internal", detail="unexpected"),
                                      texts.en("job.internal", detail="unexpected")),
                              policy=policy_pair)
            raise
        public.parent.mkdir(parents=True, exist_ok=True)
        report_dict = report.to_dict()
        report_dict["policy_override"] = override
        os.replace(dst, public)
        _write_report(resource_id, report_dict)
    records.set_status(resource_id, PASSED, report=report_dict, policy=policy_pair)
    return PASSED, {"rows": report_dict.get("rows"), "bytes_in": report_dict.get("bytes_in")}


def _unpublish(resource_id: str) -> None:
    storage.public_path(resource_id).unlink(missing_ok=True)


def _write_report(resource_id: str, report: dict[str, Any]) -> None:
    path = storage.report_path(resource_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + "~")
    tmp.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def run_inline_or_enqueue(resource_ids: list[str], *, inline: bool) -> None:
    for resource_id in resource_ids:
        if inline:
            desensitize_resource(resource_id)
        else:
            enqueue(resource_id)


__all__ = ["PENDING", "QUEUE", "desensitize_resource", "enqueue"]
