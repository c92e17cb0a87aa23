"""The dataset schema through the action API: every write is validated."""
from __future__ import annotations

from typing import Any

import pytest
from ckan.plugins import toolkit as tk
from ckan.tests import helpers

from tests.catalog.factories import CatalogDataset, CatalogOrganization, catalog_fields

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def _call(action: str, **data: Any) -> Any:
    """Call an action as the site user (the activity plugin wants a real user)."""
    return helpers.call_action(action, {"user": helpers.call_action("get_site_user")["name"]},
                               **data)


def _create(org: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    return _call("package_create", owner_org=org["id"], **catalog_fields(**overrides))


def _errors(org: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    with pytest.raises(tk.ValidationError) as e:
        _create(org, **overrides)
    return e.value.error_dict


def test_conditional_open_without_legal_basis_fails_on_that_field() -> None:
    org = CatalogOrganization()
    errors = _errors(org, open_type="conditional", open_condition="实名申请",
                     open_reason="含个人信息")
    assert list(errors) == ["open_legal_basis"]
    assert "开放限制依据" in errors["open_legal_basis"][0]


def test_conditional_open_with_legal_basis_round_trips() -> None:
    org = CatalogOrganization()
    sent = catalog_fields(
        open_type="conditional", open_condition="实名申请，说明用途",
        open_reason="含企业经营信息", open_legal_basis="《山西省政务数据管理与应用办法》第十三条",
        sharing_type="conditional", sharing_condition="仅限监管用途",
        sharing_reason="含商业秘密", sharing_legal_basis="《反不正当竞争法》",
        related_resource_codes=["11140000MB0000001X-205001-0003"])
    created = _call("package_create", owner_org=org["id"], **sent)
    shown = _call("package_show", id=created["id"])
    for key, value in sent.items():
        if key == "related_resource_codes":
            assert shown[key] == ["11140000MB0000001X-205001-0003"]
        else:
            assert shown[key] == value, key
    assert shown["provider_code"] == org["credit_code"]
    assert shown["resource_code"] == f"{org['credit_code']}-205001-0001"


@pytest.mark.parametrize(("overrides", "field"), [
    ({"open_type": "not_open", "open_legal_basis": "《保守国家秘密法》"}, "open_reason"),
    ({"open_type": "conditional", "open_reason": "x", "open_legal_basis": "y"}, "open_condition"),
    ({"sharing_type": "conditional", "sharing_reason": "x", "sharing_legal_basis": "y"},
     "sharing_condition"),
    ({"sharing_type": "not_shared", "sharing_method": [], "sharing_reason": "x"},
     "sharing_legal_basis"),
    ({"sharing_type": "unconditional", "sharing_method": []}, "sharing_method"),
    ({"open_type": "open-ish"}, "open_type"),
    ({"update_cycle": "hourly"}, "update_cycle"),
    ({"update_cycle": ""}, "update_cycle"),
    ({"classification": "999999"}, "classification"),
    ({"formats": ["CSV", "EXE"]}, "formats"),
    ({"formats": []}, "formats"),
    ({"division_code": "149999"}, "division_code"),
    ({"secrecy": "secret"}, "secrecy"),
    ({"contact_phone": "call me"}, "contact_phone"),
    ({"temporal_start": "2024-01-01", "temporal_end": "2023-01-01"}, "temporal_end"),
    ({"data_update_date": "2999-01-01"}, "data_update_date"),
    ({"related_resource_codes": ["not-a-code"]}, "related_resource_codes"),
    ({"release_date": ""}, "release_date"),
    ({"resource_code": "garbage"}, "resource_code"),
])
def test_each_rule_fails_on_its_field(overrides: dict[str, Any], field: str) -> None:
    errors = _errors(CatalogOrganization(), **overrides)
    assert field in errors, errors
    assert len(errors) == 1, errors


def test_secret_entries_are_refused_with_a_reason() -> None:
    errors = _errors(CatalogOrganization(), secrecy="secret")
    assert "Classified" in errors["secrecy"][0] or "涉密" in errors["secrecy"][0]


def test_data_items_are_required_and_checked_per_column() -> None:
    org = CatalogOrganization()
    assert "data_items" in _errors(org, data_items=[])
    errors = _errors(org, data_items=[{"name": "1bad", "label_zh": "", "type": "blob"}])
    item = errors["data_items"][0]
    assert set(item) == {"name", "label_zh", "type"}


def test_every_write_is_validated_including_patch() -> None:
    dataset = CatalogDataset()
    with pytest.raises(tk.ValidationError) as e:
        _call("package_patch", id=dataset["id"], open_type="not_open")
    assert "open_legal_basis" in e.value.error_dict
    with pytest.raises(tk.ValidationError):
        _call("package_patch", id=dataset["id"], secrecy="secret")


def test_resource_codes_are_generated_in_sequence_and_unique() -> None:
    org = CatalogOrganization()
    first = _create(org)
    second = _create(org)
    other_class = _create(org, classification="101001")
    prefix = f"{org['credit_code']}-205001-"
    assert first["resource_code"] == prefix + "0001"
    assert second["resource_code"] == prefix + "0002"
    assert other_class["resource_code"] == f"{org['credit_code']}-101001-0001"
    errors = _errors(org, resource_code=first["resource_code"])
    assert first["resource_code"] in errors["resource_code"][0]


def test_a_given_resource_code_is_kept_and_must_fit_provider_and_classification() -> None:
    org = CatalogOrganization()
    code = f"{org['credit_code']}-205001-0042"
    assert _create(org, resource_code=code.lower())["resource_code"] == code
    assert _create(org)["resource_code"].endswith("-0043")
    errors = _errors(org, resource_code=f"{org['credit_code']}-101001-0001")
    assert "resource_code" in errors


def test_updates_keep_the_resource_code() -> None:
    dataset = CatalogDataset()
    patched = _call("package_patch", id=dataset["id"], title="新标题")
    assert patched["resource_code"] == dataset["resource_code"]
    fields = catalog_fields(resource_code="")
    updated = _call("package_update", id=dataset["id"], name=dataset["name"],
                                  owner_org=dataset["owner_org"], **fields)
    assert updated["resource_code"] == dataset["resource_code"]


def test_a_move_to_another_provider_or_classification_gets_a_new_code() -> None:
    dataset = CatalogDataset()
    other = CatalogOrganization()
    moved = _call("package_patch", id=dataset["id"], owner_org=other["id"])
    assert moved["resource_code"] == f"{other['credit_code']}-205001-0001"
    reclassified = _call("package_patch", id=dataset["id"], classification="101001")
    assert reclassified["resource_code"] == f"{other['credit_code']}-101001-0001"
    # A code other than the stored one must still fit the new provider and classification.
    with pytest.raises(tk.ValidationError) as e:
        _call("package_patch", id=dataset["id"], owner_org=dataset["owner_org"],
              resource_code=f"{other['credit_code']}-101001-0002")
    assert "resource_code" in e.value.error_dict


def test_deleted_datasets_keep_their_codes() -> None:
    org = CatalogOrganization()
    first = _create(org)
    _call("package_delete", id=first["id"])
    assert _create(org)["resource_code"] != first["resource_code"]


def test_provider_code_always_comes_from_the_organization() -> None:
    org = CatalogOrganization()
    created = _create(org, provider_code="91110000600037341L")
    assert created["provider_code"] == org["credit_code"]


def test_name_is_generated_for_chinese_titles() -> None:
    created = _create(CatalogOrganization(), name="")
    assert created["name"].startswith("data-")


def test_provider_is_required() -> None:
    with pytest.raises(tk.ValidationError) as e:
        _call("package_create", **catalog_fields(name="no-provider"))
    assert "owner_org" in e.value.error_dict


def test_list_fields_accept_comma_separated_text() -> None:
    created = _create(CatalogOrganization(), formats="CSV, JSON", sharing_method="api")
    assert created["formats"] == ["CSV", "JSON"]
    assert created["sharing_method"] == ["api"]
