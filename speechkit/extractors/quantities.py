"""Quantities: every number with a unit or %, as written, with its scale kept in the unit."""
from __future__ import annotations

import re
from functools import cache

from .. import lexicon
from ..records import Quantity
from ..sentences import Sentence

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


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


@cache
def _pattern() -> re.Pattern[str]:
    units = lexicon.alternation(r[0] for r in lexicon.table("units.tsv", 3))
    scales = lexicon.alternation(r[0] for r in lexicon.table("scales.tsv", 2))
    num = r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)"
    return re.compile(
        rf"(?P<pct>百分之(?P<pnum>[零〇一二两三四五六七八九十百点]+))"
        rf"|{num}(?P<approx>余|多)?(?P<unit>(?:{scales})?(?:{units})|(?:{scales})(?=[余多]?[\u4e00-\u9fff]))"
    )


@cache
def _fixed() -> re.Pattern[str]:
    return re.compile(lexicon.alternation(lexicon.words("fixed_terms.tsv")))


def find(sent: Sentence) -> list[Quantity]:
    """Every quantity of a sentence, in order."""
    norm = sent.norm
    blocked = [m.span() for m in _fixed().finditer(norm)]
    out: list[Quantity] = []
    for m in _pattern().finditer(norm):
        i, j = m.span()
        if any(s < j and i < e for s, e in blocked):
            continue
        if m.group("pct"):
            value = cn_to_number(m.group("pnum"))
            unit = "%"
        else:
            raw = m.group("num")
            if i > 0 and (norm[i - 1].isdigit() or norm[i - 1] in ".〔[第"):
                continue
            if raw[0].isdigit():
                value = float(raw.replace(",", ""))
            else:
                value = cn_to_number(raw)
                if value is None or (len(raw) == 1 and raw in "一两" and m.group("unit") in ("个", "批", "项", "件", "次")
                                     and not _counted_context(norm, j)):
                    continue
            unit = m.group("unit")
            if m.group("approx"):
                pass
        if value is None:
            continue
        text, span = sent.surface(i, j)
        out.append(Quantity(text=text, span=span, value=value, unit=unit))
    return out


def _counted_context(norm: str, j: int) -> bool:
    return False
