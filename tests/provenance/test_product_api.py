"""Registering a derived product through the API: its sources are checked."""
from __future__ import annotations

import datetime as dt

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action
from ckanext.govopen.provenance.note import today

from tests.catalog.factories import CatalogDataset, CatalogOrganization
from tests.provenance.factories import product_fields, source

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def _post(app, user: dict, data: dict):  # type: ignore[no-untyped-def]
    token = factories.APIToken(user=user["name"])["token"]
    return app.post("/api/3/action/package_create", json=data,
                    headers={"Authorization": token}, status=None)


def _source_errors(response) -> list[dict]:  # type: ignore[no-untyped-def]
    assert response.status_code == 409, response.body
    body = response.json
    assert body["success"] is False
    assert body["error"]["__type"] == "Validation Error"
    return body["error"]["sources"]


def test_a_future_acquisition_date_is_refused_with_a_field_error(app) -> None:  # type: ignore[no-untyped-def]
    user, ds = factories.User(), CatalogDataset()
    future = (today() + dt.timedelta(days=2)).isoformat()
    errors = _source_errors(_post(app, user, product_fields([source(ds["name"], future)])))
    assert errors[0]["acquired"] == [f"获取日期 {future} 晚于今天"]


def test_a_missing_source_is_refused(app) -> None:  # type: ignore[no-untyped-def]
    user = factories.User()
    errors = _source_errors(_post(app, user, product_fields([source("no-such-dataset")])))
    assert errors[0]["source_dataset"] == ["本平台没有数据集“no-such-dataset”"]


def test_a_source_the_submitter_cannot_see_is_refused_as_if_absent(app) -> None:  # type: ignore[no-untyped-def]
    """A private dataset's name must not be confirmed by a different message."""
    user = factories.User()
    hidden = CatalogDataset(private=True)
    visible = CatalogDataset()
    errors = _source_errors(_post(app, user, product_fields(
        [source(visible["name"]), source(hidden["name"])])))
    assert errors[0] == {}
    assert errors[1]["source_dataset"] == [f"本平台没有数据集“{hidden['name']}”"]


def test_errors_are_in_english_on_the_english_api(app) -> None:  # type: ignore[no-untyped-def]
    user = factories.User()
    token = factories.APIToken(user=user["name"])["token"]
    response = app.post("/en/api/3/action/package_create",
                        json=product_fields([source("no-such-dataset")]),
                        headers={"Authorization": token}, status=None)
    assert _source_errors(response)[0]["source_dataset"] == [
        "There is no dataset “no-such-dataset” on this portal"]


def test_acquired_before_the_source_was_published_is_refused() -> None:
    user, ds = factories.User(), CatalogDataset(release_date="2024-06-01")
    with pytest.raises(Exception) as e:
        call_action("package_create", {"user": user["name"]},
                    **product_fields([source(ds["name"], "2024-05-31")]))
    assert e.value.error_dict["sources"][0]["acquired"] == [  # type: ignore[attr-defined]
        "获取日期 2024-05-31 早于该数据集的发布日期 2024-06-01"]


def test_conditional_source_needs_a_filing_reference() -> None:
    user = factories.User()
    ds = CatalogDataset(open_type="conditional", open_condition="实名申请",
                        open_reason="含个人信息", open_legal_basis="《办法》第十三条")
    with pytest.raises(Exception) as e:
        call_action("package_create", {"user": user["name"]},
                    **product_fields([source(ds["name"])]))
    assert "filing_reference" in e.value.error_dict["sources"][0]  # type: ignore[attr-defined]
    product = call_action("package_create", {"user": user["name"]}, **product_fields(
        [source(ds["name"], filing_reference="晋数授备〔2025〕12号")]))
    assert product["sources"][0]["filing_reference"] == "晋数授备〔2025〕12号"


def test_external_source_needs_its_publisher_and_company_a_valid_credit_code() -> None:
    user = factories.User()
    with pytest.raises(Exception) as e:
        call_action("package_create", {"user": user["name"]}, **product_fields(
            [{"source_url": "https://stats.example.gov.cn/gdp.csv", "acquired": "2025-01-02",
              "usage": "对比"}], producer_credit_code="91140100MA0K1XXB2J"))
    errors = e.value.error_dict  # type: ignore[attr-defined]
    assert errors["sources"][0]["source_publisher"] == ["外部来源须填写发布方"]
    assert errors["producer_credit_code"] == ["统一社会信用代码无效（GB 32100）"]


def test_a_valid_product_round_trips_with_its_source_version() -> None:
    user = factories.User()
    org = CatalogOrganization(title="山西省生态环境厅")
    ds = CatalogDataset(owner_org=org["id"])
    created = call_action("package_create", {"user": user["name"]},
                          **product_fields([source(ds["name"])]))
    shown = call_action("package_show", {"user": ""}, id=created["id"])
    assert shown["type"] == "product" and not shown.get("owner_org")
    assert shown["producer_name"] == "山西数智科技有限公司"
    assert shown["producer_credit_code"] == "91140100MA0K1XXB2K"
    [got] = shown["sources"]
    assert got["source_dataset"] == ds["id"]  # stored by id, whatever was typed
    assert got["acquired"] == "2025-03-05"
    assert got["source_version"] == ds["metadata_modified"]
    assert got["usage"] == "按站点汇总后绘制地图"


def test_only_the_registrant_edits_a_product() -> None:
    owner, other = factories.User(), factories.User()
    ds = CatalogDataset()
    product = call_action("package_create", {"user": owner["name"]},
                          **product_fields([source(ds["name"])]))
    from ckan.logic import NotAuthorized

    with pytest.raises(NotAuthorized):
        call_action("package_patch", {"user": other["name"], "ignore_auth": False},
                    id=product["id"], title="改名")
    patched = call_action("package_patch", {"user": owner["name"], "ignore_auth": False},
                          id=product["id"], title="太原空气质量地图（第二版）")
    assert patched["title"] == "太原空气质量地图（第二版）"


def test_a_person_needs_no_credit_code_but_a_company_does() -> None:
    user, ds = factories.User(), CatalogDataset()
    person = call_action("package_create", {"user": user["name"]}, **product_fields(
        [source(ds["name"])], producer_type="person", producer_name="王晓明",
        producer_credit_code=""))
    assert not call_action("package_show", {"user": ""}, id=person["id"]).get(
        "producer_credit_code")
    with pytest.raises(Exception) as e:
        call_action("package_create", {"user": user["name"]}, **product_fields(
            [source(ds["name"])], producer_credit_code=""))
    assert "producer_credit_code" in e.value.error_dict  # type: ignore[attr-defined]
