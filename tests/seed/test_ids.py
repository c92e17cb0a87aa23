from __future__ import annotations

import datetime as dt
import random

import pytest
from stdnum.cn import ric, uscc

from seed import ids


def test_org_code_check_matches_a_published_code() -> None:
    # 91350100M000100Y43 is the example code of GB 32100; its organization code is M000100Y4.
    assert ids.org_code_check("M000100Y") == "4"
    assert ids.is_valid_uscc("91350100M000100Y43")


@pytest.mark.parametrize("prefix", sorted(set(ids.ENTITY_PREFIXES.values())))
def test_made_credit_codes_pass_stdnum_and_the_organization_code_check(prefix: str) -> None:
    rng = random.Random(7)
    for _ in range(500):
        code = ids.make_uscc(rng, prefix, "140105")
        assert uscc.is_valid(code), code
        assert ids.is_valid_uscc(code), code
        assert code.startswith(prefix + "140105")


def test_a_wrong_character_is_caught() -> None:
    code = ids.make_uscc(random.Random(1), "91", "140105")
    wrong = code[:10] + ("1" if code[10] != "1" else "2") + code[11:]
    assert not ids.is_valid_uscc(wrong)


def test_resident_ids_have_the_mod_11_2_check_digit_and_the_sex_in_the_order_code() -> None:
    rng = random.Random(3)
    for i in range(1000):
        female = i % 2 == 0
        number = ids.make_resident_id(rng, "140105", dt.date(1980, 1, 1) + dt.timedelta(i), female)
        assert len(number) == 18
        assert number[17] == ric.calc_check_digit(number)
        assert ids.resident_id_check_ok(number)
        assert int(number[16]) % 2 == (0 if female else 1)


def test_the_classic_example_number_checks() -> None:
    assert ids.resident_id_check_ok("11010519491231002X")
    assert not ids.resident_id_check_ok("110105194912310021")
