"""Regular expressions shared by the vectorized (polars, Rust regex) and Python paths.

Every pattern is written once as a template and rendered for each engine: ``{B}`` is an
ASCII word boundary (so a digit run glued to Chinese text still has edges, while the digits
inside ``91110000600037341N`` do not), ``{HAN}`` a class of CJK ideographs. Digits are
always ``[0-9]``: Rust's ``\\d`` is Unicode-aware and Python's ``\\d`` under ``re.ASCII`` is
not, and both paths must agree on what they mask.
"""

from __future__ import annotations

import re

from ckanext.govopen.desensitize.surnames import COMPOUND, SINGLE

HAN_CHARS = "㐀-䶿一-鿿豈-﫿"
HAN = f"[{HAN_CHARS}]"
RUST = {"B": r"(?-u:\b)", "HAN": HAN}
PY = {"B": r"\b", "HAN": HAN}
FULLWIDTH_DIGITS = "０１２３４５６７８９"
FULLWIDTH_TABLE = str.maketrans(FULLWIDTH_DIGITS, "0123456789")

PROVINCE_ABBR = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领"
USCC_CHARS = "0-9A-HJ-NPQRTUWXY"
NAME_CUES = (
    "联系人|申请人|经办人|负责人|法定代表人|法人代表|户名|姓名|收件人|委托人|代理人|户主|"
    "患者|当事人|被申请人|举报人|投诉人"
)


def render(template: str, engine: dict[str, str]) -> str:
    out = template.replace("{B}", engine["B"]).replace("{HANC}", HAN_CHARS)
    return out.replace("{HAN}", engine["HAN"])


# --- whole-cell shapes (classification and typed columns) -----------------------------
ID18 = r"[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]"
ID15 = r"[1-9][0-9]{5}[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}"
MOBILE = r"(?:\+?86[- ]?)?1[3-9][0-9][- ]?[0-9]{4}[- ]?[0-9]{4}"
LANDLINE = r"[(（]?0[1-9][0-9]{1,2}[)）]?[- ]?[0-9]{7,8}(?:(?:-|转|ext\.?)[0-9]{1,6})?"
EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
BANK_CARD = r"[3-6][0-9]{15,18}"
PASSPORT = r"(?:[EG][0-9]{8}|E[A-HJ-NP-Z][0-9]{7}|[DSP]E?[0-9]{7}|[HM][0-9]{8,10})"
PLATE = (
    "[" + PROVINCE_ABBR + r"][A-HJ-NP-Z][A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳领使]"
)
USCC = f"[{USCC_CHARS}]{{2}}[0-9]{{6}}[{USCC_CHARS}]{{10}}"
NAME_HAN = r"{HAN}[{HANC}·•]{1,9}"
SCI_NUMBER = r"[+-]?[1-9](?:\.[0-9]+)?[Ee]\+?1[0-9]"

# Address levels. A county name may not end in 小/社/园… so "幸福小区" is not taken for a
# district (Rust class intersection; address patterns only run in polars).
_HAN_NOT_BELOW = "[㐀-䶿一-鿿&&[^小社园校厂营寨村矿院馆场店楼栋号巷弄路街道]]"
ADDRESS_LEVELS = {
    "province": r"(?:北京市|天津市|上海市|重庆市|{HAN}{2,7}?(?:省|自治区|特别行政区))",
    "city": r"(?:{HAN}{1,9}?(?:市|自治州|州|地区|盟))",
    "county": r"(?:{HAN}{0,8}?"
    + _HAN_NOT_BELOW
    + r"(?:区|县|市|旗|自治县|自治旗|林区|特区))",
    "township": r"(?:{HAN}{1,9}?(?:街道|镇|乡|苏木))",
}
ADDRESS_DETAIL = r"[0-9０-９]|号|路|街|巷|弄|村|组|室|栋|楼|幢|单元|小区|大厦|座"


def address_prefix(level: str) -> str:
    """Rust pattern whose group 1 is the address cut at ``level`` (may be empty)."""
    order = ["province", "city", "county", "township"]
    parts = "".join(f"{ADDRESS_LEVELS[lv]}?" for lv in order[: order.index(level) + 1])
    return render(r"^\s*(" + parts + ")", RUST)


