"""The grammar that finds quantities' numbers and units, and the reading of one match.

A candidate is a numeral (Chinese, Arabic or mixed, read by :mod:`speechkit.numerals`), an
optional scale (万, 亿, 千万亿) and a unit, matched longest first from ``data/units.tsv``, so
``500千瓦`` is 500 kW, never ``500千`` and a stray 瓦. Around that core: percentages
(百分之十五), fractions (三分之一), 翻一番, ranges written with the scale on one end or both
(``两到三万元``, ``1万(含)-5万元``; the value is the upper end, ``lower`` the lower), adjacent
digits as a range (三五百), and vague magnitudes (数十亿元, 上千家, 近万人). The words are data.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import NamedTuple

from .. import lexicon, numerals


@dataclass(frozen=True)
class Lex:
    grammar: re.Pattern[str]
    lower_end: re.Pattern[str]  # a number and its unit alone: the lower end of a failed range
    starts: re.Pattern[str]  # the characters a match can start with
    scales: dict[str, Decimal]
    longest_scales: tuple[str, ...]  # the scale words, longest first
    base_units: dict[str, str]
    unit_kind: dict[str, str]
    latin_units: frozenset[str]
    arabic_only: frozenset[str]
    unit_at: re.Pattern[str]  # a unit starting at a position
    vague: dict[str, str]  # 数 → approx, 上 → ge: words that make a magnitude a number
    before_cmp: re.Pattern[str]
    not_cmp: re.Pattern[str]  # words ending like a comparator that are none: 签约亿元以上项目
    unit_words: re.Pattern[str]  # words a unit opens that are no unit: 台阶 (迈上5万亿台阶)


class Cand(NamedTuple):
    """One quantity as read: local offsets, value as written (scale in the unit). A tuple:
    made once per match, cheaper than a frozen dataclass's field-by-field ``__init__``."""

    i: int
    j: int
    value: Decimal
    unit: str
    comparator: str | None = None
    lower: Decimal | None = None
    chinese: bool = False  # written in Chinese numerals
    vague: bool = False  # a magnitude made a number by a vague word (数十, 上千)


def _alt(words: object) -> str:
    return lexicon.alternation(words) or "(?!)"


@cache
def lex() -> Lex:
    units = lexicon.table("units.tsv", 3)
    scales = {w: Decimal(f) for w, f in lexicon.table("scales.tsv", 2)}
    inside_words = [w for w, pos, _ in lexicon.table("quantity_comparators.tsv", 3) if pos == "inside"]
    inside = _guarded(_alt(inside_words))
    before = _alt(w for w, pos, c in lexicon.table("quantity_comparators.tsv", 3)
                  if pos == "before" and c != "none")
    not_cmp = _alt(w for w, pos, c in lexicon.table("quantity_comparators.tsv", 3) if c == "none")
    vague_rows = lexicon.table("quantity_vague.tsv", 3)
    vague = {w: c for w, c, _ in vague_rows}
    nc, digit = numerals.chars(), numerals.chars("digit")
    # Every branch opens with a character, its look-behind after it (半(?<![…]半)): the engine
    # then skips to the next numeral character instead of trying each branch at every position.
    free = rf"{nc}\d."  # a magnitude, half or vague word never continues a number
    vq = "|".join(rf"{re.escape(w)}(?<![{free}{re.escape(nb.strip('-'))}]{re.escape(w)})"
                  for w, _, nb in vague_rows) or "(?!)"
    mag = numerals.chars("unit", "big")
    cn = rf"[{nc}]+(?:点[{digit}]+)?"
    num = rf"(?:{numerals.ARABIC}|{cn})"
    unit = _guarded(lexicon.trie(r[0] for r in units))
    scale = _guarded(rf"(?:{lexicon.trie(scales)}){{1,3}}")
    sep = r"[-—–~－]{1,2}|至|到"
    sp = "[ \u3000]?"
    single = (rf"(?P<ap1>{inside})?(?:个(?=亿(?!级)))?"
              rf"(?:{sp}(?:(?P<unit0>{unit})|(?P<scale>{scale})(?P<ap2>{inside})?(?P<unit>{unit})"
              rf"|(?P<bscale>{scale})))?")
    ranged = (rf"(?:{sp}(?P<s1>{scale})?(?P<u1>{unit})?(?:[(（]含[)）])?{sp}(?P<sep>{sep}){sp}"
              rf"(?P<num2>{num}))?")
    grammar = re.compile(
        rf"(?P<pct>(?P<per>百分之|千分之|万分之)(?P<pnum>{num}))"
        rf"|(?P<fden>(?>{num}))分之(?P<fnum>{num})"  # atomic: no shorter numeral meets 分
        rf"|(?P<fan>翻(?P<fnum2>[{digit}\d])番)"
        rf"|(?P<half>半)(?<![{free}个]半)(?P<hunit>{unit})"
        rf"|(?P<vq>{vq})(?P<vmag>[{mag}]{{1,3}})(?P<vap>{inside})?(?P<vunit>{unit})?"
        rf"|(?P<mmag>[{mag}](?<![{free}][{mag}])[{mag}]{{0,2}})(?P<map>{inside})?(?P<munit>{unit})"
        rf"|(?P<bare>{_alt(w for w in scales if len(w) == 2)})(?<![{free}]..)级"
        rf"|(?P<num>{num}){ranged}{single}"
    )
    return Lex(
        grammar=grammar, scales=scales, longest_scales=tuple(sorted(scales, key=len, reverse=True)),
        lower_end=re.compile(rf"(?P<num>{num})(?P<num2>(?!))?(?P<s1>(?!))?(?P<u1>(?!))?{single}"),
        starts=_starts(nc, vague, units, scales, inside_words),
        base_units={r[0]: r[1] for r in units},
        unit_kind={r[0]: r[2] for r in units},
        latin_units=frozenset(r[0] for r in units if r[0].isascii() and r[0].isalpha()),
        arabic_only=frozenset(r[0] for r in units if r[3:4] == ("arabic",)),
        unit_at=re.compile(unit),
        vague=vague,
        before_cmp=re.compile(rf"(?:{before})$"),
        not_cmp=re.compile(rf"(?:{not_cmp})$"),
        unit_words=re.compile(_alt(lexicon.words("quantity_unit_words.tsv")) or "(?!)"),
    )


