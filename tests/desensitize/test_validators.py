from __future__ import annotations

import random
import re

import polars as pl
from ckanext.govopen.desensitize import patterns as P
from ckanext.govopen.desensitize import validators as V
from ckanext.govopen.desensitize import vector
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.cn import uscc as stdnum_uscc

from .helpers import bank_card, mobile, old_resident_id, resident_id, uscc


def test_resident_id_check_digit_and_date():
    rng = random.Random(1)
    for _ in range(200):
        rid = resident_id(rng)
        assert V.is_resident_id(rid)
        wrong = rid[:17] + ("0" if rid[17] != "0" else "1")
        assert not V.is_resident_id(wrong)
    assert V.is_resident_id(resident_id(rng, x_check=True).lower())
    assert not V.is_resident_id("110105194902301234")  # 30 February
    assert V.is_resident_id(old_resident_id(rng))
    assert not V.is_resident_id("110105491331123")  # month 13


def test_uscc_matches_stdnum_and_is_public():
    rng = random.Random(2)
    for _ in range(200):
        code = uscc(rng)
        assert V.is_uscc(code)
        assert stdnum_uscc.calc_check_digit(code[:17]) == code[17]
        assert V.is_public_uscc(code)
    assert V.is_uscc("91110000600037341L") and not V.is_uscc("91110000600037341M")


def test_bank_card_luhn_and_prefix():
    rng = random.Random(3)
    for length in (16, 17, 18, 19):
        card = bank_card(rng, length)
        assert luhn.is_valid(card) and V.is_bank_card(card)
    assert V.is_bank_card("6222 0212 3456 7890 128") == luhn.is_valid(
        "6222021234567890128"
    )
    assert not V.is_bank_card("1234567812345670")  # Luhn-valid, implausible first digit


def test_phone_email_passport_plate_name():
    assert V.is_mobile("13800138000") and V.is_mobile("+86 138 0013 8000")
    assert not V.is_mobile("12800138000")
    assert V.is_landline("0571-87654321") and V.is_landline("(010)12345678")
    assert V.is_email("zhang.san@example.com") and not V.is_email("zhang@")
    assert V.is_passport("E12345678") and V.is_passport("ea1234567")
    assert V.is_plate("京A12345") and V.is_plate("粤B12345D")
    assert V.is_chinese_name("张三") and V.is_chinese_name("欧阳娜娜")
    assert not V.is_chinese_name("有限公司") and not V.is_chinese_name("x")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXYXx", min_size=18, max_size=18),
        max_size=30,
    ),
    st.integers(0, 2**32),
)
def test_vector_checks_agree_with_scalar(noise, seed):
    rng = random.Random(seed)
    values = (
        noise + [resident_id(rng) for _ in range(5)] + [uscc(rng) for _ in range(5)]
    )
    values += [uscc(rng, all_digits=True), mobile(rng), bank_card(rng), "", None]
    s = pl.Series(values, dtype=pl.String)
    ids, usccs = vector.id18_valid(s).to_list(), vector.uscc_valid(s).to_list()
    for v, i, u in zip(values, ids, usccs):
        if v is None:
            assert not i and not u
            continue
        assert u == V.is_uscc(v)
        # The vector ID check only knows "day <= 31", so it may accept an impossible date:
        # it errs on the side of treating a value as an ID, never the other way.
        if V.is_resident_id(v) and len(v) == 18:
            assert i


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(alphabet="0123456789Xx", min_size=18, max_size=18)
        | st.text(
            alphabet="0123456789ABCDEFGHJKLMNPQRTUWXYZIOS中 ", min_size=16, max_size=19
        )
        | st.from_regex(P.ID18, fullmatch=True),
        max_size=40,
    )
)
def test_vector_shapes_agree_with_the_patterns(values):
    # The numpy checks test the shapes of patterns.ID18 and patterns.USCC themselves
    # (birth year, month, day ranges; office digits), without a regex pass.
    s = pl.Series(values, dtype=pl.String)
    ids, usccs = vector.id18_valid(s).to_list(), vector.uscc_valid(s).to_list()
    public = vector.public_uscc(s).to_list()
    for v, i, u, p in zip(values, ids, usccs, public):
        id_ok = (
            bool(re.fullmatch(P.ID18, v)) and V.id_check_char(v[:17]) == v[17].upper()
        )
        u_ok = bool(re.fullmatch(P.USCC, v)) and V.is_uscc(v)
        assert (i, u, p) == (id_ok, u_ok, u_ok and not id_ok), v
