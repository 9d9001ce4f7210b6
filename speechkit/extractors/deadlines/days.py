"""Calendar arithmetic for deadlines: month ends, spans, working days, festivals, solar terms.

Every function here either returns a date inside :data:`YEARS` or raises :class:`Refused`:
a number or year beyond what the calendar (or ``datetime``) holds is no deadline, and the
caller records why. Nothing loops day by day: working days are counted by bisecting the
official calendar (``chinesecalendar``) and, beyond the years it covers, Monday to Friday
arithmetically (with a note).
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
from functools import cache

#: Years a deadline can name; beyond them the text is damaged (0403年底前) or no plan of work.
YEARS = (1900, 2200)
#: What the lunar calendar library (``lunardate``) and the solar terms (``chinesecalendar``) cover.
LUNAR_YEARS = (1900, 2099)
TERM_YEARS = (1900, 2100)


class Refused(Exception):
    """A time expression that names a day beyond the calendar: not a deadline."""


def check_year(y: int, bounds: tuple[int, int] = YEARS, what: str = "the years a deadline can name") -> int:
    if not bounds[0] <= y <= bounds[1]:
        raise Refused(f"year {y} lies outside {what} ({bounds[0]}–{bounds[1]})")
    return y


def date(y: int, m: int, d: int) -> dt.date:
    return dt.date(check_year(y), m, min(d, calendar.monthrange(check_year(y), m)[1]))


def month_end(y: int, m: int) -> dt.date:
    return date(y, m, 31)


def md(y: int, mmdd: str) -> dt.date:
    """``MM-DD`` of year ``y``; ``MM`` alone is that month's last day."""
    m, _, d = mmdd.partition("-")
    return date(y, int(m), int(d)) if d else month_end(y, int(m))


def add_months(d: dt.date, n: int) -> dt.date:
    if n > (YEARS[1] - d.year + 1) * 12:
        raise Refused(f"{n} months after {d} lie beyond {YEARS[1]}")
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, d.day)


def add_days(d: dt.date, n: int) -> dt.date:
    if n > (dt.date(YEARS[1], 12, 31) - d).days:
        raise Refused(f"{n} days after {d} lie beyond {YEARS[1]}")
    return d + dt.timedelta(days=n)


def shift_year(d: dt.date) -> dt.date:
    """The same day a year later (Feb 29 → Feb 28)."""
    return date(d.year + 1, d.month, d.day)


# -- working days ---------------------------------------------------------------------------

@cache
def _official() -> tuple[dt.date, dt.date, tuple[dt.date, ...]]:
    """The working days of the official calendar, and the first and last day it covers."""
    from chinese_calendar.constants import holidays, workdays

    lo, hi = dt.date(min(holidays).year, 1, 1), dt.date(max(holidays).year, 12, 31)
    days = (lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1))
    return lo, hi, tuple(d for d in days if d in workdays or (d.weekday() < 5 and d not in holidays))


def _weekdays_after(d: dt.date, n: int) -> dt.date:
    """The ``n``-th Monday-to-Friday day after ``d`` (n ≥ 1), by arithmetic."""
    weeks, rest = divmod(n, 5)
    if rest == 0:
        weeks, rest = weeks - 1, 5
    d = add_days(d, 7 * weeks)
    while rest:  # at most a week of steps
        d += dt.timedelta(days=1)
        rest -= d.weekday() < 5
    return d


def add_workdays(d: dt.date, n: int, notes: list[str]) -> dt.date:
    """The ``n``-th working day after ``d``: the official calendar where it reaches, else Mon–Fri."""
    if n * 7 // 5 + 7 > (dt.date(YEARS[1], 12, 31) - d).days:
        raise Refused(f"{n} working days after {d} lie beyond {YEARS[1]}")
    if n <= 0:
        return d
    lo, hi, work = _official()
    if lo <= d <= hi:
        i = bisect.bisect_right(work, d)
        if i + n - 1 < len(work):
            return work[i + n - 1]
        n, d = n - (len(work) - i), hi
    notes.append(f"working days after {hi} are counted Monday to Friday "
                 f"(the official holiday calendar covers {lo.year}–{hi.year})"
                 if d == hi else f"working days from {d} are counted Monday to Friday "
                 f"(the official holiday calendar covers {lo.year}–{hi.year})")
    return _weekdays_after(d, n)


# -- festivals and solar terms --------------------------------------------------------------

@cache
def solar_terms(y: int) -> dict[str, dt.date]:
    """The 24 solar terms of year ``y`` (``chinesecalendar``)."""
    import chinese_calendar

    check_year(y, TERM_YEARS, "the years of the solar-term calendar")
    return {name: day for day, name in chinese_calendar.get_solar_terms(dt.date(y, 1, 1), dt.date(y, 12, 31))}


def lunar(y: int, mmdd: str) -> dt.date:
    from lunardate import LunarDate

    check_year(y, LUNAR_YEARS, "the years of the lunar calendar")
    m, d = (int(x) for x in mmdd.split("-"))
    return LunarDate(y, m, d).to_solar_date()


def festival_day(kind: str, value: str, y: int) -> dt.date:
    """The day a festival falls on in year ``y``: ``lunar`` MM-DD, ``solar`` MM-DD or ``term`` name."""
    if kind == "lunar":
        return lunar(y, value)
    if kind == "eve":
        return lunar(y, value) - dt.timedelta(days=1)
    if kind == "term":
        return solar_terms(y)[value]
    return md(y, value)


def next_on_or_after(day_of: object, y: int, base: dt.date | None) -> dt.date:
    """``day_of(y)``, or of the next year when that day is already past ``base`` (two tries)."""
    day = day_of(y)  # type: ignore[operator]
    if base is not None and day <= base:
        day = day_of(y + 1)  # type: ignore[operator]
    return day
