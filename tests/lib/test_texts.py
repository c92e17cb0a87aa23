"""The bilingual message tables every capability shows its wording through."""
from __future__ import annotations

import pytest
from ckanext.govopen.lib.texts import EN, ZH, Texts, lang_key

TABLE = {"greet": ("你好，{name}", "Hello, {name}"), "plain": ("已保存。", "Saved.")}
texts = Texts(TABLE)


@pytest.mark.parametrize(("locale", "key"), [
    (None, ZH), ("", ZH), ("zh_Hans_CN", ZH), ("zh_TW", ZH), ("ZH", ZH),
    ("en", EN), ("en_GB", EN), ("fr", EN),
])
def test_lang_key_defaults_to_chinese(locale: str | None, key: str) -> None:
    assert lang_key(locale) == key


def test_each_form_of_a_message() -> None:
    assert texts.zh("greet", name="张三") == "你好，张三"
    assert texts.en("greet", name="Zhang") == "Hello, Zhang"
    assert texts.both("plain") == "已保存。 / Saved."
    assert texts.pair("greet", name="Li") == {ZH: "你好，Li", EN: "Hello, Li"}
    assert texts.in_lang("plain", "en") == "Saved."
    assert texts.in_lang("plain", "zh_Hans_CN") == "已保存。"
    assert texts.in_lang("plain", None) == "已保存。"
    assert "plain" in texts and "missing" not in texts


def test_an_unknown_key_fails_loudly() -> None:
    with pytest.raises(KeyError):
        texts.zh("missing")
