"""Microsoft Presidio on the desensitization bench corpus (run by bench_desensitize.py).

Runs inside the bench's own virtual environment (presidio-analyzer and -anonymizer,
never a dependency of the portal) and imports nothing of the project. Presidio has no
Chinese models, so it gets a NoOpNlpEngine (no spaCy model download) and pattern
recognizers for the same identifier types as the portal's engine: resident IDs (with the
check character, also written in 6-8-4 groups), mobiles (any spacing, +86), Luhn-valid
bank cards of 16-19 digits, e-mails, and Chinese names (a whole cell that is a common
surname and one to three ideographs, or two or three ideographs after a cue word).
Each cell is analyzed as its own text and anonymized with a mask operator.

    python bench_presidio_worker.py TABLES.json RESULT.json

TABLES.json: ``{"surnames": "王李…", "compound": ["欧阳", …], "tables": [{"file": ...,
"headers": [...], "rows": [[...], ...]}, ...]}`` (the surnames are the portal's own list,
so both sides know the same names);
RESULT.json: the same tables masked, and the seconds spent.
"""

from __future__ import annotations

import json
import sys
import time

from presidio_analyzer import (
    AnalyzerEngine,
    Pattern,
    PatternRecognizer,
    RecognizerRegistry,
)
from presidio_analyzer.nlp_engine import NoOpNlpEngine
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig

_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_CUES = ["联系人", "申请人", "经办人", "负责人", "户名", "户主", "姓名"]


class ResidentIdRecognizer(PatternRecognizer):
    def validate_result(self, pattern_text: str) -> bool:
        digits = pattern_text.replace(" ", "").replace("-", "").upper()
        if len(digits) != 18:
            return False
        total = sum(int(c) * w for c, w in zip(digits[:17], _WEIGHTS))
        return "10X98765432"[total % 11] == digits[17]


class LuhnRecognizer(PatternRecognizer):
    def validate_result(self, pattern_text: str) -> bool:
        digits = [int(c) for c in pattern_text if c.isdigit()]
        total = 0
        for i, d in enumerate(reversed(digits)):
            if i % 2:
                d = d * 2 - 9 if d > 4 else d * 2
            total += d
        return 16 <= len(digits) <= 19 and total % 10 == 0


def analyzer(surnames: str, compound: list[str]) -> AnalyzerEngine:
    han = "[\u4e00-\u9fff]"
    sur = "(?:" + "|".join(compound) + "|[" + surnames + "])"
    cue = "(?:" + "|".join(f"(?<={c})" for c in _CUES) + ")"
    recognizers = [
        ResidentIdRecognizer(
            supported_entity="CN_RESIDENT_ID",
            supported_language="zh",
            patterns=[
                Pattern("id", r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])", 0.5),
                Pattern(
                    "id_grouped",
                    r"(?<![0-9])[1-9][0-9]{5}[- ][0-9]{8}[- ][0-9]{3}[0-9Xx](?![0-9])",
                    0.5,
                ),
            ],
        ),
        PatternRecognizer(
            supported_entity="CN_MOBILE",
            supported_language="zh",
            patterns=[
                Pattern(
                    "mobile",
                    r"(?<![0-9])(?:\+?86[- ]?)?1[3-9][0-9](?:[- ]?[0-9]{4}){2}(?![0-9])",
                    0.6,
                ),
            ],
        ),
        LuhnRecognizer(
            supported_entity="CN_BANK_CARD",
            supported_language="zh",
            patterns=[
                Pattern("card", r"(?<![0-9])[1-9][0-9]{15,18}(?![0-9])", 0.5),
                Pattern(
                    "card_spaced",
                    r"(?<![0-9])[0-9]{4}(?:[- ][0-9]{4}){3}(?:[- ]?[0-9]{1,3})?(?![0-9])",
                    0.5,
                ),
            ],
        ),
        PatternRecognizer(
            supported_entity="EMAIL_ADDRESS",
            supported_language="zh",
            patterns=[
                Pattern(
                    "email",
                    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}",
                    0.6,
                ),
            ],
        ),
        PatternRecognizer(
            supported_entity="CN_PERSON",
            supported_language="zh",
            patterns=[
                Pattern("name_cell", f"^{sur}{han}{{1,3}}$", 0.4),
                Pattern("name_cue", cue + han + "{2,3}", 0.4),
            ],
        ),
    ]
    registry = RecognizerRegistry(recognizers=recognizers, supported_languages=["zh"])
    nlp = NoOpNlpEngine(models=[{"lang_code": "zh", "model_name": "none"}])
    return AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["zh"])


def main() -> None:
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as fh:
        job = json.load(fh)
    tables = job["tables"]
    engine, anonymizer = analyzer(job["surnames"], job["compound"]), AnonymizerEngine()
    mask = {
        "DEFAULT": OperatorConfig(
            "mask", {"masking_char": "*", "chars_to_mask": 100, "from_end": False}
        )
    }
    started = time.perf_counter()
    cache: dict[str, str] = {}

    def clean(text: str) -> str:
        if not text:
            return text
        hit = cache.get(text)
        if hit is None:
            found = engine.analyze(text=text, language="zh")
            hit = anonymizer.anonymize(text, found, mask).text if found else text
            cache[text] = hit
        return hit

    out = []
    for t in tables:
        out.append(
            {
                "file": t["file"],
                "headers": [clean(h) for h in t["headers"]],
                "rows": [[clean(c) for c in row] for row in t["rows"]],
            }
        )
    seconds = time.perf_counter() - started
    with open(dst, "w", encoding="utf-8") as fh:
        json.dump({"seconds": seconds, "tables": out}, fh, ensure_ascii=False)


if __name__ == "__main__":
    main()
