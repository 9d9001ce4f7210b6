"""What a figure measures, whether two figures measure the same thing, and whether a target was met.

A figure's *context* is the clause around it, cut at the figures beside it (``建设筹集保障性租赁
住房5万套、竣工各类保障房8万套`` gives 8万套 the context ``竣工各类保障房``). Indicator names that
drift between years are rewritten to one name from ``data/indicators.tsv`` (财政收入 →
一般公共预算收入, CPI → 居民消费价格涨幅) before two contexts are compared by their character
bigrams. Units compare after their scale is removed (2.4万个 is 24000 个), within the families
of ``data/indicators_units.tsv``; ceilings (``data/indicators_direction.tsv``) are met at or
below their value.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from .. import lexicon
from ..records import Quantity

#: ``左右`` (about) allows the actual to fall short of the target by this share of it:
#: 5%左右 is met by 4.9% and not by 4.8%; on a ceiling, 3%左右 is met up to 3.06%.
ABOUT_TOLERANCE = 0.02

_CLAUSE = frozenset("，,；;。：:！？!?\n（）()")
_RIGHT_STOP = _CLAUSE | frozenset("、")


@dataclass(frozen=True)
class _Lex:
    names: re.Pattern[str]
    canonical: dict[str, str]
    down: re.Pattern[str]
    reductions: re.Pattern[str]
    families: dict[str, tuple[str, bool]]  # unit → (family, counts things)
    generic: re.Pattern[str]
    comparators: re.Pattern[str]
    rate: re.Pattern[str]  # 增长5%: a rate
    rate_to: re.Pattern[str]  # 提高到90%: a level
    filler: re.Pattern[str]  # 下降 再 3%


def _alt(words: object) -> str:
    return lexicon.alternation(words) or "(?!)"


@cache
def _lex() -> _Lex:
    rows = lexicon.table("indicators.tsv", 2)
    canonical = {w: c for w, c in rows}
    rates: dict[str, list[str]] = {"rate": [], "to": [], "filler": []}
    for word, kind in lexicon.table("indicators_rates.tsv", 2):
        rates[kind].append(word)
    return _Lex(
        names=re.compile(_alt(canonical)),
        canonical=canonical,
        down=re.compile(_alt(r[0] for r in lexicon.table("indicators_direction.tsv", 2)
                             if r[1] == "down")),
        reductions=re.compile(rf"(?:{_alt(lexicon.words('indicators_reductions.tsv'))})[了]?$"),
        families={u: (f, k == "count") for u, f, k in lexicon.table("indicators_units.tsv", 3)},
        generic=re.compile(_alt(lexicon.words("indicators_generic.tsv"))),
        comparators=re.compile(_alt(lexicon.words("quantity_comparators.tsv"))),
        rate=re.compile(_alt(rates["rate"])),
        rate_to=re.compile(f"(?:{_alt(rates['rate'])})(?:{_alt(rates['to'])})$"),
        filler=re.compile(f"(?:{_alt(rates['filler'])})+$"),
    )


def canonical(text: str) -> str:
    """``text`` with every indicator name of ``data/indicators.tsv`` rewritten to its one name."""
    lex = _lex()
    return lex.names.sub(lambda m: lex.canonical[m[0]], text)


@dataclass(frozen=True)
class Measure:
    """A figure seen for follow-through: what it measures, in which unit, at what size."""

    q: Quantity
    context: str  # the clause around it, indicator names made canonical
    grams: frozenset[str]
    indicator: str | None  # the canonical indicator named in the context, if any
    base: float | None  # the value with its scale removed (2.4万个 → 24000)
    unit: str  # the unit with its scale removed (个)
    growth: bool  # a rate of change (增长5%), not a level (覆盖率90%)
    reduction: bool  # the size of a reduction (下降3%)
    label: str = ""  # what it measures, as the report words it (城镇新增就业, 打通断头路)


def _left(text: str, i: int, floor: int) -> int:
    k = i
    while k > floor and text[k - 1] not in _CLAUSE:
        k -= 1
    return k


def _right(text: str, j: int, ceiling: int, stops: frozenset[str] = _RIGHT_STOP) -> int:
    k = j
    while k < ceiling and text[k] not in stops:
        k += 1
    return k


def _content(text: str) -> str:
    """The letters of ``text`` that say what is measured: no digits, no generic words."""
    return "".join(ch for ch in _lex().generic.sub(" ", text) if ch.isalpha() or ch == " ")


def bigrams(text: str) -> frozenset[str]:
    """The characters and character bigrams of ``text``'s content words."""
    words = _content(text).split()
    return frozenset([w[k:k + 2] for w in words for k in range(len(w) - 1)]
                     + [ch for w in words for ch in w])


def _context(text: str, i: int, j: int, prev_end: int, next_start: int,
             named: str | None) -> tuple[str, str]:
    """The text before and after a figure that says what it measures."""
    a = _left(text, i, max(prev_end, i - 40))
    if len(_content(text[a:i]).replace(" ", "")) < 2:  # 分别达35512元、25689元: the clause's head
        a = _left(text, i, max(0, i - 40))
    b = _right(text, j, min(next_start, j + 16))
    left, right = text[a:i], text[j:b]
    if len(_content((named or "") + left + right).replace(" ", "")) < 3:
        # 增长7.5%，达到326.4亿元 · 投资4.7亿元，完成65条道路: widen to the clauses beside it
        if a > 0 and text[a - 1] in "，,、":
            left = text[_left(text, a - 1, max(0, a - 41)):i]
        if b < len(text) and text[b] in "，,、":
            right = text[j:_right(text, b + 1, min(len(text), b + 41), _CLAUSE)]
    return left, right


