"""API errors: CKAN's 409 with field errors, in the language of the request."""
from __future__ import annotations

import pytest
from ckan.tests import factories

from tests.catalog.factories import CatalogOrganization, catalog_fields

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def _post(app, path: str, token: str, body: dict) -> object:  # type: ignore[no-untyped-def]
    return app.post(path, json=body, headers={"Authorization": token})


def test_missing_legal_basis_is_a_409_field_error_in_chinese(app) -> None:  # type: ignore[no-untyped-def]
    admin = factories.SysadminWithToken()
    org = CatalogOrganization()
    body = catalog_fields(owner_org=org["id"], open_type="conditional", open_condition="申请",
                          open_reason="含个人信息")
    res = _post(app, "/api/3/action/package_create", admin["token"], body)
    assert res.status_code == 409
    error = res.json["error"]
    assert error["__type"] == "Validation Error"
    assert error["open_legal_basis"] == ["开放类型为“有条件开放”时必须填写开放限制依据"]


def test_the_same_error_in_english(app) -> None:  # type: ignore[no-untyped-def]
    admin = factories.SysadminWithToken()
    org = CatalogOrganization()
    body = catalog_fields(owner_org=org["id"], open_type="conditional", open_condition="申请",
                          open_reason="含个人信息")
    res = _post(app, "/en/api/3/action/package_create", admin["token"], body)
    assert res.status_code == 409
    assert res.json["error"]["open_legal_basis"] == [
        "Legal basis for restricted opening is required when Open type is “Open on conditions”"]


def test_bad_credit_code_is_a_409_field_error(app) -> None:  # type: ignore[no-untyped-def]
    admin = factories.SysadminWithToken()
    res = _post(app, "/api/3/action/organization_create", admin["token"],
                {"name": "bad-org", "title": "错误机构", "credit_code": "11140000MB0000001A",
                 "org_level": "city"})
    assert res.status_code == 409
    assert "统一社会信用代码校验码错误" in res.json["error"]["credit_code"][0]
