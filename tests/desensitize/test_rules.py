from __future__ import annotations

import re

import polars as pl
import pytest
from ckanext.govopen.desensitize import PolicyError, load_policy
from ckanext.govopen.desensitize.rules import apply_rule, pseudonym, pseudonymize

POLICY = load_policy()
FULL = POLICY.full_mask


def run(col_type: str, values: list[str | None], policy=POLICY) -> list[str | None]:
    s = pl.Series("c0", values, dtype=pl.String)
    return apply_rule(col_type, policy.rule_for(col_type), policy, s).to_list()


def test_id_card_never_keeps_birth_digits():
    out = run(
        "id_card",
        ["110105194912310021", "11010519491231002x", "110105491231002", "abc"],
    )
    assert out[0] == "110***********0021"
    assert out[1] == "110***********002x"
    assert out[2] == "110***********002"  # old form: birth day digit not kept
    assert out[3] == FULL  # not an ID shape: masked whole
    for masked in out[:3]:
        assert not re.search(r"19491231|491231", masked)


def test_id_card_policy_bounds():
    with pytest.raises(PolicyError):
        load_policy(
            {"rules": {"id_card": {"rule": "mask", "keep_prefix": 8, "keep_suffix": 4}}}
        )
    with pytest.raises(PolicyError):
        load_policy(
            {"rules": {"id_card": {"rule": "mask", "keep_prefix": 6, "keep_suffix": 5}}}
        )
    p = load_policy(
        {"rules": {"id_card": {"rule": "mask", "keep_prefix": 6, "keep_suffix": 4}}}
    )
    assert run("id_card", ["110105194912310021"], p) == ["110105********0021"]


def test_phone_mobile_landline_and_fallback():
    out = run(
        "phone",
        ["13800138000", "+86 138 0013 8000", "0571-87654321", "1.38001E+10", "", None],
    )
    assert out == ["138****8000", "138****8000", "0571****4321", FULL, "", None]


def test_name():
    assert run(
        "name", ["张三", "欧阳娜娜", " 王小明 ", "John Smith", "张三13800138000"]
    ) == [
        "张*",
        "欧***",
        "王**",
        "J***",
        FULL,
    ]


def test_email():
    assert run("email", ["zhangsan@example.com", "a@b.cn", "not-an-email"]) == [
        "z***@example.com",
        "a***@b.cn",
        FULL,
    ]


def test_bank_card():
    assert run("bank_card", ["6222021234567890128", "6222 0212 3456 7890", "12"]) == [
        "622202******0128",
        "622202******7890",
        FULL,
    ]


def test_address_cut_to_township():
    out = run(
        "address",
        [
            "广东省深圳市南山区粤海街道科技园南区8栋301",
            "北京市朝阳区建国路88号",
            "浙江省杭州市西湖区文三路90号",
            "上海市幸福小区3号楼",
            "某地",
        ],
    )
    assert out[0] == "广东省深圳市南山区粤海街道****"
    assert out[1] == "北京市朝阳区****"
    assert out[2] == "浙江省杭州市西湖区****"
    assert "3" not in out[3] and "小区" not in out[3]
    assert out[4] == FULL
    county = load_policy(
        {"rules": {"address": {"rule": "truncate", "level": "county"}}}
    )
    assert run("address", ["广东省深圳市南山区粤海街道科技园"], county) == [
        "广东省深圳市南山区****"
    ]


def test_passport_plate_birth_date():
    assert run("passport", ["E12345678"]) == ["E********"]
    assert run("plate", ["京A12345", "abc"]) == ["京A*****", FULL]
    assert run(
        "birth_date", ["1985-03-12", "19850312", "1985年3月12日", "unknown"]
    ) == [
        "1985-**-**",
        "1985-**-**",
        "1985-**-**",
        FULL,
    ]


def test_uscc_kept_only_when_valid_and_not_an_id():
    out = run(
        "uscc", ["91110000600037341L", "91110000600037341M", "110105194912310021"]
    )
    assert out == ["91110000600037341L", FULL, FULL]


def test_remove_rule():
    p = load_policy({"rules": {"bank_card": {"rule": "remove"}}})
    assert run("bank_card", ["6222021234567890128", ""], p) == [FULL, ""]


def test_pseudonym_is_keyed_deterministic_and_digit_free():
    a = pseudonym("110105194912310021", "id_card", b"k1")
    assert a == pseudonym("110105194912310021 ", "id_card", b"k1")
    assert a != pseudonym("110105194912310021", "id_card", b"k2")
    assert a.startswith("PS_") and not any(c.isdigit() for c in a)
    s = pl.Series(["张三", "张三", None])
    out = pseudonymize(s, "name", b"k", "姓名").to_list()
    assert out[0] == out[1] and out[2] is None
    with pytest.raises(PolicyError):
        pseudonymize(s, "name", None, "姓名")


def test_policy_rejects_keep_for_personal_types_and_bad_masks():
    with pytest.raises(PolicyError):
        load_policy({"rules": {"id_card": {"rule": "keep"}}})
    with pytest.raises(PolicyError):
        load_policy({"full_mask": "xx"})
    p = load_policy({"columns": {"热线": {"type": "public"}}})
    assert p.columns["热线"]["type"] == "public" and p.digest != POLICY.digest
