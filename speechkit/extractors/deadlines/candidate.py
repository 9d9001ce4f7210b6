"""What a resolver fills in: the candidate deadline of one grammar match, and the year words."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from . import days
from .grammar import lex, year_number

#: Prepositions that make the time after them a time limit (到2027年, 在年底前).
LIMIT_PRE = ("到", "至", "于", "在")


@dataclass
class Cand:
    """One time expression found, resolved."""

    i: int
    j: int
    rule: str
    end: dt.date | None = None
    start: dt.date | None = None
    precision: str = "vague"
    explicit: bool = False  # the year is written (2025年), so it never rolls
    cue: bool = False  # 前/内/底/末/到: the expression is a time limit
    pre: str = ""
    unit: str = ""
    event: bool = False  # relative to an event (申报后15日内), not to the speech's date
    strong: bool = False  # 到/至…, …前/内/为止: the words of a time limit
    stated: bool = False  # the start is written (自…起, 2025—2027年, 十四五期间)
    norm: str = ""  # the sentence it was found in
    notes: list[str] = field(default_factory=list)


G = dict[str, Any]
Base = dt.date | None


def year_of(word: str | None, base: Base) -> tuple[int | None, bool]:
    """The year a year word names, and whether it is named (2025年, 今年) rather than implied."""
    if not word:
        return (base.year if base else None), False
    rel = lex()["year_rel"]
    if word in rel:
        return (base.year + int(rel[word][0]) if base else None), True  # 今年3月底前: no rolling
    n = year_number(word.rstrip("年"))
    if n is None:
        return (base.year if base else None), False
    if len(word.rstrip("年")) == 2:  # 98年, 九零年: the century nearest the speech's date
        ref = base.year if base else 2000
        n = min((c + n for c in (1900, 2000, 2100)), key=lambda y: abs(y - ref))
    return days.check_year(n), True
