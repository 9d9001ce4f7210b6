"""Resolvers of the calendar's named days: festivals, seasons by the solar terms, weeks, days."""
from __future__ import annotations

import datetime as dt

from . import days
from .candidate import LIMIT_PRE, Base, Cand, G, year_of
from .grammar import lex


def festival(c: Cand, g: G, base: Base) -> bool:
    kind, _, value = lex()["festival"][g["fest"]][0].partition(":")
    length = int(lex()["festival"][g["fest"]][1])
    suf = g["fsuf"] or ""
    if not suf and (c.pre not in LIMIT_PRE or c.norm.startswith(tuple(lex()["frame_after"]), c.j)):
        return False  # 欢度春节, 在春节后: a festival named, not a time limit
    c.rule, c.precision, c.cue = f"festival_{kind}", "day", True
    y, c.explicit = year_of(g["fy"], base)
    if y is None:
        return True
    day = days.next_on_or_after(lambda yy: days.festival_day(kind, value, yy), y,
                                base if g["fy"] is None else None)
    if suf in ("期间", "前后"):
        c.end = day + dt.timedelta(days=length - 1)
    elif suf:
        c.end = day - dt.timedelta(days=1)
    else:
        c.end = day
    return True


def season(c: Cand, g: G, base: Base) -> bool:
    vals = lex()["season"][g["season"]]
    c.rule, c.precision, c.cue = "season", "day", True
    if base:
        c.end = days.md(base.year, vals[0])
        if c.end < base:
            c.end = days.md(base.year + 1, vals[0])
        if len(vals) > 1:
            c.stated = True
            c.start = days.md(c.end.year - (vals[1] > vals[0]), vals[1])
    return True


def season_term(c: Cand, g: G, base: Base) -> bool:
    """春季, 2021年春, 今年冬季: a season by the solar terms."""
    word = g["sterm"] or g["sterm2"]
    first, last = lex()["season_term"][word][:2]
    suf = g["ssuf"] or ""
    if g["sterm2"] and not suf and c.pre not in LIMIT_PRE:
        return False  # 加强冬季供暖: a season named, not a time limit
    y, c.explicit = year_of(g["sy"], base)
    c.rule, c.precision, c.cue = "season_term", "day", c.cue or bool(suf)
    if y is None:
        return True

    def span(yy: int) -> tuple[dt.date, dt.date]:
        start = days.solar_terms(yy)[first]
        end = days.solar_terms(yy)[last]
        if end < start:
            end = days.solar_terms(yy + 1)[last]
        return start, end - dt.timedelta(days=1)

    c.start, c.end = span(y)
    if g["sterm2"] and base and c.end < base:
        c.start, c.end = span(y + 1)
    if suf and lex()["suffix"][suf][0] in ("before", "prior"):
        c.end = c.start - dt.timedelta(days=1)  # 冬季前: before the winter begins
    return True


def week(c: Cand, g: G, base: Base) -> bool:
    """本周(内), 下周五, 周五前: a week ends on Sunday; a weekday already past is next week's."""
    c.rule, c.precision = "week", "day"
    lx = lex()
    rel, day = g["wrel"], g["wrelday"] or g["wday"]
    c.cue = c.cue or bool(g["wrelsuf"] or g["wdaysuf"] or (rel and day))
    if not c.cue and not rel:
        return False  # 周五 alone names a day, not a limit
    if base:
        off = int(lx["week_rel"][rel][0]) if rel else 0
        n = int(lx["weekday"][day][0]) if day in lx["weekday"] else (
            "一二三四五六".find(day) + 1 if day and day in "一二三四五六" else 7)
        if not day and rel:
            n = 7
        c.end = days.add_days(base, 7 * off + n - 1 - base.weekday())
        if c.end < base and not rel:
            c.end = days.add_days(c.end, 7)
    return True


def day_rel(c: Cand, g: G, base: Base) -> bool:
    """(在)今天, 后天前: a day counted from the speech's date, only as a time limit."""
    c.rule, c.precision = "day_rel", "day"
    c.cue = c.cue or bool(g["drelsuf"])
    if base:
        c.end = days.add_days(base, int(lex()["day_rel"][g["drel"]][0]))
    return c.cue