def _guarded(pattern: str) -> str:
    """``pattern`` behind a look-ahead at the characters it can begin with: where none stands,
    one class test fails it, not a trie's or an alternation's every branch."""
    first = lexicon.first_class(pattern)
    return f"(?={first})(?:{pattern})" if first else pattern


def _starts(nc: str, vague: dict[str, str], units: tuple[tuple[str, ...], ...],
            scales: dict[str, Decimal], inside: list[str]) -> re.Pattern[str]:
    """Where a match of the grammar can start: a digit; 半 before a unit, 翻 before a digit, a
    vague word before a magnitude (上千, not 上级); a Chinese numeral character followed by
    what can continue a quantity (another numeral, 点, 分之, a unit, a scale, 余, a range's
    separator, a bracket). A numeral before anything else (进一步, 统一, 一些) reads as a bare
    number, which is no quantity, and 上, 数 or 半 before anything else opens no branch: they
    are not tried."""
    free = {"半", "翻"} | {w[0] for w in vague}
    follow = set(nc) | set("点分个 \u3000(（-—–~－至到") | {r[0][0] for r in units}
    follow |= {w[0] for w in scales} | {w[0] for w in inside}
    cond = "".join(re.escape(ch) for ch in nc if ch not in free)
    plain = "".join(re.escape(ch) for ch in sorted(free))
    mag, digit = numerals.chars("unit", "big"), numerals.chars("digit")
    unit_first = "".join(re.escape(ch) for ch in sorted({r[0][0] for r in units}))
    leads = [r"(?<=\d)", rf"(?<=[{cond}])(?=[{''.join(re.escape(ch) for ch in sorted(follow))}])",
             rf"(?<=半)(?=[{unit_first}])", rf"(?<=翻)(?=[\d{digit}])"]
    leads += [rf"(?<={re.escape(w[0])})(?={re.escape(w[1:])}[{mag}])" for w in vague]
    leads += [rf"(?<={re.escape(ch)})" for ch in sorted(free) if re.match(f"[{nc}]", ch)]
    # One class first (the engine skips to it fast), then the condition on what follows.
    return re.compile(rf"[\d{plain}{cond}](?:{'|'.join(leads)})")


# ---------------------------------------------------------------- numbers and scales

def _scale_of(raw: str, lx: Lex) -> str:
    """The scale a Chinese numeral ending in 万/亿 keeps in its unit: 三百万 → 万,
    十二亿三千万 → 亿 (the largest), 三千万亿 → 万亿 (a scale word of its own); else none."""
    k = len(raw)
    while k > 0 and numerals.kind(raw[k - 1]) == "big":
        k -= 1
    tail = raw[k:]
    if not tail:
        return ""
    if len(tail) > 1 and tail in lx.scales:
        return tail
    bigs = [ch for ch in raw if numerals.kind(ch) == "big" and ch in lx.scales]
    return max(bigs, key=lambda ch: lx.scales[ch], default="")


