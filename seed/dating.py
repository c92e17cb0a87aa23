"""Date the demo catalog relative to the day it is loaded.

The generator is pure and fixed (its files describe the province as of ``rows.AS_OF``), so
every last data update it writes would be months old on the day a portal is set up, and
every scheduled dataset overdue. Here each dataset with an update cycle gets a target
update status (about three in five on time, one in five due soon, one in five overdue;
fixed per dataset name) and a last update before the load day that gives it that status on
the working-day calendar. Datasets whose cycle cannot have the target (a daily dataset is
never more than three working days from its deadline) take the nearest one they can.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import random

from ckanext.govopen.catalog.vocabularies import UPDATE_CYCLE
from ckanext.govopen.lib.workdays import Calendar
from ckanext.govopen.upkeep.deadlines import DUE_SOON, ON_TIME, OVERDUE, freshness, next_change

from seed.generate import seed_for
from seed.model import Catalog, Dataset

_CODES = {term.zh: term.code for term in UPDATE_CYCLE}
_SHARES = ((0.6, ON_TIME), (0.8, DUE_SOON), (1.0, OVERDUE))
_EXTRA_DAYS = 20  # beyond two cycles: room for the grace days and a long holiday


def cycle_code(label_or_code: str) -> str:
    return _CODES.get(label_or_code, label_or_code)


def target(name: str) -> str:
    draw = random.Random(seed_for(name, "freshness")).random()
    return next(status for share, status in _SHARES if draw < share)


def last_update(name: str, cycle: str, day: dt.date, cal: Calendar) -> dt.date | None:
    """A last update before `day` that gives the dataset its target status on `day`
    (None: no schedule, keep the generated date)."""
    code = cycle_code(cycle)
    if freshness(code, day, day, cal).status not in (ON_TIME, DUE_SOON):
        return None  # unscheduled: irregular, static
    change = next_change(code, day)
    assert change is not None  # scheduled, as checked above
    ages = list(range(2 * (change - day).days + _EXTRA_DAYS))
    random.Random(seed_for(name, "age")).shuffle(ages)
    wanted = target(name)
    order = [wanted] + [s for s in (ON_TIME, DUE_SOON, OVERDUE) if s != wanted]
    for status in order:
        for age in ages:
            candidate = day - dt.timedelta(days=age)
            if freshness(code, candidate, day, cal).status == status:
                return candidate
    return None


def _redate(ds: Dataset, day: dt.date, cal: Calendar) -> Dataset:
    updated = last_update(ds.name, ds.catalog.update_cycle, day, cal)
    if updated is None:
        return ds
    release = min(dt.date.fromisoformat(ds.catalog.release_date), updated)
    catalog = dataclasses.replace(ds.catalog, data_update_date=updated.isoformat(),
                                  release_date=release.isoformat())
    return dataclasses.replace(ds, catalog=catalog)


def dated(catalog: Catalog, day: dt.date, cal: Calendar | None = None) -> Catalog:
    """The catalog with every scheduled dataset's last update placed relative to `day`."""
    cal = cal or Calendar()
    return dataclasses.replace(catalog, datasets=tuple(_redate(d, day, cal)
                                                       for d in catalog.datasets))
