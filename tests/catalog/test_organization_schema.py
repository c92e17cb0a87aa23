"""The organization schema: credit code with its check character, level, names."""
from __future__ import annotations

from typing import Any

import pytest
from ckan.plugins import toolkit as tk
from ckan.tests import helpers

from tests.catalog.factories import CatalogOrganization, credit_code

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")


def _call(action: str, **data: Any) -> Any:
    return helpers.call_action(action, {"user": helpers.call_action("get_site_user")["name"]},
                               **data)


def _org(**fields: str) -> dict[str, str]:
    base = {"name": "sx-stats", "title": "山西省统计局", "title_en": "Shanxi Bureau of Statistics",
            "credit_code": credit_code(42), "org_level": "province",
            "contact_phone": "0351-1234567"}
    base.update(fields)
    return base


def test_organization_round_trips() -> None:
    created = _call("organization_create", **_org())
    shown = _call("organization_show", id=created["id"])
    for key, value in _org().items():
        assert shown[key] == value


@pytest.mark.parametrize("bad", [
    credit_code(42)[:17] + ("0" if credit_code(42)[17] != "0" else "1"),  # wrong check character
    "12345",
    "11140000MB00000I0X",
])
def test_invalid_credit_code_fails(bad: str) -> None:
    with pytest.raises(tk.ValidationError) as e:
        _call("organization_create", **_org(credit_code=bad))
    assert list(e.value.error_dict) == ["credit_code"]


def test_wrong_check_character_names_the_right_one() -> None:
    good = credit_code(42)
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(tk.ValidationError) as e:
        _call("organization_create", **_org(credit_code=wrong))
    assert good[17] in e.value.error_dict["credit_code"][0]


def test_credit_code_and_level_are_required() -> None:
    with pytest.raises(tk.ValidationError) as e:
        _call("organization_create", **_org(credit_code="", org_level=""))
    assert set(e.value.error_dict) == {"credit_code", "org_level"}


def test_credit_codes_are_unique_among_organizations() -> None:
    first = CatalogOrganization()
    with pytest.raises(tk.ValidationError) as e:
        _call("organization_create", **_org(credit_code=first["credit_code"]))
    assert "credit_code" in e.value.error_dict
    # an organization keeps its own code on update
    _call("organization_patch", id=first["id"], title_en="Renamed")


def test_organization_form_asks_for_the_catalog_fields(app) -> None:  # type: ignore[no-untyped-def]
    from ckan.tests import factories

    admin = factories.SysadminWithToken()
    page = app.get("/organization/new", headers={"Authorization": admin["token"]}).body
    for name in ('name="credit_code"', 'name="title_en"', 'name="org_level"',
                 'name="contact_phone"', "统一社会信用代码", "机构层级"):
        assert name in page
