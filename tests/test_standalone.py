"""The repository carries everything its docs and tests need: a clone with nothing beside it.

Pure checks over the tracked files; no services.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Written by the lead in a later change; linked from the README already.
PENDING = {"docs/architecture.md"}
OUTSIDE = re.compile(r"SEARCH-SPEC\.md|DESIGN\.md|\.\./shared|/work/shared")


def _tracked() -> list[Path]:
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                             check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: the tracked files are unknown")
    return [ROOT / name for name in out.decode().split("\0") if name]


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return None


def test_no_file_cites_a_document_outside_the_repository() -> None:
    offenders = []
    for path in _tracked():
        if path.name == "CHANGELOG.md" or path == Path(__file__):
            continue  # history may name what was once there
        text = _text(path)
        if text and OUTSIDE.search(text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


@pytest.mark.parametrize("doc", ["README.md", "docs/configuration.md", "docs/search-contract.md"])
def test_every_relative_link_of_the_docs_names_a_file_in_the_repository(doc: str) -> None:
    text = (ROOT / doc).read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    assert links
    missing = []
    for link in links:
        if re.match(r"[a-z]+:", link) or link.startswith("#"):
            continue
        target = (ROOT / doc).parent / link.split("#")[0]
        name = str(target.resolve().relative_to(ROOT.resolve())) if target.resolve().is_relative_to(
            ROOT.resolve()) else link
        if name not in PENDING and not target.exists():
            missing.append(link)
    assert missing == []


def test_the_dcat_shapes_are_in_the_repository_with_source_and_licence() -> None:
    from tests.dcat.shacl_check import SHAPE_FILES, SHAPES_DIR

    assert SHAPES_DIR.resolve().is_relative_to(ROOT)
    for name in SHAPE_FILES:
        assert (SHAPES_DIR / name).stat().st_size > 1000
    note = (SHAPES_DIR / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in note and "SEMICeu/DCAT-AP" in note
