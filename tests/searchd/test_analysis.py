"""Token streams of the schema's text types, Chinese segmentation included."""
from __future__ import annotations

import pytest
from ckanext.govopen.searchd.analysis import NgramAnalyzer, TextAnalyzer, analyzer_for
from ckanext.govopen.searchd.schema import Schema, default_schema_path


@pytest.fixture(scope="module")
def schema() -> Schema:
    return Schema(default_schema_path())


def text(schema: Schema, field: str = "text") -> TextAnalyzer:
    analyzer = analyzer_for(schema.lookup(field).type)  # type: ignore[union-attr]
    assert isinstance(analyzer, TextAnalyzer)
    return analyzer


def test_word_delimiter_stemming_folding(schema: Schema) -> None:
    tokens = text(schema).index_tokens(["Wi-Fi PowerShot500 O'Neil's Running café"])
    assert tokens == [("wi", 0), ("fi", 1), ("wifi", 0), ("power", 2), ("shot", 3),
                      ("powershot", 2), ("500", 4), ("o", 5), ("neil", 6), ("oneil", 5),
                      ("run", 7), ("cafe", 8)]
    assert text(schema).query_tokens("Wi-Fi Running") == ["wi", "fi", "run"]


def test_text_general_keeps_case_split_and_stems(schema: Schema) -> None:
    general = text(schema, "author")
    assert general.index_tokens(["PowerShot Running"]) == [("powershot", 0), ("running", 1)]


def test_values_are_separated_by_a_position_gap(schema: Schema) -> None:
    tokens = text(schema).index_tokens(["a b", "c"])
    assert tokens == [("a", 0), ("b", 1), ("c", 102)]


def test_chinese_segmentation(schema: Schema) -> None:
    analyzer = text(schema)
    tokens = dict(analyzer.index_tokens(["企业营业执照登记信息"]))
    # search-mode sub-words share the compound's position
    assert tokens["营业执照"] == tokens["营业"] == tokens["执照"] == 1
    assert tokens["企业"] == 0 and tokens["登记"] == 2
    assert analyzer.query_tokens("企业营业执照") == ["企业", "营业执照"]
    assert analyzer.query_tokens("营业时间和驾驶执照") == ["营业时间", "和", "驾驶执照"]
    assert analyzer.query_tokens("数据API２０２４") == ["数据", "api", "2024"]


def test_multiterm_normalization(schema: Schema) -> None:
    assert text(schema).multiterm("Wonder* Café") == "wonder* cafe"


def test_ngrams(schema: Schema) -> None:
    ngram = analyzer_for(schema.lookup("title_ngram").type)  # type: ignore[union-attr]
    assert isinstance(ngram, NgramAnalyzer)
    grams = {t for t, _ in ngram.index_tokens(["A Wonderful"])}
    assert {"won", "wonder", "a won"} <= grams and "a" not in grams
    assert max(len(g) for g in grams) == 10
    assert ngram.query_tokens("Won Der") == ["won", "der"]
    assert ngram.windows("abcdefghijkl") == ["abcdefghij", "bcdefghijk", "cdefghijkl"]


def test_search_mode_segmentation_matches_two_pass_reference() -> None:
    """Precise words are read off jieba's search mode; check against two jieba calls."""
    import random

    from ckanext.govopen.searchd import analysis
    from ckanext.govopen.searchd.bench import _zh

    rng = random.Random(5)
    runs = ["企业营业执照登记信息", "上海市", "中华人民共和国国家统计局", "数", "𠀀𠀁数据"]
    runs += [m.group() for _ in range(300) for m in analysis._HAN_RE.finditer(_zh(rng, 60))]
    for run in runs:
        fast: list[tuple[str, int]] = []
        slow: list[tuple[str, int]] = []
        assert analysis._segment(run, 7, fast, True) == analysis._segment_slow(run, 7, slow)
        assert fast == slow, run


def test_ngram_positions_skip_repeats(schema: Schema) -> None:
    ngram = analyzer_for(schema.lookup("title_ngram").type)  # type: ignore[union-attr]
    # grams by start then size, one position each; a repeated gram keeps its first
    assert ngram.index_tokens(["abab", "ab"]) == [
        ("ab", 0), ("aba", 1), ("abab", 2), ("ba", 3), ("bab", 4), ("ab", 106)]


def test_ascii_part_splitting_matches_character_rules() -> None:
    import itertools

    from ckanext.govopen.searchd.analysis import _char_type, _split_run

    def reference(run: str, split_case: bool) -> list[tuple[str, bool]]:
        parts, start, last = [], 0, _char_type(run[0])
        for i in range(1, len(run)):
            cur = _char_type(run[i])
            if (last == "D") != (cur == "D") or (split_case and last == "L" and cur == "U"):
                parts.append((run[start:i], last == "D"))
                start = i
            last = cur
        parts.append((run[start:], last == "D"))
        return parts

    for size in range(1, 6):
        for chars in itertools.product("aZb9Y", repeat=size):
            run = "".join(chars)
            for split_case in (True, False):
                assert _split_run(run, split_case) == reference(run, split_case), run
