"""Quantities: every number with a unit or %, as written, with its scale kept in the unit.

``22.8亿元`` → value 22.8, unit ``亿元``, base value 2.28e9 ``元``. The grammar that finds the
numbers and units is :mod:`.quantity_grammar`; this module drops candidates that fall in an
excluded span (``quantity_exclusions.tsv``, ``fixed_terms.tsv``), read as an article
(``一支队伍``) or a slogan (``“三个区分开来”``), or that JSON cannot hold, and says what each
figure is: its comparator, kind (actual, forecast, target), indicator, period and growth.
Every step is linear in the sentence: masks are found once per sentence with a candidate, cue
and period positions once per sentence with a figure, then swept in order with the candidates.

    >>> from speechkit.sentences import Sentence
    >>> s = "全镇财政总收入预计可完成22.8亿元,同比增长超过20%"
    >>> [(q.text, q.value, q.unit, q.comparator, q.growth) for q in find(Sentence(0, len(s), s, s))]
    [('22.8亿元', 22.8, '亿元', None, False), ('20%', 20.0, '%', 'gt', True)]
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from .. import lexicon, numerals
from ..records import Quantity
from ..sentences import Sentence
from . import quantity_grammar as grammar
from .quantity_grammar import Cand

_CLAUSE_ENDS = re.compile(r"[,，;；:：。!?()（）\n]")
_QUOTED = re.compile(r"[“‘「『\"][^“”‘’「」『』\"]{1,12}[”’」』\"]")
_LEAD_DATE = re.compile(r"^[\d.%\-—至]*[年月]?(?:份|底|末|初)?")  # 2025年…, 1-6月…
_FLOAT_MAX = Decimal("1.7976931348623157e308")


# ---------------------------------------------------------------- lexicons (lazy, cached)

@dataclass(frozen=True)
class _Lex:
    fixed: re.Pattern[str]
    exclusions: lexicon.Scan
    comparators: dict[str, dict[str, str]]  # position → word → comparator
    before_cmp: re.Pattern[str]
    before_last: frozenset[str]  # the last characters of the "before" words
    adverb_cmp: re.Pattern[str]
    after_cmp: re.Pattern[str]
    cues: re.Pattern[str]
    cue_kind: dict[str, tuple[str, bool]]  # word → (kind, strong)
    growth: re.Pattern[str]
    periods: lexicon.Scan
    indicators: re.Pattern[str]
    suffixes: re.Pattern[str]
    stops: re.Pattern[str]
    nouns: re.Pattern[str]


def _alt(words: object) -> str:
    return lexicon.alternation(words) or "(?!)"


@cache
def _lex() -> _Lex:
    comps: dict[str, dict[str, str]] = {"before": {}, "after": {}, "inside": {}, "adverb": {}}
    for word, pos, cmp in lexicon.table("quantity_comparators.tsv", 3):
        comps[pos][word] = cmp
    cue_rows = lexicon.table("quantity_cues.tsv", 3)
    return _Lex(
        fixed=re.compile(lexicon.trie(lexicon.words("fixed_terms.tsv"))),
        exclusions=lexicon.Scan("|".join(f"(?:{r[0]})" for r in lexicon.table("quantity_exclusions.tsv", 2))),
        comparators=comps,
        before_cmp=re.compile(rf"(?:{_alt(comps['before'])})$"),
        before_last=frozenset(w[-1] for w in comps["before"]),
        adverb_cmp=re.compile(rf"({_alt(comps['adverb'])})[\u4e00-\u9fff]{{1,3}}$"),
        after_cmp=re.compile(rf"(?:\(含\))?({_alt(comps['after'])})"),
        cues=re.compile(_alt(r[0] for r in cue_rows)),
        cue_kind={w: (k, s == "strong") for w, k, s in cue_rows},
        growth=re.compile(rf"(?:{_alt(lexicon.words('quantity_growth.tsv'))})了?$"),
        periods=lexicon.Scan("|".join(f"(?:{r[0]})" for r in lexicon.table("quantity_periods.tsv"))),
        indicators=re.compile(_alt(lexicon.words("quantity_indicators.tsv"))),
        suffixes=re.compile(_alt(lexicon.words("quantity_indicator_suffixes.tsv"))),
        stops=re.compile(_alt(lexicon.words("quantity_stops.tsv"))),
        nouns=re.compile(_alt(lexicon.words("quantity_nouns.tsv"))),
    )


# ---------------------------------------------------------------- per-sentence masks

class _Chain:
    """The spans one scan finds in a sentence (in order, none overlapping another), found one
    at a time as the questions (in order) need them: the scan as a whole is one pass, and it
    stops at the first span past the last candidate (the rest of the text when there is none)."""

    __slots__ = ("_more", "ends", "starts")

    def __init__(self, spans: Iterator[tuple[int, int]]) -> None:
        self._more: Iterator[tuple[int, int]] | None = spans
        self.starts: list[int] = []
        self.ends: list[int] = []

    def _reach(self, j: int) -> None:
        """Scan until a span starts at ``j`` or later, or none is left."""
        starts, ends, more = self.starts, self.ends, self._more
        while more is not None and (not starts or starts[-1] < j):
            span = next(more, None)
            if span is None:
                more = self._more = None
            else:
                starts.append(span[0])
                ends.append(span[1])

    def overlaps(self, i: int, j: int) -> bool:
        self._reach(j)
        k = bisect_right(self.ends, i)  # the first span ending after i starts first, too
        return k < len(self.starts) and self.starts[k] < j

    def encloses(self, i: int, j: int) -> bool:
        self._reach(i)
        k = bisect_left(self.starts, i)  # spans starting before i
        return k > 0 and self.ends[k - 1] > j


class _Masks:
    """What a sentence's candidates are checked against, made at its first candidate."""

    __slots__ = ("excluded", "fixed", "quoted")

    def __init__(self, norm: str, lex: _Lex) -> None:
        self.fixed = _Chain(m.span() for m in lex.fixed.finditer(norm))
        self.excluded = _Chain((i, j) for i, j, _ in lex.exclusions.each(norm))
        self.quoted = _Chain(m.span() for m in _QUOTED.finditer(norm))

    def blocked(self, i: int, j: int) -> bool:
        return self.fixed.overlaps(i, j) or self.excluded.overlaps(i, j)


