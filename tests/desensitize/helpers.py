"""Generators of valid identifiers and small helpers shared by the tests."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

from ckanext.govopen.desensitize.validators import id_check_char

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
AREAS = ["110105", "310104", "440106", "510104", "140105", "650102", "330106"]


def resident_id(rng: random.Random, x_check: bool | None = None) -> str:
    while True:
        body = (
            rng.choice(AREAS)
            + f"{rng.randint(1930, 2010)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            + f"{rng.randint(0, 999):03d}"
        )
        check = id_check_char(body)
        if x_check is None or (check == "X") == x_check:
            return body + check


def old_resident_id(rng: random.Random) -> str:
    return (
        rng.choice(AREAS)
        + f"{rng.randint(30, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        + f"{rng.randint(0, 999):03d}"
    )


def mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randint(0, 999_999_999):09d}"


def luhn_complete(body: str) -> str:
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return body + str((10 - total % 10) % 10)


def bank_card(rng: random.Random, length: int = 19) -> str:
    body = rng.choice(["622202", "621700", "436742", "520000"])
    body += "".join(str(rng.randint(0, 9)) for _ in range(length - 7))
    return luhn_complete(body)


def uscc(rng: random.Random, all_digits: bool = False) -> str:
    while True:
        chars = "0123456789" if all_digits else USCC_ALPHABET
        body = rng.choice("159") + rng.choice("123") + rng.choice(AREAS)
        body += "".join(rng.choice(chars) for _ in range(9))
        total = sum(USCC_ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(body))
        check = USCC_ALPHABET[(31 - total % 31) % 31]
        if not all_digits or check.isdigit():
            return body + check


def write_csv(
    path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8"
) -> Path:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
