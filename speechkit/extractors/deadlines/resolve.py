"""Resolution: one grammar match and the speech's date → a candidate deadline with its dates
(the named days of the calendar, festivals, seasons and weeks, in :mod:`.named`).

One small function per branch of the grammar (:data:`.grammar.BRANCHES`); a date beyond the
calendar raises :class:`.days.Refused` (the caller records a warning). Conventions that differ
from JioNLP's are stated in ``data/time_words.tsv`` beside the words they concern.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from . import days
from .candidate import LIMIT_PRE, Base, Cand, G, year_of
from .grammar import branch, lex, number
from .named import day_rel, festival, season, season_term, week


def _now(c: Cand, g: G, base: Base) -> bool:
    c.rule, c.start, c.cue, c.stated = "start_now", base, True, True
    return True


def _fixed(c: Cand, g: G, base: Base) -> bool:
    year_word, _, mmdd = lex()["fixed"][g["fixed"]][0].partition(":")
    c.rule, c.precision, c.cue, c.strong = "fixed", "year", True, True
    if year_word.startswith("Y"):
        c.end = days.md(base.year + int(year_word[1:] or 0), mmdd) if base else None
    else:
        c.end, c.explicit = days.md(int(year_word), mmdd), True
    return True


def _plan(c: Cand, g: G, base: Base) -> bool:
    y0, y1 = (int(x) for x in lex()["plan"][g["plan"]][:2])
    c.rule, c.start, c.end, c.precision = "plan", dt.date(y0, 1, 1), days.month_end(y1, 12), "year"
    c.explicit = c.cue = True
    c.stated = g["plansuf"] not in ("末", "期末", "末期")  # 期间 states the whole period
    return True


def _year_range(c: Cand, g: G, base: Base) -> bool:
    c.rule, c.precision, c.explicit, c.cue, c.stated = "year_range", "year", True, True, True
    c.start, c.end = days.date(int(g["ry1"]), 1, 1), days.month_end(int(g["ry2"]), 12)
    return True


def _month_range(c: Cand, g: G, base: Base) -> bool:
    y, c.explicit = year_of(g["mry"], base)
    c.rule, c.precision, c.stated = "month_range", "month", True
    c.cue = c.cue or bool(g["mrsuf"] or g["mrpart"])
    m1, m2 = number(g["mr1"]), number(g["mr2"])
    if y and m1 and m2 and m1 <= 12 and m2 <= 12:
        c.start, c.end = days.date(y, m1, 1), days.month_end(y, m2)
    return True


def _numeric_date(c: Cand, g: G, base: Base) -> bool:
    """2025.12.31 · 2025-12-31 · 2022 11 23 · 20240307: a day with its year."""
    s = g["ndc"]
    y, m, d = (int(s[:4]), int(s[4:6]), int(s[6:])) if s else (int(g["ndy"]), int(g["ndm"]), int(g["ndd"]))
    c.rule, c.precision, c.explicit = "numeric_date", "day", True
    c.cue = c.cue or bool(g["ndsuf"]) or (not s and g["ndsep"] != " ")
    c.end = c.start = days.date(y, m, d)
    return c.cue  # a bare run of digits (a number, a code) is no date


def _month_day(c: Cand, g: G, base: Base) -> bool:
    """6·30, 09-01: a day of a month, only as a time limit (7·20 alone names an event)."""
    m, d = int(g["mdm"] or g["mdm2"]), int(g["mdd"] or g["mdd2"])
    c.rule, c.precision = "month_day", "day"
    c.cue = c.cue or bool(g["mdsuf"])
    if base:
        c.end = c.start = days.date(base.year, m, d)
    return c.cue


def _lead(c: Cand, g: G, base: Base) -> bool:
    """前三季度, 2022年前十一个月, 首季度, 后三个月: the first or last months of a year."""
    y, c.explicit = year_of(g["ly"], base)
    n = number(g["ln"]) if g["ln"] else 1
    per = 3 if g["lu"] == "季度" else 1
    if n is None or not 1 <= n * per <= 12:
        return False
    c.rule, c.precision = "year_part", "quarter" if per == 3 else "month"
    c.cue = c.cue or bool(g["lsuf"])
    if y is not None:
        if lex()["lead"][g["lead"]][0] == "first":
            c.start, c.end = dt.date(y, 1, 1), days.month_end(y, n * per)
        else:
            c.start, c.end = dt.date(y, 13 - n * per, 1), days.month_end(y, 12)
    return True


def _span_end(base: dt.date, n: float, unit: str, notes: list[str]) -> dt.date:
    whole, half = int(n), (n - int(n)) > 0 or unit.endswith("+")
    unit = unit.rstrip("+")
    if unit == "day":
        return days.add_days(base, whole)
    if unit == "week":
        return days.add_days(base, 7 * whole)
    if unit == "workday":
        return days.add_workdays(base, whole, notes)
    if unit in ("month", "quarter"):
        d = days.add_months(base, whole * (3 if unit == "quarter" else 1))
        return days.add_days(d, 15) if half else d
    d = days.add_months(base, 12 * whole + 6 * half)
    return days.month_end(d.year, d.month) if half else d  # 三年半: counted in months


def _plan_end(year: int) -> int | None:
    """The last year of the five-year plan that begins in ``year``, if one does."""
    return next((int(v[1]) for v in lex()["plan"].values() if int(v[0]) == year), None)


def _span(c: Cand, g: G, base: Base) -> bool:
    n_s, word = (g["rn"], g["ru"]) if g["rn"] else (g["rn2"], g["ru2"])
    n = 0.5 if n_s == "半" else number(n_s)
    if n is None:
        return False
    unit = lex()["span_unit"][word][0]
    c.rule, c.cue, c.unit = "relative", True, word
    c.precision = {"year": "year", "month": "month", "quarter": "month"}.get(unit.rstrip("+"), "day")
    if n_s == "半" or unit == "year+":
        c.precision = "month"
    lead = c.norm[max(0, c.i - 2):c.i]
    c.event = lead.endswith("后")  # 申报后15日内: from an event, end unknown
    if lead.endswith("起"):  # (本通报印发之日)起5个工作日内: from the text's date
        c.pre = "起"
    if not base or c.event:
        return True
    period = bool(g["rn"]) and lex()["span_prefix"][g["rpre"]][0] == "period"
    if period and unit == "year" and n == 5 and not g["rsuf"] and _plan_end(base.year):
        c.end, c.precision = days.month_end(_plan_end(base.year) or base.year, 12), "year"
        return True  # 今后五年 in a plan's first year: the plan period
    c.end = _span_end(base, n, unit, c.notes)
    if period and unit.rstrip("+") in ("month", "quarter", "year"):
        c.end -= dt.timedelta(days=1)  # the coming two months, today counted
    return True


def _date(c: Cand, g: G, base: Base) -> bool:
    y, c.explicit = year_of(g["dy"], base)
    mo = number(g["dm"])
    c.rule = "date"
    c.cue = c.cue or bool(g["dsuf"] or g["dpart"] or g["dd"])
    if y is not None and mo and 1 <= mo <= 12:
        if g["dd"]:
            d = number(g["dd"]) or 1
            c.end, c.precision = days.date(y, mo, d), "day"
        elif g["dsuf"] and not g["dpart"] and lex()["suffix"][g["dsuf"]][0] == "prior":
            c.end, c.precision = days.date(y, mo, 1) - dt.timedelta(days=1), "month"  # 5月前
        else:
            c.end, c.precision = month_part(y, mo, g["dpart"]), "month"
        c.start = days.date(y, mo, 1) if not g["dd"] else c.end
    else:
        c.precision = "day" if g["dd"] else "month"
    return True


def _quarter(c: Cand, g: G, base: Base) -> bool:
    c.rule, c.precision = "quarter", "quarter"
    c.cue = c.cue or bool(g["qpart"] or g["qsuf"] or g["qpart2"] or g["qsuf2"])
    if g["q"]:
        y, c.explicit = year_of(g["qy"], base)
        q = number(g["q"]) or 0
    else:
        y, q = (base.year if base else None), (((base.month - 1) // 3 + 1) if base else 0)
        q += int(lex()["quarter_rel"].get(g["qrel"], ("0",))[0])
        if y is not None and q > 4:
            y, q = y + 1, q - 4
    if y is not None and 1 <= q <= 4:
        c.start, c.end = days.date(y, 3 * q - 2, 1), days.month_end(y, 3 * q)
    return True


def _half(c: Cand, g: G, base: Base) -> bool:
    y, c.explicit = year_of(g["hy"], base)
    c.rule, c.precision = "half_year", "half-year"
    c.cue = c.cue or bool(g["hpart"] or g["hsuf"])
    if y is not None:
        c.start, c.end = ((days.date(y, 1, 1), days.month_end(y, 6)) if g["h"] == "上"
                          else (days.date(y, 7, 1), days.month_end(y, 12)))
    return True


def _month_rel(c: Cand, g: G, base: Base) -> bool:
    c.rule, c.precision = "month_rel", "month"
    c.cue = c.cue or bool(g["mrelpart"] or g["mrelsuf"] or g["mreld"])
    if base:
        first = days.add_months(base.replace(day=1), int(lex()["month_rel"].get(g["mrel"], ("0",))[0]))
        c.start = first
        if g["mreld"]:  # 下月九号, 本月25日前
            c.end, c.precision = days.date(first.year, first.month, number(g["mreld"]) or 1), "day"
        else:
            c.end = month_part(first.year, first.month, g["mrelpart"])
    return True


def _month_day_alone(c: Cand, g: G, base: Base) -> bool:
    """(在)30日, 25号前: a day of this month, or of the next when it is past."""
    d = number(g["mday"] or g["mday2"])
    if not d or d > 31:
        return False
    c.rule, c.precision, c.cue = "day", "day", True
    if base:
        c.end = days.date(base.year, base.month, d)
        if c.end < base:
            nxt = days.add_months(base.replace(day=1), 1)
            c.end = days.date(nxt.year, nxt.month, d)
    return True


def _year(c: Cand, g: G, base: Base) -> bool:
    y, c.explicit = year_of(g["yy"] if g["yy"] != "年" else None, base)
    c.rule, c.precision = "year", "year"
    if g["yy"] == "":  # 年初, 年中 with no year: a limit only after 在/于/到 or before 前 (年初制定的)
        c.cue = c.cue or bool(g["ysuf"])
        if not c.cue:
            return False
    c.cue = c.cue or bool(g["ypart"] or g["ysuf"] or g["y2"])
    if y is not None:
        part = lex()["year_part"].get(g["ypart"] or "", ("12-31",))[0]
        c.start, c.end = days.date(y, 1, 1), days.md(y, part)
        c.precision = "month" if part != "12-31" else "year"
    return True


def _vague(c: Cand, g: G, base: Base) -> bool:
    c.rule = "vague"
    return True


def month_part(y: int, mo: int, part: str | None) -> dt.date:
    val = lex()["month_part"].get(part or "", ("end",))[0]
    return days.month_end(y, mo) if val == "end" else days.date(y, mo, int(val))


_RESOLVERS: dict[str, Callable[[Cand, G, Base], bool]] = {
    "now": _now, "fixed": _fixed, "plan": _plan, "ry1": _year_range, "mr1": _month_range,
    "nd": _numeric_date, "md": _month_day, "lead": _lead, "fest": festival, "season": season,
    "sterm": season_term, "sterm2": season_term, "rn": _span, "rn2": _span, "dm": _date,
    "q": _quarter, "qrel": _quarter, "h": _half, "mrel": _month_rel, "mday": _month_day_alone,
    "mday2": _month_day_alone, "wrel": week, "wday": week, "drel": day_rel, "yy": _year, "vague": _vague,
}


def resolve(m: re.Match[str], base: Base) -> Cand | None:
    """The candidate a match stands for, or None (a recurrence, or no time limit after all).

    Raises :class:`.days.Refused` when it names a day beyond the calendar."""
    key = branch(m)
    fn = _RESOLVERS.get(key)
    if fn is None:
        return None  # a recurrence is matched by its own branch and handled by the caller
    g = m.groupdict()
    c = Cand(m.start(), m.end(), key, norm=m.string)
    c.pre = g["pre"] or ""
    c.cue = c.pre in LIMIT_PRE
    c.strong = c.cue or m.group().endswith(tuple(lex()["suffix"]))
    return c if fn(c, g, base) else None