def freetext(
    engine: dict[str, str], prefix: int, suffix: int, token: str
) -> tuple[str, str]:
    """One alternation that finds every identifier form in free text, and its template.

    Each alternative captures what it keeps in groups with their own names, and the
    template concatenates all groups around one mask token: groups of alternatives that
    did not match are empty. That makes the backstop a single regex pass. When nothing is
    kept (the default) the groups are dropped, so the engine can use its fast DFA path.
    Order matters only between alternatives that can start at the same position.
    """
    p, s = prefix, suffix
    s15 = min(s, 3)  # the 15-digit ID ends in its birth day + 3 sequence digits
    sx = max(s - 1, 0)
    x_alt = (
        rf"{{B}}(?P<xa>[0-9]{{{p}}})[0-9]{{{17 - p - sx}}}(?P<xb>[0-9]{{{sx}}}[Xx]){{B}}"
        if s
        else rf"{{B}}(?P<xa>[0-9]{{{p}}})[0-9]{{{17 - p}}}[Xx](?P<xb>){{B}}"
    )
    mob_head = ["1", "[3-9]", "[0-9]"]
    # Spaced forms have no word boundaries: "tel138 0013 8000x" must be caught too, and a
    # mandatory separator keeps them out of the digit runs of credit codes.
    mobile_alt = (
        r"(?:\+?86[- ]?)?(?P<sa>"
        + "".join(mob_head[:p])
        + ")"
        + "".join(mob_head[p:])
        + r"(?:[- ][0-9]{4}[- ]?|[0-9]{4}[- ])"
        + rf"[0-9]{{{4 - min(s, 4)}}}(?P<sb>[0-9]{{{min(s, 4)}}})"
    )
    # A resident ID written in its three parts, "140102 19900307 1235" (6-8-4).
    gp, gs = min(p, 6), min(s, 4)
    grouped_alt = (
        rf"{{B}}(?P<ga>[0-9]{{{gp}}})[0-9]{{{6 - gp}}}[- ][0-9]{{8}}[- ]?"
        + (
            rf"[0-9]{{{4 - gs}}}(?P<gb>[0-9]{{{gs - 1}}}[0-9Xx])"
            if gs
            else r"[0-9]{3}[0-9Xx](?P<gb>)"
        )
        + r"{B}"
    )
    alts = [
        grouped_alt,
        x_alt,
        rf"{{B}}(?P<fa>[0-9]{{{p}}})[0-9]{{{15 - p - s15}}}(?P<fb>[0-9]{{{s15}}}){{B}}",
        rf"{{B}}(?P<da>[0-9]{{{p}}})[0-9]{{{11 - p - s},{19 - p - s}}}(?P<db>[0-9]{{{s}}}){{B}}",
        mobile_alt,
        r"[0-9]{4}(?:[- ][0-9]{4}){3}(?:[- ]?[0-9]{1,3})?",
        r"[0-9]{6}[- ][0-9]{10,13}",
        rf"{{B}}(?P<la>0[1-9][0-9]{{1,2}})[- ][0-9]{{{7 - s},{8 - s}}}(?P<lb>[0-9]{{{s}}}){{B}}",
        rf"[(（](?P<lp>0[1-9][0-9]{{1,2}})[)）][- ]?[0-9]{{{7 - s},{8 - s}}}(?P<lq>[0-9]{{{s}}}){{B}}",
        r"{B}" + SCI_NUMBER + r"{B}",
        r"(?P<ea>[A-Za-z0-9])[A-Za-z0-9._%+-]*(?P<eb>@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})",
    ]
    pattern_t = "|".join(f"(?:{a})" for a in alts)
    pattern = render(pattern_t, engine)
    heads = ["ga", "xa", "fa", "da", "sa", "la", "lp", "ea"]
    tails = ["gb", "xb", "fb", "db", "sb", "lb", "lq", "eb"]
    if not p and not s:
        return re.sub(r"\(\?P<\w+>", "(?:", pattern), _literal(token, engine)
    if engine is RUST:
        # Groups by number: polars expands the template at every match, and looking
        # sixteen names up per match costs a fifth of the whole replacement. The numbers
        # are those of the same pattern rendered for Python (only {B} and {HAN} differ,
        # neither captures).
        number = re.compile(render(pattern_t, PY)).groupindex
        tmpl = "".join(f"${{{number[g]}}}" for g in heads) + _literal(token, engine)
        tmpl += "".join(f"${{{number[g]}}}" for g in tails)
    else:
        tmpl = "".join(f"\\g<{g}>" for g in heads) + _literal(token, engine)
        tmpl += "".join(f"\\g<{g}>" for g in tails)
    return pattern, tmpl


