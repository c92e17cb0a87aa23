"""An organization's desensitization policy override: validated when the organization is
saved, merged into the shipped policy by the worker's job, named in every report."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
import yaml
from ckan import model
from ckan.tests.helpers import call_action
from ckanext.govopen.desensitize import load_policy
from ckanext.govopen.masking import jobs
from ckanext.govopen.masking import policy as org_policy

from .conftest import PEOPLE_CSV, RAW_MARKERS

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")

OVERRIDE = "# 本厅的手机号一律整体去除\nrules:\n  phone: {rule: remove}\n"


def _set_override(agency, text: str) -> None:  # type: ignore[no-untyped-def]
    agency.act(agency.reviewer, "organization_patch", id=agency.org["id"],
                      desensitize_policy=text)


@pytest.mark.parametrize(("text", "zh", "en"), [
    ("rules: [unclosed", "不是有效的 YAML", "not valid YAML"),
    ("- a list", "YAML 映射", "YAML mapping"),
    ("rulez:\n  phone: {rule: remove}", "rulez", 'there is no setting "rulez"'),
    ("rules:\n  phone: {rule: remove, keep: 3}", "rules.phone.keep", "rules.phone.keep"),
    ("rules:\n  id_card: {rule: mask, keep_prefix: 10}", "脱敏策略无效", "at most 6 leading"),
    ("rules:\n  phone: {rule: shred}", "脱敏策略无效", "must be one of"),
    ("version: mine", "版本号", "version"),
])
def test_an_invalid_override_is_refused_on_save_in_both_languages(
        agency, text: str, zh: str, en: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(tk.ValidationError) as refused:
        _set_override(agency, text)
    message = " ".join(refused.value.error_dict["desensitize_policy"])
    assert zh in message and en in message, message
    assert not call_action("organization_show", id=agency.org["id"]).get("desensitize_policy")


def test_the_worker_masks_by_the_merged_policy_and_the_report_names_it(
        app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    _set_override(agency, OVERRIDE)
    saved = call_action("organization_show", id=agency.org["id"])
    assert saved["desensitize_policy"] == OVERRIDE.strip()
    about = app.get(f"/organization/about/{agency.org['name']}").text
    assert "phone: {rule: remove}" in about

    dataset = agency.draft()
    res = agency.upload(dataset, PEOPLE_CSV)
    run_worker()

    shown = agency.act(agency.editor, "govopen_desensitize_report_show", resource_id=res["id"])
    assert shown["status"] == "passed", shown
    base = load_policy().version
    label = org_policy.digest(yaml.safe_load(OVERRIDE))
    expected = f"{base}+{agency.org['name']}.{label}"
    assert shown["policy_version"] == expected
    report = shown["report"]
    assert report["policy_version"] == expected
    assert report["policy_digest"] == shown["policy_digest"] != load_policy().digest
    assert report["policy_override"] == {
        "organization": agency.org["name"], "base_version": base, "override_digest": label,
        "override": {"rules": {"phone": {"rule": "remove"}}}}
    rules = {c["header"]: c["rule"] for c in report["tables"][0]["columns"]}
    assert rules["手机号"] == "remove" and rules["身份证号"] == "mask"

    body = app.get(f"/dataset/{dataset['id']}/resource/{res['id']}/download/p.csv",
                   headers=agency.headers(agency.editor)).text
    assert "138****8000" not in body and not any(m in body for m in RAW_MARKERS)
    assert body.splitlines()[1].split(",")[2] == load_policy().full_mask
    assert "张*" in body, "the rules the override leaves alone still apply"

    flow = agency.act(agency.editor, "govopen_dataset_workflow_show", id=dataset["id"])
    assert flow["resources"][0]["policy_version"] == expected


def test_changing_an_override_is_audited(agency) -> None:  # type: ignore[no-untyped-def]
    from ckan.tests import factories

    _set_override(agency, OVERRIDE)
    _set_override(agency, OVERRIDE)  # unchanged: no entry
    _set_override(agency, "")
    admin = factories.Sysadmin()
    entries = [e for e in call_action("govopen_audit_list", {"user": admin["name"]})["results"]
               if e["action"] == "policy_override_changed"]
    label = org_policy.digest(yaml.safe_load(OVERRIDE))
    assert [(e["actor"], e["detail"]["before"], e["detail"]["after"])
            for e in reversed(entries)] == [(agency.reviewer["name"], None, label),
                                            (agency.reviewer["name"], label, None)]
    assert entries[-1]["detail"]["override"] == OVERRIDE.strip()
    assert entries[0]["detail"]["organization"] == agency.org["name"]


def test_files_of_other_organizations_keep_the_shipped_policy(agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    from .conftest import Agency

    _set_override(agency, OVERRIDE)
    other = Agency()
    res = other.upload(other.draft(), PEOPLE_CSV)
    run_worker()
    shown = other.act(other.editor, "govopen_desensitize_report_show", resource_id=res["id"])
    assert shown["policy_version"] == load_policy().version
    assert shown["report"]["policy_override"] is None


def test_changing_the_override_makes_files_outdated_for_the_cli(agency, cli) -> None:  # type: ignore[no-untyped-def]
    from ckan.cli.cli import ckan

    res = agency.upload(agency.draft(), PEOPLE_CSV)
    first = cli.invoke(ckan, ["govopen", "desensitize", "--all", "--outdated"])
    assert first.exit_code == 0 and f"[1/1] {res['id']} passed" in first.output, first.output
    again = cli.invoke(ckan, ["govopen", "desensitize", "--all", "--outdated"])
    assert "0 file(s)" in again.output, again.output

    _set_override(agency, OVERRIDE)
    rerun = cli.invoke(ckan, ["govopen", "desensitize", "--all", "--outdated"])
    assert f"[1/1] {res['id']} passed" in rerun.output, rerun.output
    model.Session.expire_all()
    shown = agency.act(agency.editor, "govopen_desensitize_report_show", resource_id=res["id"])
    assert shown["policy_version"].endswith(f"+{agency.org['name']}." +
                                            org_policy.digest(yaml.safe_load(OVERRIDE)))


def test_a_stored_override_the_engine_no_longer_accepts_fails_the_job_closed(agency) -> None:  # type: ignore[no-untyped-def]
    res = agency.upload(agency.draft(), PEOPLE_CSV)
    group = model.Group.get(agency.org["id"])
    group.extras[org_policy.FIELD] = "rules:\n  id_card: {rule: mask, keep_prefix: 12}\n"
    model.Session.commit()

    assert jobs.desensitize_resource(res["id"]) == "failed"
    shown = agency.act(agency.editor, "govopen_desensitize_report_show", resource_id=res["id"])
    assert shown["code"] == "policy_invalid"
    assert "脱敏策略无效" in shown["reason"]["zh_Hans_CN"]
    assert "at most 6 leading" in shown["reason"]["en"]
