"""One row of a generated table: the people, legal entities and place it describes.

People and entities are created on first use and then shared by every column of the row,
so a name, an identity number, a sex and a birth date always belong together.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from faker import Faker

from seed import geo, ids

Cell = str | int | float | dt.date

AS_OF = dt.date(2025, 6, 30)  # the demo data describe the province as of this day
PERSON_ROLES = ("p", "p2", "youth", "mother", "father", "child")
ENTITY_ROLES = {
    "co": "enterprise", "shop": "individual", "coop": "cooperative",
    "inst": "institution", "ngo": "social_group",
}


@dataclass
class Person:
    surname: str
    name: str
    female: bool
    birth: dt.date
    id: str
    mobile: str
    email: str
    address: str


@dataclass
class Entity:
    prefix: str
    rep: Person
    uscc: str = ""
    address: str = ""
    phone: str = ""
    name: str = ""


@dataclass
class Row:
    """Lazily created people and entities of one row, all placed in one county."""

    fake: Faker
    county: geo.County
    year: int
    index: int
    salt: int = 0  # per table, so that equal headers in two tables get unrelated series
    people: dict[str, Person] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    values: dict[str, Cell] = field(default_factory=dict)  # earlier columns, by header
    picks: dict[str, int] = field(default_factory=dict)
    series_key: str = ""  # the entity a grid row describes (non-time axis values)
    t: int = 0  # position along the grid's time axis
    time_unit: str = ""  # years, quarters, months or days

    @property
    def city(self) -> geo.City:
        return geo.CITY_BY_NAME[self.county.city]

    def person(self, role: str) -> Person:
        if role not in self.people:
            # A child takes the father's surname.
            surname = self.person("father").surname if role == "child" else None
            self.people[role] = make_person(self.fake, self.county, role, self.year, surname)
        return self.people[role]

    def entity(self, role: str) -> Entity:
        if role not in self.entities:
            rng = self.fake.random
            ent = Entity(ids.ENTITY_PREFIXES[ENTITY_ROLES[role]], self.person(f"{role}.rep"))
            ent.uscc = ids.make_uscc(rng, ent.prefix, self.county.code)
            ent.address = street_address(self.fake, self.county)
            ent.phone = f"{self.city.phone_prefix}-{rng.randrange(2_000_000, 8_000_000)}"
            self.entities[role] = ent
        return self.entities[role]


def street_address(fake: Faker, county: geo.County, home: bool = False) -> str:
    rng = fake.random
    street = rng.choice(geo.STREET_WORDS) + rng.choice(geo.STREET_KINDS)
    addr = f"{geo.PROVINCE}{county.city}{county.name}{street}{rng.randint(1, 399)}号"
    if home:
        addr += f"{rng.randint(1, 30)}栋{rng.randint(1, 6)}单元{rng.randint(1, 28)}0{rng.randint(1, 4)}室"
    return addr


def make_person(fake: Faker, county: geo.County, role: str, year: int,
                 surname: str | None = None) -> Person:
    rng = fake.random
    female = {"mother": True, "father": False}.get(role, rng.random() < 0.5)
    if role == "child":
        birth = rand_date(rng, dt.date(year - 1, 1, 1), min(dt.date(year, 12, 31), AS_OF))
    else:
        lo, hi = {"mother": (22, 40), "father": (24, 45), "youth": (21, 32)}.get(role, (19, 75))
        birth = rand_date(rng, dt.date(year - hi, 1, 1), dt.date(year - lo, 12, 31))
    # zh_CN's name_female() draws from both lists; compose the name instead.
    given = fake.first_name_female() if female else fake.first_name_male()
    surname = surname or fake.last_name()
    # Most people were born where they live; some came from elsewhere.
    born_in = county.code if rng.random() < 0.8 else rng.choice(
        [c.code for c in geo.COUNTIES] + list(geo.OTHER_AREAS))
    return Person(
        surname=surname, name=surname + given, female=female, birth=birth,
        id=ids.make_resident_id(rng, born_in, birth, female),
        mobile=fake.phone_number(), email=fake.email(),
        address=street_address(fake, county, home=True),
    )


def rand_date(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))