def _written_scale(scale: str, lx: Lex) -> tuple[Decimal, str]:
    """A scale as written after Arabic digits: 万 → (1, 万); 千万亿 → (1000, 万亿)."""
    if scale in lx.scales:
        return Decimal(1), scale
    tail = next(scale[k:] for k in range(len(scale)) if scale[k:] in lx.scales)
    factor = numerals.value("1" + scale) or lx.scales[tail]
    return factor / lx.scales[tail], tail


@lru_cache(maxsize=4096)
def _numeral(raw: str) -> tuple[Decimal | None, Decimal | None, str]:
    """(value, lower, scale) of a numeral as written, the value in units of its scale;
    lower when it is a pair of adjacent digits (三五百 → 500, 300). Cached: a speech writes
    the same numerals again and again."""
    lx = lex()
    if raw[0].isdigit():
        return numerals.value(raw), None, ""
    if numerals.value(raw[0]) == 0 and numerals.kind(raw[1:2]) != "point":
        return None, None, ""  # 零部件, 零容忍: a zero is a number only before its point
    if numerals.kind(raw[0]) != "digit" and numerals.value(raw[0]) != 10:
        return None, None, ""  # 百姓, 千家万户: no leading digit (十二 has one: 十)
    scale = _scale_of(raw, lx)
    f = lx.scales[scale] if scale else Decimal(1)
    pair = numerals.pair(raw)
    if pair is not None:
        return pair[1] / f, pair[0] / f, scale
    v = numerals.value(raw)
    return (None if v is None else v / f), None, scale


def candidates(norm: str, lx: Lex, pos: int = 0) -> Iterator[Cand]:
    """Every candidate of ``norm`` in order: ``lx.grammar`` tried only where a numeral character
    stands (the engine cannot skip ahead by itself over branches that open with named groups);
    a range that reads as none (5%至2025年) is read again as its first number alone. ``pos``:
    where to begin, when no quantity can start before it."""
    while (s := lx.starts.search(norm, pos)) is not None:
        m = lx.grammar.match(norm, s.start())
        if m is None:
            pos = s.start() + 1
            continue
        c = read(m, norm, lx)
        if c is None and m["num2"] is not None:
            alone = lx.lower_end.match(norm, m.start())
            if alone is not None and (c := read(alone, norm, lx)) is not None:
                pos = alone.end()
                yield c
                continue
        if c is not None:
            yield c
        pos = m.end()


# ---------------------------------------------------------------- reading one match

def _unit_inside(m: re.Match[str], norm: str, lx: Lex) -> Cand | None:
    """五百千瓦, 一千瓦时: the unit starts inside the run of numeral characters."""
    i, end = m.start("num"), m.end("num")
    for back in (1, 2):
        if end - back <= i:  # the run keeps a numeral before the unit
            break
        u = lx.unit_at.match(norm, end - back)
        if u and u.end() > end:
            value, _, scale = _numeral(norm[i:end - back])
            if value is not None:
                return Cand(i, u.end(), value, scale + u[0], chinese=True)
    return None


def _special(m: re.Match[str], lx: Lex) -> Cand | None:
    i, j = m.span()
    if m["pct"]:  # 百分之十五; 百分之百 (a bare 百 is a hundred here)
        value = numerals.value(m["pnum"])
        if value is None:
            value = numerals.magnitude(m["pnum"])
        unit = {"百分之": "%", "千分之": "‰", "万分之": "‱"}[m["per"]]
        return None if value is None else Cand(i, j, value, unit, chinese=True)
    if m["fden"] is not None:
        value = numerals.fraction(m[0])
        return None if value is None else Cand(i, j, value, "", chinese=True)
    if m["fan"]:
        value = numerals.value(m["fnum2"])
        return None if value is None else Cand(i, j, value, "番", chinese=True)
    if m["half"]:  # 半斤, 半亩: a measure, never a count (半天, 半个)
        if lx.unit_kind[m["hunit"]] in ("count", "ratio") or m["hunit"] in lx.arabic_only:
            return None
        return Cand(i, j, Decimal("0.5"), m["hunit"], chinese=True)
    return Cand(i, j, Decimal(1), m[0], chinese=True)  # 万亿级 → (1, 万亿级)