def measure(q: Quantity, text: str, prev_end: int, next_start: int) -> Measure:
    """See ``q`` in ``text``; ``prev_end``/``next_start`` bound it by the figures beside it."""
    i, j = q.span
    left, right = _context(text, i, j, prev_end, next_start, q.indicator)
    raw = left + "|" + right
    if q.indicator and q.indicator not in raw:
        raw = q.indicator + raw
    ctx = canonical(raw)
    lex = _lex()
    found = [m[0] for m in lex.names.finditer(raw)]
    indicator = lex.canonical[max(found, key=len)] if found else None
    base_unit = q.base_unit or q.unit
    growth = q.unit in ("%", "个百分点") and (
        q.growth or bool(lex.rate.search(left[-8:]))) and not lex.rate_to.search(left)
    reduction = bool(lex.reductions.search(lex.filler.sub("", left)))
    return Measure(q, ctx, bigrams(ctx), indicator, q.base_value, base_unit, growth, reduction,
                   _label(left, right, q.indicator))


def _label(left: str, right: str, named: str | None) -> str:
    """A short name of what a figure measures: the words around it (打通…断头路)."""
    def words(text: str) -> str:
        text = _lex().comparators.sub("", text)
        return re.sub(r"\s+", "", text).strip("，,、；;：:|的“”\"")

    near = words(left.split("|")[-1])
    head = near[-14:] + words(right[:8])
    if named and named not in near:
        head = named + head
    return head


def measures(figures: list[Quantity], text: str) -> list[Measure]:
    """A :class:`Measure` for every figure of a text (figures in text order).

    Contexts are read with every figure blanked out, so that a neighbour's unit (亿元) never
    says what a figure measures.
    """
    chars = list(text)
    for q in figures:
        chars[q.span[0]:q.span[1]] = " " * (q.span[1] - q.span[0])
    masked = "".join(chars)
    out: list[Measure] = []
    for k, q in enumerate(figures):
        prev_end = figures[k - 1].span[1] if k else 0
        next_start = figures[k + 1].span[0] if k + 1 < len(figures) else len(text)
        m = measure(q, masked, prev_end, next_start)
        if m.growth and out and _same_sentence(text, out[-1].q.span[1], q.span[0]):
            m = _inherit(m, out[-1])
        out.append(m)
    return out


def _same_sentence(text: str, i: int, j: int) -> bool:
    return not any(ch in "。；;！？!?\n" for ch in text[i:j])


def _inherit(m: Measure, prev: Measure) -> Measure:
    """A rate after a level (X完成32943元，同比增长7%) is the rate of the level's indicator."""
    if not prev.indicator or prev.growth or m.indicator == prev.indicator:
        return m
    if m.indicator and m.indicator not in prev.indicator:
        return m  # it names an indicator of its own
    ctx = prev.indicator + m.context
    return replace(m, context=ctx, grams=bigrams(ctx), indicator=prev.indicator)


def each_indicator(m: Measure) -> list[Measure]:
    """One figure set for several named indicators (城镇…、农村…收入均增长8%), once for each."""
    lex = _lex()
    head = m.context.split("|")[0]
    found = list(lex.names.finditer(head))
    names = list(dict.fromkeys(lex.canonical[f[0]] for f in found))
    if len(names) < 2:
        return [m]
    tail = head[found[-1].end():]
    out = []
    for name in names:
        ctx = name + tail + m.context[len(head):]
        out.append(replace(m, context=ctx, grams=bigrams(ctx), indicator=name,
                           label=name + tail.strip("|")))
    return out


def same_unit(a: Measure, b: Measure) -> str:
    """``same``, ``family`` (个 and 处) or ``different``."""
    if a.unit == b.unit:
        return "same"
    fam = _lex().families
    fa, fb = fam.get(a.unit), fam.get(b.unit)
    if fa and fb and (fa[0] == fb[0] or (fa[0] == "*" and fb[1]) or (fb[0] == "*" and fa[1])):
        return "family"
    return "different"


def similarity(a: Measure, b: Measure) -> float:
    """Dice coefficient of the contexts' character bigrams, 1.0 for one named indicator."""
    if not a.grams or not b.grams:
        return 0.0
    dice = 2 * len(a.grams & b.grams) / (len(a.grams) + len(b.grams))
    if a.indicator and a.indicator == b.indicator:
        dice = max(dice, 0.6) + 0.2
    elif a.indicator and b.indicator and not (a.indicator in b.context or b.indicator in a.context):
        dice -= 0.3  # two different named indicators
    return dice


def is_ceiling(target: Measure) -> bool:
    return bool(_lex().down.search(target.context)) and not target.reduction


def met(target: Measure, actual: Measure) -> bool | None:
    """Whether ``actual`` meets ``target``, by its comparator and its indicator's direction.

    None when they are not comparable: different units, a rate against a level.
    """
    if same_unit(target, actual) == "different" or target.growth != actual.growth:
        return None
    if target.base is None or actual.base is None:
        return None
    t, v = target.base, actual.base
    cmp = target.q.comparator
    ceiling = is_ceiling(target) or cmp in ("le", "lt")
    if cmp in ("ge", "gt"):
        ceiling = False
    slack = ABOUT_TOLERANCE * abs(t) if cmp == "approx" else 0.0
    eps = 1e-9 * max(1.0, abs(t))
    if ceiling:
        return v <= t + slack + eps
    return v >= t - slack - eps
