"""Deadlines and recurrences (a first grammar; see data/time.tsv)."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import cache

from ..records import Deadline, Recurrence
from ..sentences import Sentence

_CN_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             "十": 10, "十一": 11, "十二": 12}


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _month(s: str) -> int:
    return int(s) if s.isdigit() else _CN_MONTH[s]


@cache
def _pattern() -> re.Pattern[str]:
    mon = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
    return re.compile(
        rf"(?P<ymd>(?:到|于|在)?(?P<y1>\d{{4}})年(?P<m1>{mon})月(?:(?P<d1>\d{{1,2}})日|底)?(?:前|之前|以前)?)"
        rf"|(?P<md>(?:于|在)?(?P<m2>{mon})月(?:(?P<d2>\d{{1,2}})日|底|末)(?:前|之前|以前)?)"
        rf"|(?P<toyear>到(?P<y3>\d{{4}})年(?:底|末)?(?:前)?)"
        r"|(?P<yearend>年底前|年底|年内|今年内|本年度内|下半年)"
        r"|(?P<q3>三季度末|第三季度末)"
        r"|(?P<monthend>本月底|月底前)"
        r"|(?P<vague>按期|尽快|尽早|及时|限期|按时|按照时限要求|如期)"
    )


_RECUR = re.compile(r"每(?:周|月|季度|季|年|天|日|半年)(?:\d{1,2}日前)?|定期")
_FRAME = re.compile(r"^(?:上半年|截至|今年以来|\d{1,2}-\d{1,2}月)")


def _roll(d: dt.date, base: dt.date) -> dt.date:
    """A day already past in the speech's year means that day next year."""
    if d < base:
        try:
            return d.replace(year=d.year + 1)
        except ValueError:
            return d.replace(year=d.year + 1, day=28)
    return d


def find(sent: Sentence, base: dt.date | None) -> tuple[Deadline | None, Recurrence | None]:
    """The task's deadline and recurrence in a sentence, if any."""
    norm = sent.norm
    found: Deadline | None = None
    for m in _pattern().finditer(norm):
        end: dt.date | None = None
        precision, rule = "vague", m.lastgroup or ""
        if m.group("ymd"):
            y, mo = int(m.group("y1")), _month(m.group("m1"))
            d = m.group("d1")
            end = dt.date(y, mo, int(d)) if d else _month_end(y, mo)
            precision = "day" if d else "month"
        elif m.group("md"):
            if _FRAME.match(norm[max(0, m.start() - 2):m.end()]) or "截至" in norm[max(0, m.start() - 3):m.start()]:
                continue
            if base:
                mo = _month(m.group("m2"))
                d = m.group("d2")
                end = _roll(dt.date(base.year, mo, int(d)) if d else _month_end(base.year, mo), base)
            precision = "day" if m.group("d2") else "month"
        elif m.group("toyear"):
            end = dt.date(int(m.group("y3")), 12, 31)
            precision = "year"
        elif m.group("yearend"):
            end = dt.date(base.year, 12, 31) if base else None
            precision = "year" if m.group("yearend") != "下半年" else "half-year"
            if m.group("yearend") == "下半年" and m.start() == 0:
                pass
        elif m.group("q3"):
            end = dt.date(base.year, 9, 30) if base else None
            if end and base and end < base:
                end = end.replace(year=end.year + 1)
            precision = "quarter"
        elif m.group("monthend"):
            end = _month_end(base.year, base.month) if base else None
            precision = "month"
        text, span = sent.surface(m.start(), m.end())
        found = Deadline(text=text, span=span, end=end, precision=precision, rule=rule)
        break
    rec = None
    r = _RECUR.search(norm)
    if r:
        text, span = sent.surface(r.start(), r.end())
        rec = Recurrence(text=text, span=span)
    return found, rec
