"""Pairing an archive: the reports of one issuer in consecutive years.

The issuer is read from a report's title or its file name with ``data/follow_issuers.tsv``:
``2025年北京市政府工作报告`` and ``2026_北京市_政府工作报告.txt`` are both 北京市. The year is the
one the title or name states, else the report's date.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import PurePath

from .. import lexicon

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


@cache
def _words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    rows = lexicon.table("follow_issuers.tsv", 2)
    genre = lexicon.alternation(w for w, k in rows if k == "genre") or "(?!)"
    suffix = lexicon.alternation(w for w, k in rows if k == "suffix") or "(?!)"
    return re.compile(genre), re.compile(f"(?:{suffix})$")


def _name(text: str) -> str:
    genre, _ = _words()
    text = _YEAR.sub(" ", text)
    text = genre.sub(" ", text)
    text = re.sub(r"年(?=[\s_\-—·]|$)|^\s*年", " ", text)
    parts = [p for p in re.split(r"[\s_\-—·()（）【】《》\[\]]+", text) if p]
    named = [p for p in parts if re.search(r"[\u4e00-\u9fff]", p)]
    return max(named, key=len) if named else "_".join(parts)


def issuer(title: str | None, source: str | None = None) -> str | None:
    """The issuer a report's title (else its file name) names.

    >>> issuer("2025年北京市政府工作报告"), issuer(None, "/x/2026_北京市_政府工作报告.txt")
    ('北京市', '北京市')
    """
    genre, _ = _words()
    stem = PurePath(source).stem if source else ""
    # a title names the issuer only when it is a report's title (a web page's 首页 is not)
    order = (title or "", stem) if title and genre.search(title) else (stem, title or "")
    for text in order:
        name = _name(text)
        if len(name) >= 2 and name != "政府":
            return name
    return None


def issuer_key(name: str) -> str:
    """The issuer's name as compared: 北京市 and 北京 are one."""
    _, suffix = _words()
    short = suffix.sub("", name)
    return short if len(short) >= 2 else name


def year_of(title: str | None, source: str | None, date_year: int | None) -> int | None:
    for text in (title or "", PurePath(source).stem if source else ""):
        if m := _YEAR.search(text):
            return int(m[1])
    return date_year


@dataclass(frozen=True)
class Doc:
    """A report of an archive, as pairing sees it."""

    key: str  # the issuer, as compared
    issuer: str
    year: int
    ref: object  # what the caller needs to fetch it (a path, a row id)


def pair(docs: Iterable[Doc]) -> tuple[list[tuple[Doc, Doc]], list[Doc]]:
    """Consecutive-year pairs of one issuer's reports, and the reports left without a pair."""
    by_key: dict[str, dict[int, Doc]] = {}
    for d in docs:
        by_key.setdefault(d.key, {}).setdefault(d.year, d)
    pairs, alone = [], []
    for key in sorted(by_key):
        years = by_key[key]
        paired: set[int] = set()
        for y in sorted(years):
            if y + 1 in years:
                pairs.append((years[y], years[y + 1]))
                paired |= {y, y + 1}
        alone += [years[y] for y in sorted(years) if y not in paired]
    return pairs, alone
