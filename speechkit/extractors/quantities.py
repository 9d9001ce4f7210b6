"""Quantities: every number with a unit or %, as written, with its scale kept in the unit.

``22.8亿元`` → value 22.8, unit ``亿元``, base value 2.28e9 ``元``. The language knowledge is
data under ``speechkit/data``: units, scales, comparators, cues of kind, growth words, periods,
indicators, exclusions (``quantity_exclusions.tsv``) and fixed political terms
(``fixed_terms.tsv``). Candidates are found by one grammar, then dropped when they fall in an
excluded span or read as an article (``一支队伍``) or a slogan (``“三个区分开来”``).

    >>> from speechkit.sentences import Sentence
    >>> s = "全镇财政总收入预计可完成22.8亿元,同比增长超过20%"
    >>> [(q.text, q.value, q.unit, q.comparator, q.growth) for q in find(Sentence(0, len(s), s, s))]
    [('22.8亿元', 22.8, '亿元', None, False), ('20%', 20.0, '%', 'gt', True)]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from .. import lexicon
from ..records import Quantity
from ..sentences import Sentence

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_CHARS = "零〇一二两三四五六七八九十百千"
_CLAUSE_ENDS = ",，;；:：。!?()（）\n"


def cn_to_number(s: str) -> float | None:
    """Chinese numerals below 万: 三 → 3, 二十八 → 28, 一千二百 → 1200, 零点五 → 0.5."""
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = cn_to_number(whole) if whole else 0
        if w is None or not frac or any(ch not in _CN_DIGITS for ch in frac):
            return None
        return float(f"{int(w)}." + "".join(str(_CN_DIGITS[ch]) for ch in frac))
    total, digit = 0, None
    for ch in s:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:
            return None
    if digit is not None:
        total += digit
    return float(total)


# ---------------------------------------------------------------- lexicons (lazy, cached)

@dataclass(frozen=True)
class _Lex:
    grammar: re.Pattern[str]
    scales: dict[str, Decimal]
    base_units: dict[str, str]
    latin_units: frozenset[str]
    arabic_only: frozenset[str]
    fixed: re.Pattern[str]
    exclusions: re.Pattern[str]
    comparators: dict[str, dict[str, str]]  # position → word → comparator
    before_cmp: re.Pattern[str]
    after_cmp: re.Pattern[str]
    cues: re.Pattern[str]
    cue_kind: dict[str, tuple[str, bool]]  # word → (kind, strong)
    growth: re.Pattern[str]
    periods: re.Pattern[str]
    indicators: re.Pattern[str]
    suffixes: re.Pattern[str]
    stops: re.Pattern[str]
    nouns: re.Pattern[str]


def _alt(words: object) -> str:
    return lexicon.alternation(words) or "(?!)"


@cache
def _lex() -> _Lex:
    units = lexicon.table("units.tsv", 3)
    scales = {w: Decimal(f) for w, f in lexicon.table("scales.tsv", 2)}
    comps: dict[str, dict[str, str]] = {"before": {}, "after": {}, "inside": {}}
    for word, pos, cmp in lexicon.table("quantity_comparators.tsv", 3):
        comps[pos][word] = cmp
    cue_rows = lexicon.table("quantity_cues.tsv", 3)
    ar = r"\d{1,3}(?:,\d{3})+(?![\d])(?:\.\d+)?|\d+(?:\.\d+)?"
    cn = rf"[{_CN_CHARS}]+(?:点[零〇一二三四五六七八九]+)?"
    num = rf"(?:{ar}|{cn})"
    inside = _alt(comps["inside"])
    unit_alt = _alt(r[0] for r in units)
    grammar = re.compile(
        rf"(?P<pct>(?P<per>百分之|千分之)(?P<pnum>{cn}))"
        rf"|(?P<cbig>[一二两三四五六七八九十][{_CN_CHARS}]*)(?P<cbs>亿|万)(?P<crest>[{_CN_CHARS}]+)"
        rf"(?P<crs>万)?(?P<cap>{inside})?(?P<cunit>{unit_alt})"
        rf"|(?P<fan>翻(?P<fnum>[一两二三四五\d])番)"
        rf"|(?<![\d.{_CN_CHARS}万亿])(?P<bare>万亿|千亿|百亿|千万|百万)(?P<bmoney>元|美元)?(?P<bji>级)?"
        rf"|(?P<num>{num})(?:(?P<rpct>%)?(?P<sep>至|到|-|—|–|~)(?P<num2>{num}))?"
        rf"(?P<ap1>{inside})?(?P<scale>{_alt(scales)})?(?P<ap2>{inside})?"
        rf"(?P<unit>{unit_alt})?"
    )
    return _Lex(
        grammar=grammar,
        scales=scales,
        base_units={r[0]: r[1] for r in units},
        latin_units=frozenset(r[0] for r in units if r[0].isascii() and r[0].isalpha()),
        arabic_only=frozenset(r[0] for r in units if r[3:4] == ("arabic",)),
        fixed=re.compile(_alt(lexicon.words("fixed_terms.tsv"))),
        exclusions=re.compile("|".join(f"(?:{r[0]})" for r in lexicon.table("quantity_exclusions.tsv", 2))),
        comparators=comps,
        before_cmp=re.compile(rf"(?:{_alt(comps['before'])})$"),
        after_cmp=re.compile(_alt(comps["after"])),
        cues=re.compile(_alt(r[0] for r in cue_rows)),
        cue_kind={w: (k, s == "strong") for w, k, s in cue_rows},
        growth=re.compile(rf"(?:{_alt(lexicon.words('quantity_growth.tsv'))})了?$"),
        periods=re.compile("|".join(f"(?:{r[0]})" for r in lexicon.table("quantity_periods.tsv"))),
        indicators=re.compile(_alt(lexicon.words("quantity_indicators.tsv"))),
        suffixes=re.compile(_alt(lexicon.words("quantity_indicator_suffixes.tsv"))),
        stops=re.compile(_alt(lexicon.words("quantity_stops.tsv"))),
        nouns=re.compile(_alt(lexicon.words("quantity_nouns.tsv"))),
    )


# ---------------------------------------------------------------- reading one candidate

@dataclass(frozen=True)
class _Cand:
    i: int
    j: int
    value: float
    unit: str
    comparator: str | None = None
    upper: float | None = None
    chinese: bool = False  # written in Chinese numerals
    upper_at: int = 0  # where the upper bound of a range is written


def _number(raw: str) -> tuple[float | None, bool]:
    """The value of a numeral, and whether it is written in Chinese."""
    if raw[0].isdigit():
        return float(raw.replace(",", "")), False
    if raw[0] not in "一二两三四五六七八九十" and not raw.startswith(("零点", "〇点")):
        # 百姓, 千家万户, 零星: no leading digit
        return None, True
    return cn_to_number(raw), True


def _read(m: re.Match[str], norm: str, lex: _Lex) -> _Cand | None:
    i, j = m.span()
    if m["pct"]:
        value = cn_to_number(m["pnum"])
        unit = "%" if m["per"] == "百分之" else "‰"
        return None if value is None else _Cand(i, j, value, unit, chinese=True)
    if m["cbig"]:  # 十二亿三千万元 → 12.3 亿元, 一万二千人 → 1.2 万人
        big, rest = cn_to_number(m["cbig"]), cn_to_number(m["crest"])
        if big is None or rest is None:
            return None
        low = Decimal(repr(rest)) * (lex.scales["万"] if m["crs"] else 1) / lex.scales[m["cbs"]]
        return _Cand(i, j, float(Decimal(repr(big)) + low), m["cbs"] + m["cunit"],
                     "approx" if m["cap"] else None, chinese=True)
    if m["fan"]:
        f = m["fnum"]
        value = float(f) if f.isdigit() else cn_to_number(f)
        return None if value is None else _Cand(i, j, value, "番", chinese=True)
    if m["bare"]:
        if not (m["bmoney"] or m["bji"]):
            return None  # 百万英才, 千万不能
        scale = m["bare"]
        if not m["bmoney"]:  # 万亿级 → (1, 万亿级): no number written, the scale is the unit
            return _Cand(i, j, 1.0, scale + "级", chinese=True)
        # 超千亿元 → (1000, 亿元): the leading 百/千 is the number
        lead = scale[0] in "百千"
        unit = (scale[1:] if lead else scale) + m["bmoney"]
        return _Cand(i, m.end("bmoney"), float(_CN_UNITS[scale[0]]) if lead else 1.0, unit,
                     chinese=True)
    value, chinese = _number(m["num"])
    if value is None:
        return None
    scale, unit = m["scale"] or "", m["unit"] or ""
    if not unit and not scale:
        return None
    if m["rpct"] and unit != "%":
        return None
    if not unit:
        # a bare scale (110万, 1.29亿) only after Arabic digits, never before a digit
        if chinese or m["num2"] or (j < len(norm) and norm[j].isdigit()):
            return None
        j = m.end("scale")
    if unit in lex.latin_units and j < len(norm) and norm[j].isascii() and norm[j].isalnum():
        return None  # 5GHz is not 5G
    if chinese and unit in lex.arabic_only:
        return None  # 一度, 胜利三路
    upper = None
    if m["num2"]:
        upper, c2 = _number(m["num2"])
        if upper is None or c2 != chinese or upper <= value:
            return None
    comparator = "range" if upper is not None else ("approx" if m["ap1"] or m["ap2"] else None)
    if unit == "个" and (n := lex.nouns.match(norm, j)):
        j = n.end()  # 3个村
    return _Cand(i, j, value, scale + unit, comparator, upper, chinese,
                 m.start("num2") if upper is not None else 0)


def _quoted(norm: str) -> list[tuple[int, int]]:
    """Short quoted phrases: slogans and names (“三个区分开来”, “一天当作三天用”)."""
    return [m.span() for m in re.finditer(r"[“‘「『\"][^“”‘’「」『』\"]{1,12}[”’」』\"]", norm)]


def _excluded(c: _Cand, norm: str, blocked: list[tuple[int, int]], quoted: list[tuple[int, int]],
              lex: _Lex) -> bool:
    if any(s < c.j and c.i < e for s, e in blocked):
        return True
    prev = norm[c.i - 1] if c.i else ""
    if prev and (prev.isdigit() or prev == "." or (prev.isascii() and prev.isalpha())):
        return True  # the tail of a longer token: G318, PM2.5, v2
    if c.chinese and c.unit not in ("%", "番") and not norm.startswith("百分之", c.i):
        if any(s < c.i and c.j < e for s, e in quoted):
            return True  # a slogan's number: “三个区分开来”
        if (norm[c.i] == "一" and norm[c.i + 1] not in _CN_CHARS + "点万亿" and c.comparator is None
                and _comparator(c, norm, lex)[0] is None):
            return True  # an article: 一支队伍, 每一家企业
    return False


# ---------------------------------------------------------------- what the figure is

def _comparator(c: _Cand, norm: str, lex: _Lex) -> tuple[str | None, int]:
    """The comparator around a candidate, and where its phrase starts (for growth words)."""
    before = lex.before_cmp.search(norm, max(0, c.i - 6), c.i)
    after = lex.after_cmp.match(norm, c.j)
    start = before.start() if before else c.i
    found = [lex.comparators["after"][after[0]]] if after else []
    if before and lex.comparators["before"][before[0]] == "none":
        before = None
    if before:
        found.insert(0, lex.comparators["before"][before[0]])
    if c.comparator == "range":
        return "range", start
    directional = [f for f in found if f != "approx"]
    if directional:
        return directional[0], start
    return (found[0] if found else c.comparator), start


def _kind(norm: str, i: int, lex: _Lex) -> str | None:
    strong = weak = None
    for m in lex.cues.finditer(norm, 0, i):
        kind, is_strong = lex.cue_kind[m[0]]
        if is_strong:
            strong = kind
        else:
            weak = kind
    return strong or weak


def _clause_start(norm: str, i: int) -> int:
    k = i
    while k > 0 and norm[k - 1] not in _CLAUSE_ENDS:
        k -= 1
    return k


def _indicator(norm: str, i: int, after: int, lex: _Lex) -> str | None:
    """The indicator named in the figure's clause before it, after the previous figure."""
    a = max(_clause_start(norm, i), after)
    found = list(lex.indicators.finditer(norm, a, i))
    if found:
        return max(found, key=lambda m: (m.end(), len(m[0])))[0]
    ends = list(lex.suffixes.finditer(norm, a, i))
    if not ends:
        return None
    end = ends[-1].end()
    head = norm[max(a, end - 14):end]
    cuts = [m.end() for m in lex.stops.finditer(head) if m.end() < len(head)]
    phrase = head[max(cuts, default=0):]
    phrase = re.sub(r"^[\d.%\-—至]*[年月]?(?:份|底|末|初)?", "", phrase)  # 2025年…, 1-6月…
    return phrase if len(phrase) >= 2 and not any(ch.isdigit() for ch in phrase) else None