def _excluded(c: Cand, norm: str, masks: _Masks, lex: _Lex) -> bool:
    if masks.blocked(c.i, c.j):
        return True
    prev = norm[c.i - 1] if c.i else ""
    if prev and (prev.isdigit() or prev == "." or (prev.isascii() and prev.isalpha())):
        return True  # the tail of a longer token: G318, PM2.5, v2
    if c.chinese and c.unit not in ("%", "番", "") and not c.vague:
        if masks.quoted.encloses(c.i, c.j):
            return True  # a slogan's number: “三个区分开来”
        if _article(c, norm, lex):
            return True
    return False


def _article(c: Cand, norm: str, lex: _Lex) -> bool:
    """一 and a measure word is an article (一支队伍, 每一家企业, 抓一件是一件); 一 and a
    frequency is an article before a noun (召开一次会议), a count closing a clause (只享受一次，)
    or after a 每 (每月通报一次情况)."""
    nxt = norm[c.i + 1] if c.i + 1 < len(norm) else ""
    if numerals.value(norm[c.i]) != 1 or not nxt or numerals.kind(nxt) or c.comparator is not None:
        return False
    kind = grammar.lex().unit_kind.get(c.unit)
    if kind == "frequency" and (c.j >= len(norm) or _CLAUSE_ENDS.match(norm, c.j)
                                or _per_period(norm, c.i)):
        return False
    return kind in ("count", "frequency") and _comparator(c, norm, lex)[0] is None


#: How far before 一次 a 每 may open its clause's period (每季度至少开展一次…).
PER_WINDOW = 16


def _per_period(norm: str, i: int) -> bool:
    """``每月通报一次…``: a 每 earlier in the clause (not 每一次) makes 一次 a count."""
    k = norm.rfind("每", max(0, i - PER_WINDOW), i - 1)
    return k >= 0 and not _CLAUSE_ENDS.search(norm, k, i)


# ---------------------------------------------------------------- what the figure is

def _comparator(c: Cand, norm: str, lex: _Lex) -> tuple[str | None, int]:
    """The comparator around a candidate, and where its phrase starts (for growth words)."""
    prev = norm[c.i - 1] if c.i else ""  # a word before ends here (or before a final \n)
    before = (lex.before_cmp.search(norm, max(0, c.i - 6), c.i)
              if prev in lex.before_last or prev == "\n" else None)
    after = lex.after_cmp.match(norm, c.j)
    start = before.start() if before else c.i
    found = [lex.comparators["after"][after[1]]] if after else []
    if before and lex.comparators["before"][before[0]] == "none":
        before = None
    if before:
        found.insert(0, lex.comparators["before"][before[0]])
    elif adverb := lex.adverb_cmp.search(norm, max(0, c.i - 8), c.i):  # 至少开展一次
        found.insert(0, lex.comparators["adverb"][adverb[1]])
    if c.comparator == "range":
        return "range", start
    directional = [f for f in found if f != "approx"]
    if c.comparator == "ge" and not directional:  # 上千家
        return "ge", start
    if directional:
        return directional[0], start
    return (found[0] if found else c.comparator), start


