from __future__ import annotations

import random

import polars as pl
from ckanext.govopen.desensitize import load_policy
from ckanext.govopen.desensitize.freetext import FreeTextScrubber
from ckanext.govopen.desensitize.verify import scan_text

from .helpers import bank_card, mobile, resident_id, uscc

POLICY = load_policy()


def scrub(values, names=None, top=(), policy=POLICY):
    sc = FreeTextScrubber(policy)
    s = pl.Series("c0", values, dtype=pl.String)
    n = pl.Series("n", names, dtype=pl.String) if names is not None else None
    out, _ = sc.scrub(s, n, list(top))
    return out.to_list()


def test_embedded_identifiers_are_masked():
    rng = random.Random(5)
    rid, mob, card = resident_id(rng), mobile(rng), bank_card(rng)
    out = scrub(
        [
            f"联系人张三，电话{mob}",
            f"身份证{rid}已核验",
            f"退款至{card}",
            "电话 138 0013 8000 / 0571-87654321 / (010)12345678",
            "邮箱 zhang.san@example.com",
            "Excel 弄丢的号码 1.1010519491231e+17",
            "已办结",
            None,
        ]
    )
    assert mob not in out[0] and "张三" not in out[0] and out[0].startswith("联系人张")
    assert rid not in out[1] and card not in out[2]
    assert (
        "0013" not in out[3] and "87654321" not in out[3] and "12345678" not in out[3]
    )
    assert "zhang.san@" not in out[4]
    assert "1101" not in out[5]
    assert out[6] == "已办结" and out[7] is None
    assert all(not scan_text(v) for v in out if v)


def test_uscc_in_text_is_left_alone():
    rng = random.Random(6)
    letters, digits = uscc(rng), uscc(rng, all_digits=True)
    mob = mobile(rng)
    out = scrub(
        [f"信用代码{letters}，电话{mob}", f"代码 {digits} 备案", f"{letters},{digits}"]
    )
    assert letters in out[0] and mob not in out[0]
    assert digits in out[1]
    assert out[2] == f"{letters},{digits}"


def test_glued_and_fullwidth_digits():
    out = scrub(
        ["tel13800138000", "ID11010519491231002X", "电话：１３８００１３８０００"]
    )
    assert "13800138000" not in out[0]
    assert "1949" not in out[1]
    assert "0013" not in out[2] and "００１３" not in out[2]


def test_names_from_own_column():
    out = scrub(
        ["申请人王小明已到场", "王小明的邻居李四", "无"],
        names=["王小明", "李四", None],
        top=["李四", "王小明"],
    )
    assert "王小明" not in out[0] and "王小明" not in out[1] and "李四" not in out[1]
    assert out[2] == "无"


def test_keep_digits_policy():
    policy = load_policy(
        {"rules": {"free_text": {"rule": "scan", "keep_prefix": 3, "keep_suffix": 4}}}
    )
    out = scrub(
        ["电话13800138000", "身份证110105194912310021", "旧证110105491231002"],
        policy=policy,
    )
    assert out == ["电话138****8000", "身份证110****0021", "旧证110****002"]