def _vague(m: re.Match[str], norm: str, lx: Lex) -> Cand | None:
    """数十亿元, 上千家 (a vague word), 近万人 (a comparator before), 千亿元 (money needs none),
    十几块钱 (十 is a number itself)."""
    i, j = m.span()
    word, mag = m["vq"], m["vmag"] or m["mmag"]
    unit = m["vunit"] or m["munit"] or ""
    written = numerals.value(mag)
    compared = lx.before_cmp.search(norm, max(0, i - 6), i) and not lx.not_cmp.search(norm, max(0, i - 6), i)
    if not word and written is None and not compared \
            and not (len(mag) == 2 and mag in lx.scales and lx.unit_kind[unit] == "money"):
        return None
    whole = written if written is not None else numerals.magnitude(mag)
    scale = _scale_of(mag, lx)
    value = None if whole is None else whole / (lx.scales[scale] if scale else Decimal(1))
    if value is None or not (unit or scale):
        return None  # 几十万 alone is a number (as 110万 is), 上百 alone is not
    cmp = lx.vague.get(word) if word else ("approx" if m["map"] else None)
    if word and m["vap"]:
        cmp = "approx"
    return Cand(i, j, value, scale + unit, cmp, chinese=True, vague=written is None or bool(word))


def read(m: re.Match[str], norm: str, lx: Lex) -> Cand | None:
    """The quantity a grammar match stands for, or None when it is none."""
    if m["num"] is None:
        return _vague(m, norm, lx) if m["vmag"] or m["mmag"] else _special(m, lx)
    if m["num2"] is not None:
        return _range(m, norm, lx)
    raw = m["num"]
    chinese = not raw[0].isdigit()
    unit = m["unit0"] or m["unit"] or ""
    end = m.end()
    if unit and lx.unit_words.match(norm, end - len(unit)):
        unit, end = "", end - len(unit)  # 5万亿台阶: the scale alone, 台阶 is a word
    if not (unit or m["scale"] or m["bscale"] or numerals.kind(raw[-1]) == "big"):
        return _unit_inside(m, norm, lx) if chinese else None  # no unit, no scale: 一些, 2025
    value, lower, scale = _numeral(raw)
    if m["scale"] or m["bscale"]:
        factor, scale = _written_scale(m["scale"] or m["bscale"], lx)
        value = None if value is None else value * factor
    if not unit and not scale:
        return _unit_inside(m, norm, lx) if chinese else None
    if value is None or not _unit_fits(m, unit, norm, chinese, lx):
        return None
    comparator = "range" if lower is not None else ("approx" if m["ap1"] or m["ap2"] else None)
    return Cand(m.start(), end, value, scale + unit, comparator, lower, chinese)


def _unit_fits(m: re.Match[str], unit: str, norm: str, chinese: bool, lx: Lex) -> bool:
    j = m.end()
    if not unit and j < len(norm) and norm[j].isdigit():
        return False  # a bare scale is never followed by a digit
    if unit in lx.latin_units and j < len(norm) and norm[j].isascii() and norm[j].isalnum():
        return False  # 5GHz is not 5G
    return not (chinese and unit in lx.arabic_only)  # 一度, 胜利三路


def _range(m: re.Match[str], norm: str, lx: Lex) -> Cand | None:
    """两到三万元, 1万(含)-5万元, 8%—10%, 从8500到3万: one quantity, the value its upper end
    and ``lower`` its lower end, both in the upper end's scale."""
    low, pair1, lscale = _numeral(m["num"])
    up, pair2, uscale = _numeral(m["num2"])
    unit = m["unit0"] or m["unit"] or ""
    if m["scale"] or m["bscale"]:
        factor, uscale = _written_scale(m["scale"] or m["bscale"], lx)
        up = None if up is None else up * factor
    if m["s1"]:
        factor, lscale = _written_scale(m["s1"], lx)
        low = None if low is None else low * factor
    if low is None or up is None or pair1 is not None or pair2 is not None:
        return None
    if (m["u1"] and m["u1"] != unit) or (not unit and not uscale):
        return None
    if not _unit_fits(m, unit, norm, not m["num2"][0].isdigit(), lx):
        return None
    f_up = lx.scales[uscale] if uscale else Decimal(1)
    if not lscale and low < up:
        lscale = uscale  # the lower end of 两到三万 takes the upper end's scale
    low_abs = low * (lx.scales[lscale] if lscale else Decimal(1))
    if low_abs >= up * f_up:
        return None
    return Cand(m.start(), m.end(), up, uscale + unit, "range", low_abs / f_up,
                not m["num"][0].isdigit())
