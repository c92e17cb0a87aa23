"""Resource codes, credit codes and division codes (no services needed)."""
from __future__ import annotations

import pytest
from ckanext.govopen.catalog import codes

VALID_CREDIT = "11140000MB0123456X"


def _valid_credit(first17: str) -> str:
    return first17 + codes.credit_check_character(first17)


def test_credit_code_with_its_check_character_is_accepted() -> None:
    code = _valid_credit("11140000MB0123456")
    assert codes.check_credit_code(code.lower()) == code


@pytest.mark.parametrize(("value", "reason"), [
    ("1114000001234", "length"),
    ("11140000MB01234I6X", "format"),   # I is not in the code alphabet
    ("1114A000MB0123456X", "format"),   # registration area must be digits
])
def test_malformed_credit_codes_say_why(value: str, reason: str) -> None:
    with pytest.raises(codes.CodeError) as e:
        codes.check_credit_code(value)
    assert e.value.reason == reason


def test_credit_code_with_a_wrong_check_character_is_refused() -> None:
    good = _valid_credit("11140000MB0123456")
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(codes.CodeError) as e:
        codes.check_credit_code(wrong)
    assert e.value.reason == "checksum"


def test_resource_code_is_provider_classification_and_sequence() -> None:
    provider = _valid_credit("11140000MB0123456")
    code = codes.compose_resource_code(provider, "101001", 7)
    assert code == f"{provider}-101001-0007"
    assert codes.parse_resource_code(code) == (provider, "101001", 7)
    assert codes.is_resource_code(code)


@pytest.mark.parametrize("value", [
    "", "X-101001-0001", "11140000MB0123456X-10100-0001", "11140000MB0123456X-101001-0000",
    "11140000MB0123456X-101001-00001", "11140000MB0123456X/101001/0001",
])
def test_malformed_resource_codes(value: str) -> None:
    assert not codes.is_resource_code(value)


def test_next_sequence_follows_the_highest_code_in_use() -> None:
    prefix = "11140000MB0123456X-101001-"
    assert codes.next_sequence([]) == 1
    assert codes.next_sequence([prefix + "0001", prefix + "0009", prefix + "0003"]) == 10
    assert codes.next_sequence(["garbage", prefix + "0002"]) == 3


def test_sequence_is_exhausted_at_9999() -> None:
    with pytest.raises(codes.CodeError):
        codes.next_sequence(["11140000MB0123456X-101001-9999"])


@pytest.mark.parametrize(("code", "name"), [
    ("140000", "山西省"),
    ("140100", "山西省 太原市"),
    ("140105", "山西省 太原市 小店区"),
    ("140802", "山西省 运城市 盐湖区"),
])
def test_current_division_codes_have_names(code: str, name: str) -> None:
    assert codes.division_name(code) == name


@pytest.mark.parametrize("code", ["140102", "999999", "14010", "abcdef", ""])
def test_abolished_unknown_or_malformed_division_codes(code: str) -> None:
    assert not codes.is_division_code(code)
