"""The plain data the generator produces and the loader consumes."""
from __future__ import annotations

import json
from dataclasses import dataclass, field, fields

# Catalog vocabularies (Shanxi art. 8, 12; GB/T 21063 catalog fields).
UPDATE_CYCLES = ("实时", "每日", "每周", "每月", "每季度", "每半年", "每年", "不定期", "静态")
OPEN_TYPES = ("无条件开放", "有条件开放", "不予开放")
SHARING_TYPES = ("无条件共享", "有条件共享", "不予共享")
SHARING_METHODS = ("接口服务", "文件下载", "数据库交换")
FORMATS = ("csv", "csv-bom", "csv-gbk", "xlsx")
SECRECY = "非涉密"  # only non-secret resources may be catalogued on an open-data platform


@dataclass(frozen=True)
class Spec:
    """One hand-written dataset description; `generate` turns it into a `Dataset`."""

    name: str
    title: str
    org: str
    libs: tuple[str, ...]
    cls: str  # classification code 类(1)+项(2)+目(3), e.g. 101001 人口基础库 › 户籍人口
    tags: str
    notes: str
    cols: str
    rows: int = 0  # 0: the product of the grid axes (`each:` columns)
    cycle: str = "每月"
    open: str = "无条件开放"
    livelihood: bool = False
    fmt: str = "csv"
    extra: str = ""  # "years": one file per year · "dict": plus a data-item description
    license: str = "cc-by"
    excel_numbers: tuple[str, ...] = ()  # headers stored as numbers in XLSX, as people do


@dataclass(frozen=True)
class Organization:
    name: str
    title: str
    title_en: str
    description: str
    credit_code: str
    contact_name: str
    contact_phone: str
    contact_email: str
    level: str = "省级"

    def extras(self) -> dict[str, str]:
        return {"credit_code": self.credit_code, "title_en": self.title_en, "level": self.level,
                "contact_name": self.contact_name, "contact_phone": self.contact_phone,
                "contact_email": self.contact_email}


@dataclass(frozen=True)
class Group:
    """A base resource library (Shanxi art. 9)."""

    name: str
    title: str
    title_en: str
    description: str
    code: str  # the library's item code inside the base-resource class

    def extras(self) -> dict[str, str]:
        return {"title_en": self.title_en, "library_code": self.code}


@dataclass(frozen=True)
class DataItem:
    """One column as the catalog names it (信息项): identifier, label, type, ground truth."""

    name: str  # identifier: a letter, then letters, digits, underscores
    label_zh: str  # the column header
    type: str  # 字符型 / 数值型 / 日期型
    personal: str | None = None  # what personal data it holds; never sent to CKAN


@dataclass(frozen=True)
class Resource:
    name: str
    description: str
    filename: str
    format: str  # CSV or XLSX, as CKAN shows it
    encoding: str | None  # of a CSV file; None for XLSX
    content: bytes
    rows: int


@dataclass(frozen=True)
class CatalogFields:
    """The catalog entry's own fields (Shanxi art. 8, 12; GB/T 21063), as Chinese labels.

    Names follow the GovOpen dataset schema where the meaning is the same, so a loader can
    hand them to it once it is active; until then they travel as extras.
    """

    classification: str  # 6-digit 类/项/目 code
    formats: tuple[str, ...]
    data_items: tuple[DataItem, ...]
    sharing_type: str
    sharing_method: tuple[str, ...]
    open_type: str
    update_cycle: str
    release_date: str
    data_update_date: str
    livelihood_priority: bool
    division_code: str
    secrecy: str = SECRECY
    sharing_condition: str = ""
    sharing_reason: str = ""
    sharing_legal_basis: str = ""
    open_condition: str = ""
    open_reason: str = ""
    open_legal_basis: str = ""
    temporal_start: str = ""  # time coverage of the rows, YYYY-MM-DD
    temporal_end: str = ""

    def as_strings(self) -> dict[str, str]:
        """Flat string values, as CKAN extras hold them; empty values left out."""
        out: dict[str, str] = {}
        for f in fields(self):
            key, value = f.name, getattr(self, f.name)
            if key == "data_items":
                value = json.dumps(
                    [{"name": d.name, "label_zh": d.label_zh, "type": d.type} for d in value],
                    ensure_ascii=False)
            elif isinstance(value, tuple):
                value = json.dumps(list(value), ensure_ascii=False)
            elif isinstance(value, bool):
                value = "true" if value else "false"
            if value != "":
                out[key] = value
        return out


@dataclass(frozen=True)
class DatasetRecord:
    """What every loaded dataset has: core fields, contact and catalog entry."""
    name: str
    title: str
    notes: str
    owner_org: str
    groups: tuple[str, ...]
    tags: tuple[str, ...]
    license_id: str
    contact_name: str
    contact_phone: str
    contact_email: str
    catalog: CatalogFields


@dataclass(frozen=True)
class Dataset(DatasetRecord):
    """A demo dataset, with the files to upload."""
    resources: tuple[Resource, ...]

    @property
    def personal(self) -> tuple[str, ...]:
        return tuple(sorted({d.personal for d in self.catalog.data_items if d.personal}))


@dataclass(frozen=True)
class Catalog:
    organizations: tuple[Organization, ...]
    groups: tuple[Group, ...]
    datasets: tuple[Dataset, ...] = field(default=())
