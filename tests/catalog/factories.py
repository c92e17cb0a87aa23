"""Factories for catalog entries and provider organizations that pass the schemas.

Other modules' tests create datasets and organizations through these: CKAN's plain
factories lack the fields the catalog requires.
"""
from __future__ import annotations

from typing import Any

import factory
from ckan.tests import factories
from ckanext.govopen.catalog import codes


def credit_code(n: int) -> str:
    """A valid unified social credit code for a government body (11 + Shanxi 140000)."""
    first17 = f"11140000MB{n:07d}"
    return first17 + codes.credit_check_character(first17)


class CatalogOrganization(factories.Organization):
    title = factory.Sequence(lambda n: f"山西省测试厅{n}")
    title_en = factory.Sequence(lambda n: f"Shanxi Test Department {n}")
    credit_code = factory.Sequence(credit_code)
    org_level = "province"
    contact_name = "李工"
    contact_phone = "0351-5550100"


def catalog_fields(**overrides: Any) -> dict[str, Any]:
    """Every catalog field filled, as a dict for package_create (owner_org not included)."""
    fields: dict[str, Any] = {
        "title": "太原市空气质量日报",
        "notes": "太原市各监测站每日空气质量指数。",
        "classification": "205001",
        "formats": ["CSV", "XLSX"],
        "data_items": [
            {"name": "station", "label_zh": "监测站", "type": "string", "description": "站点名称"},
            {"name": "aqi", "label_zh": "空气质量指数", "type": "number", "description": ""},
        ],
        "sharing_type": "unconditional",
        "sharing_method": ["api", "download"],
        "open_type": "unconditional",
        "update_cycle": "daily",
        "release_date": "2024-01-15",
        "data_update_date": "2024-06-01",
        "related_resource_codes": [],
        "livelihood_priority": "true",
        "division_code": "140100",
        "temporal_start": "2020-01-01",
        "temporal_end": "2024-06-01",
        "license_id": "cc-by",
        "contact_name": "张工",
        "contact_phone": "0351-1234567",
        "contact_email": "air@example.gov.cn",
        "secrecy": "non_secret",
    }
    fields.update(overrides)
    return fields


class CatalogDataset(factories.Dataset):
    owner_org = factory.LazyFunction(lambda: CatalogOrganization()["id"])
    title = factory.Sequence(lambda n: f"测试数据集{n}")

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Any:
        return super()._create(model_class, *args, **catalog_fields(**kwargs))