class _Sweep:
    """The cue, period and clause start before each figure, swept once in order: made at a
    sentence's first figure, each scan read only as far as the figure asked about."""

    __slots__ = ("_cue", "_cues", "_kinds", "_next", "_norm", "_periods", "_seen", "clause",
                 "period", "strong", "weak")

    def __init__(self, norm: str, lex: _Lex) -> None:
        self._norm, self._kinds = norm, lex.cue_kind
        self._cues = lex.cues.finditer(norm)
        self._cue = next(self._cues, None)
        self._periods = lex.periods.each(norm)
        self._next = next(self._periods, None)
        self._seen = 0  # clause ends before this are read
        self.strong: str | None = None
        self.weak: str | None = None
        self.period: str | None = None
        self.clause = 0

    def at(self, i: int) -> tuple[str | None, str | None, int]:
        """Kind, period and clause start for a figure at ``i`` (after the previous one's)."""
        cue = self._cue
        while cue is not None and cue.end() <= i:
            kind, strong = self._kinds[cue[0]]
            if strong:
                self.strong = kind
            else:
                self.weak = kind
            cue = next(self._cues, None)
        self._cue = cue
        period = self._next
        while period is not None and period[1] <= i:
            self.period = period[2]
            period = next(self._periods, None)
        self._next = period
        while (m := _CLAUSE_ENDS.search(self._norm, self._seen, i)) is not None:
            self.clause = self._seen = m.end()
        self._seen = max(self._seen, i)
        return self.strong or self.weak, self.period, self.clause


def _indicator(norm: str, a: int, i: int, lex: _Lex) -> str | None:
    """The indicator named in the figure's clause before it, after the previous figure."""
    found = list(lex.indicators.finditer(norm, a, i))
    if found:
        return max(found, key=lambda m: (m.end(), len(m[0])))[0]
    end = None
    for m in lex.suffixes.finditer(norm, a, i):
        end = m.end()
    if end is None:
        return None
    head = norm[max(a, end - 14):end]
    cuts = [m.end() for m in lex.stops.finditer(head) if m.end() < len(head)]
    phrase = _LEAD_DATE.sub("", head[max(cuts, default=0):])
    return phrase if len(phrase) >= 2 and not any(ch.isdigit() for ch in phrase) else None


@lru_cache(maxsize=1024)
def _base(unit: str) -> tuple[Decimal, str | None]:
    """The factor that takes a value in ``unit`` to its base unit, and that unit (亿元 → 1e8, 元)."""
    lx = grammar.lex()
    factor, rest = Decimal(1), unit
    for scale in lx.longest_scales:
        if unit.startswith(scale) and unit not in lx.base_units:
            factor, rest = lx.scales[scale], unit[len(scale):]
            break
    rest = rest.removesuffix("级")
    return factor, (lx.base_units.get(rest, rest) or None)


def _number(d: Decimal | None) -> float | None:
    """A float JSON can hold, or None: four places at most, as written (0.3333)."""
    if d is None or not d.is_finite() or abs(d) > _FLOAT_MAX:
        return None
    f = float(d)
    return None if math.isinf(f) else f


# ---------------------------------------------------------------- the extractor

def find(sent: Sentence, warnings: list[str] | None = None) -> list[Quantity]:
    """Every quantity of a sentence, in order. A number JSON cannot hold (beyond a float) is
    dropped, with a line in ``warnings`` when given."""
    norm = sent.norm
    glx = grammar.lex()
    if (first := glx.starts.search(norm)) is None:
        return []  # no quantity can start: the most sentences, rejected in one scan
    lex = _lex()
    out: list[Quantity] = []
    masks: _Masks | None = None
    sweep: _Sweep | None = None
    last_indicator: str | None = None
    last_end = 0
    for c in grammar.candidates(norm, glx, first.start()):
        if ((u := c.unit.removesuffix("个")) == "" or u in glx.scales) \
                and (n := lex.nouns.match(norm, c.j)):
            c = c._replace(j=n.end())  # 3个村, 4万个村: the place noun stays in the text
        masks = masks or _Masks(norm, lex)
        if _excluded(c, norm, masks, lex):
            continue
        factor, base_unit = _base(c.unit)
        base_value = c.value * factor
        value, base, lower = _number(c.value), _number(base_value), _number(c.lower)
        if value is None or base is None or (c.lower is not None and lower is None):
            if warnings is not None:
                warnings.append(f"quantity at {sent.start + c.i}: a number beyond what JSON holds "
                                f"({len(norm[c.i:c.j])} characters); dropped")
            continue
        sweep = sweep or _Sweep(norm, lex)
        kind, period, clause = sweep.at(c.i)
        comparator, start = _comparator(c, norm, lex)
        growth = c.unit in ("%", "个百分点", "倍", "番") and (
            c.unit == "番" or bool(lex.growth.search(norm, max(0, start - 8), start)))
        indicator = _indicator(norm, max(clause, last_end), c.i, lex)
        last_end = c.j
        if indicator is None and growth:
            indicator = last_indicator
        last_indicator = indicator or last_indicator
        text, span = sent.surface(c.i, c.j)
        out.append(Quantity(text=text, span=span, value=value, unit=c.unit, comparator=comparator,
                            kind=kind, indicator=indicator, growth=growth, period=period,
                            base_value=base, base_unit=base_unit, lower=lower,
                            upper=value if lower is not None else None))
    return out
