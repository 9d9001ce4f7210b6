"""The speech's date: given by the caller, else read from the text when it states one."""
from __future__ import annotations

import datetime as dt
import re

from .errors import InputError
from .extractors.deadlines.grammar import number, year_number

_ARABIC = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*日")
_ISO = re.compile(r"(?:(?:发布时间|发布日期|日期|时间)\s*[:：]\s*|^\s*)"
                  r"(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)", re.MULTILINE)
_CHINESE = re.compile(r"(?P<y>[〇零一二三四五六七八九]{4})年(?P<m>十[一二]?|[一二三四五六七八九])月(?P<d>[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日")
#: Only the head of a speech states its own date; a date deeper in is something else.
HEAD = 400
#: A year in a title: ``2025年工作要点``, ``数字山东2019行动方案``, ``规划（2021—2025年）`` (its first).
_TITLE_RANGE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年?\s*[-—–~～至到]\s*(?:19|20)\d{2}(?!\d)")
_TITLE_YEAR = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?!\d)|(?P<cn>[〇零一二三四五六七八九]{4})年")


def parse_date(value: str | dt.date | None) -> dt.date | None:
    """The speech date argument as a date; a malformed one is an :class:`InputError`."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InputError("date", f"{value!r} is not a valid date (YYYY-MM-DD)") from None


def find_speech_date(norm: str) -> dt.date | None:
    """The date a speech's title block states (``——2019年3月4日在…会议上``), if any."""
    head = norm[:HEAD]
    for pat in (_ARABIC, _ISO):
        m = pat.search(head)
        if m:
            try:
                return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                continue
    m = _CHINESE.search(head)
    if m:
        y, mo, d = year_number(m["y"]), number(m["m"]), number(m["d"])
        if y and mo and d:
            try:
                return dt.date(y, mo, d)
            except ValueError:
                return None
    return None


def find_title_year(titles: list[str]) -> int | None:
    """The year a document's title names: a plan's first year (``规划（2021—2025年）``), else the
    latest it names (``2023年工作总结和2024年工作安排`` → 2024); None when it names none."""
    for title in titles:
        r = _TITLE_RANGE.search(title)
        if r:
            return int(r["y"])
        read = (int(m["y"]) if m["y"] else year_number(m["cn"]) for m in _TITLE_YEAR.finditer(title))
        years = [y for y in read if y is not None and 1900 <= y <= 2100]
        if years:
            return max(years)
    return None


def base_from_title(titles: list[str]) -> tuple[dt.date | None, str]:
    """A base date for a document that states none: January 1 of its title's year, and the
    warning that says so; (None, "") when the title names no year."""
    year = find_title_year(titles)
    if year is None:
        return None, ""
    return dt.date(year, 1, 1), (f"no speech date given or found: relative deadlines resolved from "
                                 f"the year in the title ({year}), as of {year}-01-01")
