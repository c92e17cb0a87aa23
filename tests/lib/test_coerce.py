"""Reading stored list fields: every caller (index hooks, the directory export, the DCAT
and provenance profiles) gets the same answer for the same stored value."""
from __future__ import annotations

import pytest
from ckanext.govopen.lib.coerce import json_list, json_list_of


@pytest.mark.parametrize(("stored", "expected"), [
    (None, []),
    ("", []),
    ("  ", []),
    ("[]", []),
    ('["CSV", "XLSX"]', ["CSV", "XLSX"]),
    (["CSV", "", None, "XLSX"], ["CSV", "XLSX"]),
    (("CSV",), ["CSV"]),
    # a single code typed before the field held a list stands for itself
    ("CSV", ["CSV"]),
    ('"CSV"', ["CSV"]),
    ("[broken", ["[broken"]),
    ("null", []),
    (5, [5]),
])
def test_json_list_reads_every_stored_shape(stored: object, expected: list[object]) -> None:
    assert json_list(stored) == expected


def test_json_list_of_keeps_only_the_kind_asked_for() -> None:
    stored = '[{"name": "xm", "type": "string"}, "stray", 3, null, {"name": "sfz"}]'
    assert json_list_of(stored, dict) == [{"name": "xm", "type": "string"}, {"name": "sfz"}]
    assert json_list_of('["01", 2, {"x": 1}]', str) == ["01"]
    # text that is not JSON is a code, never a row
    assert json_list_of("[broken", dict) == []
    assert json_list_of("[broken", str) == ["[broken"]
