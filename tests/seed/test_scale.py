"""Scale records: light, deterministic, and pointing at organizations that exist."""
from __future__ import annotations

import re

from seed.generate import groups, organizations
from seed.scale import scale_name, scale_record, scale_records, stable_id


def test_records_are_a_function_of_their_number() -> None:
    assert scale_record(42) == scale_record(42)
    assert scale_record(42) != scale_record(43)
    assert list(scale_records([3, 1])) == [scale_record(3), scale_record(1)]


def test_names_and_ids_are_stable() -> None:
    rec = scale_record(7)
    assert rec.name == scale_name(7) == "scale-000007"
    assert rec.id == stable_id("scale-000007")
    assert re.fullmatch(r"[0-9a-f-]{36}", rec.id)


def test_records_reference_seeded_bodies_and_vary() -> None:
    orgs = {o.name for o in organizations()}
    libs = {g.name for g in groups()}
    records = list(scale_records(list(range(1, 2001))))
    assert {r.owner_org for r in records} == orgs
    assert {g for r in records for g in r.groups} == libs
    assert len({r.title for r in records}) > 1900
    for r in records:
        assert r.title and r.notes and r.tags and r.contact_phone
        assert r.catalog.release_date <= r.catalog.data_update_date <= "2025-06-30"
        assert r.catalog.division_code.startswith("14") and r.catalog.data_items