def _period(norm: str, i: int, lex: _Lex) -> str | None:
    found = [m for m in lex.periods.finditer(norm, 0, i)]
    return found[-1][0] if found else None


def _base(value: float, unit: str, lex: _Lex) -> tuple[float | None, str | None]:
    factor, rest = Decimal(1), unit
    for scale in sorted(lex.scales, key=len, reverse=True):
        if unit.startswith(scale) and unit not in lex.base_units:
            factor, rest = lex.scales[scale], unit[len(scale):]
            break
    rest = rest.removesuffix("级")
    base = float(Decimal(repr(value)) * factor)
    return base, (lex.base_units.get(rest, rest) or None)


# ---------------------------------------------------------------- the extractor

def find(sent: Sentence) -> list[Quantity]:
    """Every quantity of a sentence, in order."""
    lex = _lex()
    norm = sent.norm
    blocked = [m.span() for m in lex.fixed.finditer(norm)]
    blocked += [m.span() for m in lex.exclusions.finditer(norm)]
    quoted = _quoted(norm)
    out: list[Quantity] = []
    last_indicator: str | None = None
    last_end = 0
    for m in lex.grammar.finditer(norm):
        c = _read(m, norm, lex)
        if c is None or _excluded(c, norm, blocked, quoted, lex):
            continue
        comparator, start = _comparator(c, norm, lex)
        growth = c.unit in ("%", "个百分点", "倍", "番") and (
            c.unit == "番" or bool(lex.growth.search(norm, max(0, start - 8), start)))
        indicator = _indicator(norm, c.i, last_end, lex)
        last_end = c.j
        if indicator is None and growth:
            indicator = last_indicator
        last_indicator = indicator or last_indicator
        base_value, base_unit = _base(c.value, c.unit, lex)
        text, span = sent.surface(c.i, c.j)
        q = Quantity(text=text, span=span, value=c.value, unit=c.unit, comparator=comparator,
                     kind=_kind(norm, c.i, lex), indicator=indicator, growth=growth,
                     period=_period(norm, c.i, lex), base_value=base_value,
                     base_unit=base_unit, upper=c.upper)
        out.append(q)
        if c.upper is not None:  # a range is read as its bounds too: 5至8个 → also 8个 (le)
            text, span = sent.surface(c.upper_at, c.j)
            out.append(replace(q, text=text, span=span, value=c.upper, comparator="le",
                               upper=None, base_value=_base(c.upper, c.unit, lex)[0]))
    return out