def _literal(token: str, engine: dict[str, str]) -> str:
    return token.replace("$", "$$") if engine is RUST else token.replace("\\", "\\\\")


# Words that end a name written after a cue ("联系人王五电话…"), and characters a name
# after a cue does not start with ("户主姓名" is a header, not 户主 + a name).
_NAME_STOP = (
    r"电话|手机|号码|身份|证件|证号|地址|住址|联系|性别|年龄|先生|女士|同志|的|于|在|已|等"
    r"|[^{HANC}]|$"
)
_NOT_NAME_START = "姓名电手身证地住联签信情单性年号码的为是在和及等已未于请本该"


def _surname_class() -> str:
    return "(?:" + "|".join(sorted(COMPOUND)) + "|[" + "".join(sorted(SINGLE)) + "])"


SURNAME_RE = _surname_class()


def name_cue(engine: dict[str, str], token: str) -> list[tuple[str, str]]:
    """Passes (pattern, template) that mask a name after a cue word such as 联系人.

    A surname and one or two characters followed by a word that ends a name keep the
    surname and get one star per character (联系人王*电话); otherwise, failing closed,
    the two or three ideographs after the cue are masked as before."""
    cue = r"((?:" + NAME_CUES + r")[:：]?)"
    sur = SURNAME_RE
    stop = "(" + _NAME_STOP + ")"
    if engine is RUST:
        first = "[{HANC}&&[^" + _NOT_NAME_START + "]]"
        g = lambda n: "${" + str(n) + "}"
    else:
        first = "(?![" + _NOT_NAME_START + "]){HAN}"
        g = lambda n: "\\g<" + str(n) + ">"
    star = _literal("*", engine)
    return [
        (
            render(cue + "(" + sur + "){HAN}" + stop, engine),
            g(1) + g(2) + star + g(3),
        ),
        (
            render(cue + "(" + sur + "){HAN}{2}" + stop, engine),
            g(1) + g(2) + star * 2 + g(3),
        ),
        (
            # Not before a star: the name was masked by one of the passes above.
            render(cue + "(" + first + "){HAN}{1,2}([^*]|$)", engine),
            g(1) + g(2) + _literal(token, engine) + g(3),
        ),
    ]


def cue_names_pattern() -> tuple[str, str, str]:
    """Rust patterns: a cue and a stop-delimited name; the cue; the stop (for the names
    the masker saw, which the verification then looks for)."""
    sur = SURNAME_RE
    cue = r"(?:" + NAME_CUES + r")[:：]?"
    stop = "(?:" + _NAME_STOP + ")"
    full = render(cue + sur + "{HAN}{1,2}?" + stop, RUST)
    return full, render("^" + cue, RUST), render(stop + "$", RUST)


# Cheap prefilter: a cell without any of these cannot match the freetext() pattern, not
# even after its full-width digits are translated (so only candidates need translating).
_DFW = "[0-9" + FULLWIDTH_DIGITS[0] + "-" + FULLWIDTH_DIGITS[-1] + "]"
FREETEXT_CANDIDATE = (
    f"{_DFW}{{11}}|{_DFW}[- ]{_DFW}{{4}}|[)）][- ]?{_DFW}{{7}}"
    f"|{_DFW}[Ee]\\+?[1１]{_DFW}|@"
)
NAME_CUE_WORDS = NAME_CUES.split("|")


# A token (ASCII word) that holds a run of 11+ digits: the candidates for the slow path.
LONG_DIGIT_TOKEN_RUST = render(r"{B}[0-9A-Za-z_]*[0-9]{11}[0-9A-Za-z_]*{B}", RUST)
TOKEN_PY = re.compile(r"[0-9A-Za-z_]+", re.ASCII)
DIGIT_RUN_PY = re.compile(r"[0-9]+")
