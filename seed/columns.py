"""Column kinds: a small vocabulary that turns `header=kind` pairs into cell values.

A kind names where a value comes from:

- people, by role (`p`, `p2`, `youth`, `mother`, `father`, `child`): `p.name`, `p.id`,
  `p.sex`, `p.birth`, `p.age`, `p.mobile`, `p.email`, `p.address`, `p.ethnic`;
- legal entities, by role (`co` enterprise, `shop` individual business, `coop` cooperative,
  `inst` public institution, `ngo` social organization): `co.name[:TEMPLATES]`, `co.uscc`,
  `co.rep` (legal representative), `co.rep_id`, `co.rep_mobile`, `co.address`, `co.phone`;
- the row's place: `city`, `county`, `area` (county code), `lon`, `lat` (near the city);
- literals: `int:1~100`, `num:0.5~9.99` (decimals as in the lower bound), `date:2019~2024`,
  `date:2024-01-01~2024-06-30` or `date:year` (the file's year), `choice:a|b*3|c` (`*n`
  weights), `tpl:TEMPLATES`, `const:TEXT`, `seq`, `year` (the year of the file);
- linked choices: `pick:KEY:a|b*2|c` columns sharing KEY take the same position in their
  lists, so a name fits its category; `x;y` inside a position picks one of them;
- series: `series:100~900[:-0.01~0.03]` in a grid gives each entity (the values of the axes
  that are not time) its own level and trend (growth per step, optional) along the time
  axis, so a city's figures move smoothly;
- derived values: `sum:H1+H2` adds earlier columns, `mul:H:0.3~0.4` scales one by a random
  factor, `pct:A/B` is A as a percentage of B, `band:H:50=优|100=良|差` labels one;
- grid axes, whose product gives the rows: `each:cities`, `each:counties`, `each:a|b|c`,
  `each:years:2019~2024`, `each:quarters:2023Q1~2024Q4`, `each:months:2024-01~2024-12`,
  `each:days:2024-06-01~2024-06-14`.

Templates are `|`-separated alternatives with `{city}`, `{cityshort}`, `{county}`,
`{street}`, `{word}` (a trade name), `{industry}`, `{surname}`, `{rep}`, `{n}`, `{cn}`,
`{year}`, `{area}` or the header of an earlier column; `#` becomes a digit. Everything
random is drawn from one seeded Faker, so a table is a function of its seed.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass

from seed import geo
from seed.rows import AS_OF, ENTITY_ROLES, PERSON_ROLES, Cell, Row, rand_date

TIME_AXES = ("years", "quarters", "months", "days")
# Trend per step along a time axis, drawn once per series.
_GROWTH = {"years": (-0.01, 0.06), "quarters": (-0.005, 0.02), "months": (-0.005, 0.01),
           "days": (-0.003, 0.003)}

_DEFAULT_NAMES = {
    "co": "{cityshort}{word}{industry}有限公司|山西{word}{industry}有限公司"
          "|{cityshort}{word}{industry}有限责任公司",
    "shop": "{county}{rep}便利店|{county}{word}餐馆|{county}{word}商行|{county}{rep}理发店",
    "coop": "{county}{word}种植专业合作社|{county}{word}养殖专业合作社",
    "inst": "{city}{word}服务中心",
    "ngo": "{city}{word}协会|{city}{word}促进会",
}
# What each person attribute is, for the catalog's data items and for tests.
PERSONAL_ATTRS = {"name": "name", "id": "id_number", "mobile": "mobile", "email": "email",
                  "address": "address", "birth": "birth_date"}
_CN_NUMERALS = "一二三四五六七八九十"
# Two-character trade names (字号) as businesses in the province use them.
_BRAND_FIRST = "鑫华恒宏瑞金永德福嘉昌天中盛泰兴隆丰宇凯博润晋汾晟通信佳和祥"
_BRAND_SECOND = "源达泰丰盛兴昌隆宇泽润博晟康通恒信诚远航辉阳鼎安"
_INDUSTRIES = (
    "科技", "商贸", "建设工程", "物流", "餐饮管理", "信息技术", "能源", "煤业", "化工", "农业开发",
    "房地产开发", "文化传媒", "机械制造", "新材料", "医药", "环保科技", "电子商务", "食品",
)
_ETHNIC = ("汉族",) * 30 + ("回族", "蒙古族", "满族")


@dataclass(frozen=True)
class Column:
    header: str
    kind: str

    @property
    def base(self) -> str:
        return self.kind.split(":", 1)[0]

    @property
    def arg(self) -> str:
        return self.kind.split(":", 1)[1] if ":" in self.kind else ""

    @property
    def item_type(self) -> str:
        """The data item type named in the catalog (信息项类型)."""
        if self.base in ("int", "num", "series", "seq", "p.age", "year", "sum", "mul", "pct",
                         "lon", "lat"):
            return "数值型"
        if self.base in ("choice", "pick") and all(
            isinstance(_typed(_strip_weight(v)), (int, float)) for v in self.options
        ):
            return "数值型"
        if self.base == "date" or self.base.endswith(".birth") or (
            self.base == "each" and self.arg.split(":")[0] in ("days", "months")
        ):
            return "日期型"
        return "字符型"

    @property
    def options(self) -> list[str]:
        """The alternatives of a `choice` or `pick` column."""
        if self.base == "pick":
            return self.arg.split(":", 1)[1].split("|")
        return self.arg.split("|")

    @property
    def personal(self) -> str | None:
        """The kind of personal information this column holds, if any (ground truth)."""
        role, _, attr = self.base.partition(".")
        if role in PERSON_ROLES:
            return PERSONAL_ATTRS.get(attr)
        if role in ENTITY_ROLES and attr in ("rep", "rep_id", "rep_mobile"):
            return {"rep": "name", "rep_id": "id_number", "rep_mobile": "mobile"}[attr]
        return None


def parse_columns(spec: str) -> tuple[Column, ...]:
    cols = []
    for pair in spec.split():
        header, sep, kind = pair.partition("=")
        if not sep or not header or not kind:
            raise ValueError(f"bad column {pair!r}: expected header=kind")
        cols.append(Column(header, kind))
    return tuple(cols)


def _parse_date(text: str, end: bool) -> dt.date:
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 12, 31) if end else dt.date(int(text), 1, 1)
    return dt.date.fromisoformat(text)


def fill(templates: str, row: Row, role: str | None = None) -> str:
    fake, rng = row.fake, row.fake.random
    tpl = rng.choice(templates.split("|"))
    values = {
        "city": row.city.name, "cityshort": row.city.short, "county": row.county.name,
        "area": row.county.code, "year": str(row.year), "n": str(rng.randint(1, 30)),
        "cn": _CN_NUMERALS[rng.randrange(len(_CN_NUMERALS))],
    }
    for key in re.findall(r"\{(\w+)\}", tpl):
        if key in values:
            continue
        if key in row.values:
            values[key] = text(row.values[key])
        elif key == "street":
            values[key] = rng.choice(geo.STREET_WORDS)
        elif key == "word":
            first = rng.choice(_BRAND_FIRST)
            values[key] = first + rng.choice(_BRAND_SECOND.replace(first, ""))
        elif key == "industry":
            values[key] = rng.choice(_INDUSTRIES)
        elif key == "surname":
            values[key] = fake.last_name()
        elif key == "rep":
            values[key] = row.person(f"{role}.rep" if role else "p").name
        else:
            raise ValueError(f"unknown placeholder {{{key}}} in {templates!r}")
    filled = tpl.format(**values)
    return re.sub("#", lambda _: str(rng.randrange(10)), filled)


def text(value: Cell) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _strip_weight(option: str) -> str:
    return re.sub(r"\*\d+$", "", option)


def _weights(options: list[str]) -> list[int]:
    return [int(m.group(1)) if (m := re.search(r"\*(\d+)$", o)) else 1 for o in options]


def _typed(option: str) -> Cell:
    """Numbers in a choice list are numbers; codes with leading zeros stay text."""
    if re.fullmatch(r"-?(0|[1-9]\d*)", option):
        return int(option)
    if re.fullmatch(r"-?(0|[1-9]\d*)\.\d+", option):
        return float(option)
    return option


def _pick(col: Column, row: Row) -> Cell:
    rng = row.fake.random
    key = col.arg.split(":", 1)[0]
    options = col.options
    if key not in row.picks:
        row.picks[key] = rng.choices(range(len(options)), _weights(options))[0]
    option = _strip_weight(options[row.picks[key] % len(options)])
    chosen = rng.choice(option.split(";"))
    return _typed(fill(chosen, row) if "{" in chosen or "#" in chosen else chosen)


def _band(arg: str, row: Row) -> str:
    header, _, bands = arg.partition(":")
    value = row.values[header]
    for band in bands.split("|"):
        limit, sep, label = band.partition("=")
        if not sep or float(value) <= float(limit):  # type: ignore[arg-type]
            return label if sep else limit
    raise ValueError(f"no band for {value!r} in {arg!r}")


def _sum(arg: str, row: Row) -> Cell:
    parts = [row.values[h] for h in arg.split("+")]
    total = sum(parts)  # type: ignore[arg-type]
    return total if all(isinstance(v, int) for v in parts) else round(total, 2)


def _series(col: Column, row: Row) -> Cell:
    span, _, trend = col.arg.partition(":")
    lo, hi = span.split("~")
    digest = hashlib.sha256(f"{row.salt}:{col.header}:{row.series_key}".encode()).digest()
    own = random.Random(int.from_bytes(digest[:8], "big"))
    g_lo, g_hi = (map(float, trend.split("~")) if trend
                  else _GROWTH.get(row.time_unit, (0.0, 0.0)))
    level, growth = own.uniform(float(lo), float(hi)), own.uniform(g_lo, g_hi)
    value = level * (1 + growth) ** row.t * (1 + row.fake.random.uniform(-0.015, 0.015))
    return round(value) if "." not in lo else round(value, len(lo.partition(".")[2])) + 0.0


def _mul(arg: str, row: Row) -> Cell:
    header, _, span = arg.partition(":")
    lo, hi = span.split("~")
    value = row.values[header] * row.fake.random.uniform(float(lo), float(hi))  # type: ignore[operator]
    return round(value) if isinstance(row.values[header], int) else round(value, 2)


def _pct(arg: str, row: Row) -> Cell:
    part, _, whole = arg.partition("/")
    return round(100 * row.values[part] / row.values[whole], 2)  # type: ignore[operator]


def cell(col: Column, row: Row) -> Cell:  # noqa: C901 -- predates the complexity limit; split it when next changed
    """The value of column `col` in `row` (grid axes are filled by `axis_values`)."""
    base, arg, rng = col.base, col.arg, row.fake.random
    role, _, attr = base.partition(".")
    if role in PERSON_ROLES and attr:
        p = row.person(role)
        return {
            "name": p.name, "id": p.id, "sex": "女" if p.female else "男", "birth": p.birth,
            "age": row.year - p.birth.year, "mobile": p.mobile, "email": p.email,
            "address": p.address, "ethnic": rng.choice(_ETHNIC),
        }[attr]
    if role in ENTITY_ROLES and attr:
        e = row.entity(role)
        if attr == "name":
            if not e.name:
                e.name = fill(arg or _DEFAULT_NAMES[role], row, role)
            return e.name
        return {
            "uscc": e.uscc, "rep": e.rep.name, "rep_id": e.rep.id, "rep_mobile": e.rep.mobile,
            "address": e.address, "phone": e.phone,
        }[attr]
    if base == "int":
        lo, hi = arg.split("~")
        return rng.randint(int(lo), int(hi))
    if base == "num":
        lo, hi = arg.split("~")
        return round(rng.uniform(float(lo), float(hi)), len(lo.partition(".")[2])) + 0.0
    if base in ("lon", "lat"):
        centre = row.city.lon if base == "lon" else row.city.lat
        return round(centre + rng.uniform(-0.3, 0.3), 6)
    if base == "date":
        if arg == "year":
            lo, hi = dt.date(row.year, 1, 1), min(dt.date(row.year, 12, 31), AS_OF)
        else:
            first, last = arg.split("~")
            lo, hi = _parse_date(first, False), _parse_date(last, True)
        return rand_date(rng, lo, hi)
    simple: dict[str, Cell] = {
        "city": row.city.name, "county": row.county.name, "area": row.county.code,
        "seq": row.index + 1, "year": row.year, "const": arg,
    }
    if base in simple:
        return simple[base]
    if base == "choice":
        return _typed(_strip_weight(rng.choices(col.options, _weights(col.options))[0]))
    handlers = {"pick": _pick, "series": _series, "tpl": lambda c, r: fill(c.arg, r),
                "band": lambda c, r: _band(c.arg, r), "sum": lambda c, r: _sum(c.arg, r),
                "mul": lambda c, r: _mul(c.arg, r), "pct": lambda c, r: _pct(c.arg, r)}
    if base in handlers:
        return handlers[base](col, row)
    raise ValueError(f"unknown column kind {col.kind!r}")


def axis_values(col: Column) -> list[Cell]:
    """The values along one grid axis (`each:` column)."""
    name, _, rest = col.arg.partition(":")
    if name == "cities":
        return [c.name for c in geo.CITIES]
    if name == "counties":
        return [c.name for c in geo.COUNTIES]
    if name in ("years", "quarters", "months", "days"):
        lo, hi = rest.split("~")
        return list(_ranges(name, lo, hi))
    return list(col.arg.split("|"))


def _ranges(unit: str, lo: str, hi: str) -> Iterator[Cell]:
    if unit == "years":
        yield from (str(y) for y in range(int(lo), int(hi) + 1))
    elif unit == "quarters":
        y, q = int(lo[:4]), int(lo[-1])
        while f"{y}Q{q}" <= hi:
            yield f"{y}年第{q}季度"
            y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    elif unit == "months":
        y, m = map(int, lo.split("-"))
        while f"{y:04d}-{m:02d}" <= hi:
            yield f"{y:04d}-{m:02d}"
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        d, end = dt.date.fromisoformat(lo), dt.date.fromisoformat(hi)
        while d <= end:
            yield d
            d += dt.timedelta(days=1)
