"""Light datasets for benchmarks: `scale-000001` … with no files, each a pure function of
its number, so any count can be generated in any order and re-runs skip what exists."""
from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace

from seed import geo
from seed.generate import SPECS, YEAR, catalog_fields, organizations, seed_for
from seed.model import DatasetRecord
from seed.rows import AS_OF

_ID_NAMESPACE = uuid.UUID("5c1b6f0e-8f43-4d8e-9a55-0c9f3f2b6a10")
_ORGS = {o.name: o for o in organizations()}


@dataclass(frozen=True)
class LightDataset(DatasetRecord):
    """A generated dataset without files, with a stable id for bulk loading."""
    id: str


def stable_id(name: str) -> str:
    """The same UUID for the same name on every run and by every loading method."""
    return str(uuid.uuid5(_ID_NAMESPACE, name))


def scale_name(number: int) -> str:
    return f"scale-{number:06d}"


def scale_record(number: int) -> LightDataset:
    """A dataset like one of the demo specs, placed in a county and a year."""
    rng = random.Random(seed_for("scale", number))
    spec = rng.choice(SPECS)
    county = rng.choice(geo.COUNTIES)
    year = rng.randint(YEAR - 10, YEAR)
    org = _ORGS[spec.org]
    name = scale_name(number)
    released = min(dt.date(year, rng.randint(1, 12), rng.randint(1, 28)), AS_OF)
    catalog = replace(
        catalog_fields(spec, ("XLSX",) if spec.fmt == "xlsx" else ("CSV",)),
        division_code=county.code, release_date=released.isoformat(),
        data_update_date=min(released + dt.timedelta(days=rng.randint(0, 365)), AS_OF).isoformat(),
    )
    return LightDataset(
        id=stable_id(name),
        name=name,
        title=f"{county.city}{county.name}{spec.title.removeprefix('全省')}（{year}年）",
        notes=f"{spec.notes}（范围：{county.city}{county.name}；时间：{year}年）",
        owner_org=spec.org,
        groups=spec.libs,
        tags=(*spec.tags.split()[:2], county.city),
        license_id=spec.license,
        contact_name=org.contact_name,
        contact_phone=org.contact_phone,
        contact_email=org.contact_email,
        catalog=catalog,
    )


def scale_records(numbers: list[int]) -> Iterator[LightDataset]:
    return (scale_record(n) for n in numbers)
