"""Backup, wipe, restore: the same portal comes back (datasets, files that download and
decrypt, access applications, audit entries), and a portal with another storage key is
refused before anything is touched."""
from __future__ import annotations

import shutil
from pathlib import Path

import ckan.plugins.toolkit as tk
import pytest
from ckan import model
from ckan.cli.cli import ckan as ckan_cli
from ckan.lib.search import clear_all

from tests.access.conftest import Provider
from tests.publishing.conftest import PEOPLE_CSV, RAW_MARKERS

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")

OPEN_CSV = "站点,指数\n太原,42\n".encode()


def _wipe() -> None:
    """What a lost machine leaves: an empty database, no files, no index."""
    model.repo.rebuild_db()
    clear_all()
    storage = Path(tk.config["ckan.storage_path"])
    for child in storage.iterdir():
        if child.name != "webassets":
            shutil.rmtree(child) if child.is_dir() else child.unlink()


def test_backup_wipe_restore_gives_back_the_same_portal(app, agency, run_worker, cli,
                                                         tmp_path) -> None:  # type: ignore[no-untyped-def]
    public = agency.draft(title="太原空气质量")
    res = agency.upload(public, OPEN_CSV, filename="aqi.csv")
    private = agency.draft(title="内部名单")
    raw = agency.upload(private, PEOPLE_CSV)
    run_worker()
    agency.publish(public)
    provider = Provider()
    application = provider.apply()
    audit_before = agency.act(agency.reviewer, "govopen_audit_list",
                              package_id=public["id"])["count"]
    assert audit_before > 0

    dest = tmp_path / "backup"
    made = cli.invoke(ckan_cli, ["govopen", "backup", str(dest)])
    assert made.exit_code == 0, made.output
    assert "NOT in the backup" in made.output
    assert not (dest / "secrets.json").exists()
    assert (dest / "ckan.dump").stat().st_size > 0

    _wipe()
    assert model.Session.query(model.Package).count() == 0

    back = cli.invoke(ckan_cli, ["govopen", "restore", str(dest)])
    assert back.exit_code == 0, back.output
    model.Session.remove()

    shown = app.get(f"/dataset/{public['name']}")
    assert "太原空气质量" in shown.text
    found = app.get("/api/3/action/package_search?q=太原空气质量").json["result"]
    assert public["id"] in [d["id"] for d in found["results"]]
    download = app.get(f"/dataset/{public['id']}/resource/{res['id']}/download")
    assert "太原,42" in download.text
    # the private file is still there, encrypted, and still masked for its editor
    masked = app.get(f"/dataset/{private['id']}/resource/{raw['id']}/download",
                     headers=agency.headers(agency.editor))
    assert "138****8000" in masked.text
    assert not any(marker in masked.text for marker in RAW_MARKERS)
    again = provider.act(provider.applicant, "govopen_access_show", id=application["id"])
    assert again["purpose"] == application["purpose"]
    assert agency.act(agency.reviewer, "govopen_audit_list",
                      package_id=public["id"])["count"] == audit_before


def test_restore_refuses_a_portal_with_another_storage_key(agency, cli, tmp_path,
                                                            monkeypatch) -> None:  # type: ignore[no-untyped-def]
    agency.draft()
    dest = tmp_path / "backup"
    assert cli.invoke(ckan_cli, ["govopen", "backup", "--include-secrets", str(dest)]).exit_code == 0
    assert (dest / "secrets.json").stat().st_mode & 0o077 == 0
    # (the command line would read the ini again: the other key is set in this process)
    from ckanext.govopen.operations import backup as impl

    monkeypatch.setitem(tk.config, "ckanext.govopen.storage_key", "another-key-" + "x" * 32)
    with pytest.raises(impl.BackupError) as refused:
        impl.restore(dest, force=True)
    assert "not the key the backed-up files are encrypted with" in str(refused.value)
    assert str(dest / "secrets.json") in str(refused.value)
    assert model.Session.query(model.Package).count() == 1  # nothing was touched


def test_restore_refuses_a_portal_that_holds_datasets(agency, cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    agency.draft()
    dest = tmp_path / "backup"
    assert cli.invoke(ckan_cli, ["govopen", "backup", str(dest)]).exit_code == 0
    refused = cli.invoke(ckan_cli, ["govopen", "restore", str(dest)])
    assert refused.exit_code != 0 and "already holds datasets" in refused.output
