"""`ckan govopen rotate-key`: every raw file re-encrypted under the new key, one file at a
time, resumable; old keys keep working for reading until then.

The command reloads the test configuration, so the "new" key is the configured one and the
files are first sealed with a random "old" key."""
from __future__ import annotations

import re
import secrets

import pytest
from ckan.cli.cli import ckan
from ckanext.govopen.lib import crypto
from ckanext.govopen.masking import jobs
from ckanext.govopen.storage import files as storage
from ckanext.govopen.storage import rotation

from .conftest import PEOPLE_CSV, RAW_MARKERS

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")

OLD = secrets.token_urlsafe(32)


def _sealed_with(resource_id: str, key_text: str) -> bool:
    with open(storage.raw_path(resource_id), "rb") as src:
        return crypto.opens_with(src, crypto.parse_key(key_text),
                                 storage.context_of(resource_id))


@pytest.fixture
def new_key(ckan_config) -> str:  # type: ignore[no-untyped-def]
    return ckan_config["ckanext.govopen.storage_key"]


@pytest.fixture
def uploads(agency, ckan_config, new_key):  # type: ignore[no-untyped-def]
    """Three files stored under OLD, then the configuration switched to the new key with
    OLD retired."""
    from ckan.tests.helpers import changed_config

    dataset = agency.draft()
    with changed_config("ckanext.govopen.storage_key", OLD):
        ids = sorted(agency.upload(dataset, PEOPLE_CSV, filename=f"f{n}.csv")["id"]
                     for n in range(3))
    with changed_config("ckanext.govopen.storage_old_keys", OLD):
        yield ids
    for resource_id in ids:  # the storage directory outlives the database of one test
        storage.remove(resource_id)


def test_rotation_re_encrypts_every_file_and_can_run_again(uploads, cli, new_key) -> None:  # type: ignore[no-untyped-def]
    assert all(_sealed_with(r, OLD) for r in uploads)
    # Before the rotation, files under the retired key still open for the job.
    assert jobs.desensitize_resource(uploads[0]) == "passed"

    dry = cli.invoke(ckan, ["govopen", "rotate-key", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert all(f"{r} to-rotate" in dry.output for r in uploads), dry.output
    assert all(_sealed_with(r, OLD) for r in uploads)

    result = cli.invoke(ckan, ["govopen", "rotate-key"])
    assert result.exit_code == 0, result.output
    assert all(f"{r} rotated" in result.output for r in uploads), result.output
    assert re.search(r"done in [\d.]+s: (\d+ current, )?3 rotated", result.output)
    assert all(_sealed_with(r, new_key) and not _sealed_with(r, OLD) for r in uploads)
    for resource_id in uploads:
        blob = storage.raw_path(resource_id).read_bytes()
        assert not any(m.encode() in blob for m in RAW_MARKERS)
        assert not storage.raw_path(resource_id).with_name(
            storage.raw_path(resource_id).name + ".rotating").exists()

    again = cli.invoke(ckan, ["govopen", "rotate-key"])
    assert again.exit_code == 0 and "rotated" not in again.output, again.output
    assert all(f"{r} current" in again.output for r in uploads)
    # The job reads them with the new key alone.
    from ckan.tests.helpers import changed_config

    with changed_config("ckanext.govopen.storage_old_keys", ""):
        assert jobs.desensitize_resource(uploads[1], force=True) == "passed"
        assert "138****8000" in storage.public_path(uploads[1]).read_text(encoding="utf-8")


def test_an_interrupted_rotation_resumes(uploads, cli, new_key) -> None:  # type: ignore[no-untyped-def]
    current, old = crypto.parse_key(new_key), [crypto.parse_key(OLD)]
    first = uploads[0]
    assert rotation.rotate_file(first, storage.raw_path(first), current, old) == "rotated"
    # A crash mid-write leaves a temporary file beside the original, which stays intact.
    stale = storage.raw_path(uploads[1]).with_name(storage.raw_path(uploads[1]).name + ".rotating")
    stale.write_bytes(b"half written")

    result = cli.invoke(ckan, ["govopen", "rotate-key"])
    assert result.exit_code == 0, result.output
    assert f"{first} current" in result.output
    assert f"{uploads[1]} rotated" in result.output and f"{uploads[2]} rotated" in result.output
    assert not stale.exists()
    assert all(_sealed_with(r, new_key) for r in uploads)


def test_a_file_no_configured_key_opens_is_reported_and_left_alone(uploads, cli) -> None:  # type: ignore[no-untyped-def]
    from ckan.tests.helpers import changed_config

    before = {r: storage.raw_path(r).read_bytes() for r in uploads}
    with changed_config("ckanext.govopen.storage_old_keys", secrets.token_urlsafe(32)):
        result = cli.invoke(ckan, ["govopen", "rotate-key"])
    assert result.exit_code == 1
    for resource_id in uploads:
        assert f"{resource_id} failed: no configured key opens" in result.output
    assert {r: storage.raw_path(r).read_bytes() for r in uploads} == before
