"""Numerals: the one numeral reader of speechkit.

Values of numerals as written, Chinese, Arabic or mixed, as exact ``Decimal``s:

    >>> [str(value(s)) for s in ("三万五", "两千六", "一千零十", "1.2万", "3千万亿", "82,225.00")]
    ['35000', '2600', '1010', '12000.0', '3000000000000000', '82225.00']
    >>> str(value("一亿五千万零六千三百五十五")), str(value("零点零五")), str(fraction("三分之一"))
    ('150006355', '0.05', '0.3333')
    >>> [str(v) for v in pair("三五百")], [str(v) for v in pair("十二三")]
    (['300', '500'], ['12', '13'])

The characters and their values are data (``data/numerals.tsv``); Chinese integers are valued
by ``cn2an`` (its "normal" mode reads elisions such as 三万五 and 一百二); decimals, Arabic digits
and mixed forms are read here, exactly. This module only *reads* a numeral it is given: where a
numeral stands in a sentence is for the callers' grammars to say, built from :func:`chars` and
:data:`ARABIC`. It imports nothing of speechkit but its errors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from .errors import LexiconError

#: An Arabic number: digits with optional thousands separators and decimals (1,200.5; 22.8).
#: (``{1,3}+`` keeps its digits: fewer before the comma would leave a digit where it stands.)
ARABIC = r"\d{1,3}+(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?"
_ARABIC = re.compile(rf"(?:{ARABIC})")
_CANON_DIGITS = "零一二三四五六七八九"
_CANON = {10: "十", 100: "百", 1000: "千", 10000: "万", 100000000: "亿"}
_FRACTION = "分之"  # grammar of N分之M, not vocabulary
_FOURTH = Decimal("0.0001")  # 三分之一 → 0.3333, as the annotation writes it
_LONGEST = 64  # no Chinese numeral is longer (一千一百一十一万…亿… has 31): past it, none is read


@dataclass(frozen=True)
class _Table:
    value: dict[str, int]  # character → value (digits, units, bigs)
    kind: dict[str, str]  # character → digit / unit / big / point
    formal: frozenset[str]  # financial forms: read, not looked for
    canon: dict[str, str]  # character → its plain form for cn2an (两 → 二, 仟 → 千)


@cache
def _table() -> _Table:
    text = resources.files("speechkit").joinpath("data", "numerals.tsv").read_text(encoding="utf-8")
    value: dict[str, int] = {}
    kind: dict[str, str] = {}
    formal: set[str] = set()
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) not in (3, 4) or parts[2] not in ("digit", "unit", "big", "point"):
            raise LexiconError(f"numerals.tsv:{n}: expected character, value, kind[, formal]")
        kind[parts[0]] = parts[2]
        if parts[3:] == ["formal"]:
            formal.add(parts[0])
        if parts[2] != "point":
            value[parts[0]] = int(parts[1])
    canon = {ch: (_CANON_DIGITS[v] if kind[ch] == "digit" else _CANON[v]) for ch, v in value.items()}
    return _Table(value=value, kind=kind, formal=frozenset(formal), canon=canon)


def chars(*kinds: str, formal: bool = False) -> str:
    """The numeral characters of the given kinds (all but the point when none is given),
    escaped for a regex character class; the financial forms (壹, 仟) only when ``formal``."""
    t = _table()
    want = kinds or ("digit", "unit", "big")
    return "".join(re.escape(ch) for ch, k in t.kind.items()
                   if k in want and (formal or ch not in t.formal))


def kind(ch: str) -> str | None:
    """The kind of a numeral character (digit, unit, big, point), or None."""
    return _table().kind.get(ch)


@cache
def _cn2an() -> Any:
    import cn2an  # a dependency; imported on the first Chinese numeral, not at import time

    return cn2an


def _chinese_integer(s: str, t: _Table) -> Decimal | None:
    if not s or len(s) > _LONGEST or any(t.kind.get(ch) in (None, "point") for ch in s):
        return None
    plain = "".join(t.canon[ch] for ch in s)
    try:
        got = _cn2an().cn2an(plain, "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return Decimal(got) if isinstance(got, int) else None


def _mixed(s: str, t: _Table) -> Decimal | None:
    """1.2万 → 12000, 3千万亿 → 3e15, 9佰 → 900: Arabic digits and a tail of scale characters."""
    m = _ARABIC.match(s)
    if not m:
        return None
    number = Decimal(m[0].replace(",", ""))
    for ch in s[m.end():]:
        if t.kind.get(ch) not in ("unit", "big"):
            return None
        number *= t.value[ch]
    return number


@lru_cache(maxsize=8192)
def value(text: str) -> Decimal | None:
    """The value of one numeral as written, or None when it is not one."""
    s = text.strip().replace(" ", "")
    if not s:
        return None
    t = _table()
    if s[0].isascii() and s[0].isdigit():
        return _mixed(s, t)
    if _FRACTION in s:
        return fraction(s)
    point = next((ch for ch in s if t.kind.get(ch) == "point"), None)
    if point is None:
        return _chinese_integer(s, t)
    whole, _, frac = s.partition(point)
    w = _chinese_integer(whole, t)
    if w is None or not frac or any(t.kind.get(ch) != "digit" for ch in frac):
        return None
    try:
        return Decimal(f"{w}." + "".join(str(t.value[ch]) for ch in frac))
    except InvalidOperation:
        return None


def fraction(text: str) -> Decimal | None:
    """``N分之M`` → M/N to four places (三分之一 → 0.3333, 二分之一 → 0.5, 百分之五 → 0.05)."""
    den, sep, num = text.partition(_FRACTION)
    if not sep:
        return None
    t = _table()
    d = Decimal(t.value[den]) if t.kind.get(den) == "unit" else value(den)  # 百分之五: 百 alone
    n = value(num)
    if d is None or n is None or d == 0:
        return None
    return (n / d).quantize(_FOURTH).normalize()


@lru_cache(maxsize=4096)
def pair(text: str) -> tuple[Decimal, Decimal] | None:
    """Two adjacent digits read as a range: 三五百 → (300, 500), 八九亿 → (8亿, 9亿),
    十二三 → (12, 13), 一两 → (1, 2). None unless exactly one such pair stands in ``text``."""
    t = _table()
    if len(text) > _LONGEST:
        return None
    found = [k for k in range(len(text) - 1)
             if t.kind.get(text[k]) == "digit" == t.kind.get(text[k + 1])]
    if len(found) != 1:
        return None
    k = found[0]
    a, b = t.value[text[k]], t.value[text[k + 1]]
    if not 0 < a < b <= a + 2:
        return None
    low, high = value(text[:k + 1] + text[k + 2:]), value(text[:k] + text[k + 1:])
    if low is None or high is None:
        return None
    return low, high


def magnitude(text: str) -> Decimal | None:
    """The value of a magnitude written without a digit: 百 → 100, 千亿 → 1e11, 万 → 10000."""
    t = _table()
    if not text or len(text) > 3 or any(t.kind.get(ch) not in ("unit", "big") for ch in text):
        return None
    return value(next(ch for ch, v in t.value.items() if v == 1 and t.kind[ch] == "digit") + text)


def integer(text: str) -> int | None:
    """The value of a numeral when it is a whole number (十二 → 12, 二〇二五 → 2025)."""
    v = value(text)
    return int(v) if v is not None and v == v.to_integral_value() else None
