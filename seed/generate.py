"""The pure generator: hand-written specs in, a complete `Catalog` with file bytes out.

Nothing here imports CKAN and nothing depends on the clock, the process or the order of
dict iteration: every table has its own seed derived from a fixed seed and its name, so
adding a dataset changes no other file.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Iterator

from faker import Faker

from seed import bodies, content_economy, content_people, geo, ids
from seed.columns import parse_columns
from seed.item_names import item_name
from seed.model import (
    Catalog,
    CatalogFields,
    DataItem,
    Dataset,
    Group,
    Organization,
    Resource,
    Spec,
)
from seed.rows import AS_OF
from seed.tables import build_rows, to_csv, to_xlsx

SEED = 20200601  # fixed: the same catalog, byte for byte, on every run
YEAR = AS_OF.year  # the year the demo data describes
SPECS: tuple[Spec, ...] = content_people.SPECS + content_economy.SPECS

_ENCODINGS = {"csv": "utf-8", "csv-bom": "utf-8-sig", "csv-gbk": "gbk"}
_ENCODING_LABELS = {"utf-8": "UTF-8 编码", "utf-8-sig": "UTF-8（带 BOM）编码", "gbk": "GBK 编码"}


def seed_for(*parts: object) -> int:
    """A stable 64-bit seed (Python's own hash() differs between processes)."""
    text = ":".join(str(p) for p in (SEED, *parts))
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def organizations() -> tuple[Organization, ...]:
    out = []
    for name, title, title_en, desc in bodies.DEPARTMENTS:
        rng = random.Random(seed_for("org", name))
        code = ids.make_uscc(rng, "11", geo.PROVINCE_CODE)
        out.append(Organization(name, title, title_en, desc, code, *_contact(rng, title, name)))
    return tuple(out)


def _contact(rng: random.Random, org_title: str, org_name: str) -> tuple[str, str, str]:
    """The department office that answers for its catalog entries."""
    return (f"{org_title}数据管理处", f"0351-{rng.randrange(2_000_000, 8_000_000)}",
            f"data@{org_name}.govopen.invalid")


def groups() -> tuple[Group, ...]:
    return tuple(Group(*lib) for lib in bodies.LIBRARIES)


def build(specs: tuple[Spec, ...] = SPECS) -> Catalog:
    orgs = organizations()
    by_name = {o.name: o for o in orgs}
    fake = Faker("zh_CN")
    datasets = tuple(_dataset(s, fake, by_name[s.org]) for s in specs)
    return Catalog(orgs, groups(), datasets)


def _dataset(spec: Spec, fake: Faker, org: Organization) -> Dataset:
    resources = tuple(_resources(spec, fake))
    return Dataset(
        name=spec.name, title=spec.title, notes=spec.notes, owner_org=spec.org,
        groups=spec.libs, tags=tuple(spec.tags.split()), license_id=spec.license,
        contact_name=org.contact_name, contact_phone=org.contact_phone,
        contact_email=org.contact_email,
        catalog=catalog_fields(spec, tuple(sorted({r.format for r in resources}))),
        resources=resources,
    )


def catalog_fields(spec: Spec, formats: tuple[str, ...]) -> CatalogFields:
    """The catalog entry of `spec`: a function of the spec alone (no files needed)."""
    rng = random.Random(seed_for(spec.name, "catalog"))
    release = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(0, 1400))
    updated = AS_OF - dt.timedelta(days=rng.randrange(0, 150))
    sharing = {"无条件开放": "无条件共享", "有条件开放": rng.choice(("无条件共享", "有条件共享")),
               "不予开放": "有条件共享"}[spec.open]
    methods = rng.choice((("接口服务",), ("接口服务", "文件下载"), ("文件下载",), ("数据库交换",)))
    restricted_open, restricted_sharing = spec.open != "无条件开放", sharing != "无条件共享"
    cols = parse_columns(spec.cols)
    return CatalogFields(
        classification=spec.cls,
        formats=formats,
        data_items=tuple(DataItem(item_name(c.header), c.header, c.item_type, c.personal)
                         for c in cols),
        sharing_type=sharing,
        sharing_method=methods,
        open_type=spec.open,
        update_cycle=spec.cycle,
        release_date=release.isoformat(),
        data_update_date=max(updated, release).isoformat(),
        livelihood_priority=spec.livelihood,
        division_code=geo.PROVINCE_CODE,
        sharing_condition=bodies.SHARING_CONDITION if restricted_sharing else "",
        sharing_reason=bodies.PERSONAL_REASON if restricted_sharing else "",
        sharing_legal_basis=bodies.LEGAL_BASIS if restricted_sharing else "",
        open_condition=bodies.CONDITION if spec.open == "有条件开放" else "",
        open_reason=bodies.PERSONAL_REASON if restricted_open else "",
        open_legal_basis=bodies.LEGAL_BASIS if restricted_open else "",
        # The rows describe the year(s) their files are named for, up to the as-of date.
        temporal_start=dt.date(YEAR - 1 if spec.extra == "years" else YEAR, 1, 1).isoformat(),
        temporal_end=AS_OF.isoformat(),
    )


def _resources(spec: Spec, fake: Faker) -> Iterator[Resource]:
    cols = parse_columns(spec.cols)
    headers = [c.header for c in cols]
    years = (YEAR - 1, YEAR) if spec.extra == "years" else (YEAR,)
    for year in years:
        fake.seed_instance(seed_for(spec.name, year))
        rows = build_rows(cols, fake, spec.rows, year)
        suffix = f"-{year}" if len(years) > 1 else ""
        name = f"{spec.title}（{year}年）" if len(years) > 1 else spec.title
        yield _file(spec, headers, rows, name, f"{spec.name}{suffix}")
    if spec.extra == "dict":
        items = [[i, c.header, c.item_type] for i, c in enumerate(cols, 1)]
        content = to_csv(["序号", "信息项名称", "数据类型"], items, "utf-8")  # type: ignore[arg-type]
        yield Resource(f"{spec.title}数据项说明", "本数据集各信息项的名称和数据类型。CSV 文件，UTF-8 编码。",
                       f"{spec.name}-data-items.csv", "CSV", "utf-8", content, len(items))


def _file(spec: Spec, headers: list[str], rows: list, name: str, stem: str) -> Resource:
    if spec.fmt == "xlsx":
        content = to_xlsx(headers, rows, spec.title, spec.excel_numbers)
        return Resource(name, f"Excel 工作簿（XLSX），共 {len(rows)} 条记录。", f"{stem}.xlsx",
                        "XLSX", None, content, len(rows))
    encoding = _ENCODINGS[spec.fmt]
    return Resource(name, f"CSV 文件，{_ENCODING_LABELS[encoding]}，共 {len(rows)} 条记录。",
                    f"{stem}.csv", "CSV", encoding, to_csv(headers, rows, encoding), len(rows))
