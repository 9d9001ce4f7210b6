"""Which part of a report a place belongs to (review, deploy, other), and which year it speaks of.

Follow-through needs three things of each report: where its targets are (the deployment
parts), where it reports the past year (the review parts), and the year each part speaks of.
The part is the outline's (``Section.part``) where it gives one, else it is read from the
top-level headings with the cues of ``data/follow_parts.tsv``; :func:`part_cuts` is the one
place that decides it.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from pathlib import PurePath

from .. import lexicon
from ..records import Section, Speech

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)年")


@dataclass(frozen=True)
class Part:
    """A stretch of a report: ``[start, end)``, what it does, the year it speaks of."""

    start: int
    end: int
    part: str  # review, deploy, other
    year: int | None = None
    multi: bool = False  # a five-year period: its figures are not one year's


@cache
def _cues() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(rx), kind) for rx, kind in lexicon.table("follow_parts.tsv", 2))


def heading_part(title: str) -> tuple[str, bool]:
    """What a top-level heading's part does, and whether it spans five years.

    >>> heading_part("2024年工作回顾"), heading_part("2025年工作总体要求和重点任务")
    (('review', False), ('deploy', False))
    """
    found = {kind for rx, kind in _cues() if rx.search(title)}
    multi = "multi" in found and not _YEAR.search(title)
    if "review" in found and "deploy" in found:
        return ("other" if multi else "review"), multi
    for kind in ("review", "deploy"):
        if kind in found:
            return kind, multi
    if _YEAR.search(title):  # 关于2025年工作: a year with no word of looking back
        return "deploy", multi
    return "other", multi


def _top(sections: tuple[Section, ...]) -> list[Section]:
    if not sections:
        return []
    level = min(s.level for s in sections)
    return [s for s in sections if s.level == level]


def part_cuts(speech: Speech) -> list[Part]:
    """The report cut into parts at its top-level headings (the preamble is ``other``).

    A report without headings is one part, ``other``: then every place counts as both.
    """
    top = _top(speech.sections)
    n = len(speech.text)
    if not top:
        return [Part(0, n, "other", _speech_year(speech))]
    cuts = [Part(0, top[0].span[0], "other")]
    for k, s in enumerate(top):
        end = top[k + 1].span[0] if k + 1 < len(top) else n
        kind, multi = heading_part(s.title)
        if kind == "other" and cuts[-1].part == "deploy":
            kind, multi = "deploy", cuts[-1].multi  # 重点做好以下工作：, 民生实事 under a plan
        kind = s.part or kind  # the outline's own verdict, once it gives one
        m = _YEAR.search(s.title)
        cuts.append(Part(s.span[0], end, kind, int(m[1]) if m else None, multi))
    return cuts


def _speech_year(speech: Speech) -> int | None:
    """The year of a report: its title's, its date's, else its file name's."""
    if speech.title and (m := _YEAR.search(speech.title)):
        return int(m[1])
    if speech.date:
        return speech.date.year
    m = re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", PurePath(speech.source).stem)
    return int(m[1]) if m else None


@cache
def _opening_cues() -> re.Pattern[str]:
    rows = [r[0] for r in lexicon.table("follow_parts.tsv", 2) if r[1] == "year"]
    return re.compile("|".join(f"(?:{r})" for r in rows) or "(?!)")


def _split(cut: Part, text: str, year: int | None) -> list[Part]:
    """A five-year review that turns to the past year (刚刚过去的2025年，…) is two parts."""
    if not (cut.part == "review" and cut.multi and year):
        return [cut]
    opening = re.compile(rf"^[^\n]{{0,10}}(?:{year}年|{_opening_cues().pattern})", re.MULTILINE)
    m = opening.search(text, cut.start + 1, cut.end)
    if m is None:
        return [cut]
    return [Part(cut.start, m.start(), "review", None, True),
            Part(m.start(), cut.end, "review", year, False)]


class Parts:
    """Look up the part of any offset of one report."""

    def __init__(self, speech: Speech) -> None:
        self.speech_year = _speech_year(speech)
        year = self.speech_year - 1 if self.speech_year else None
        self.cuts = [c for cut in part_cuts(speech) for c in _split(cut, speech.text, year)]
        self._starts = [c.start for c in self.cuts]
        self.has_parts = any(c.part != "other" for c in self.cuts)
        self.has_review = any(c.part == "review" for c in self.cuts)
        self.has_deploy = any(c.part == "deploy" for c in self.cuts)

    def at(self, offset: int) -> Part:
        return self.cuts[max(0, bisect.bisect_right(self._starts, offset) - 1)]

    def is_deploy(self, offset: int) -> bool:
        """In a deployment part (anywhere but a review when the report marks none)."""
        p = self.at(offset)
        return p.part == "deploy" if self.has_deploy else p.part != "review"

    def is_review(self, offset: int) -> bool:
        """In a review of one year (anywhere but a plan when the report marks none)."""
        p = self.at(offset)
        if not self.has_review:
            return p.part != "deploy"
        return p.part == "review" and not p.multi

    def is_long_review(self, offset: int) -> bool:
        """In a review of several years (“十四五”时期工作回顾), whose sentences need a year."""
        p = self.at(offset)
        return self.has_parts and p.part == "review" and p.multi

    def plan_year(self) -> int | None:
        """The year the report's targets are for: its deployment heading's, else its own."""
        years = [c.year for c in self.cuts if c.part == "deploy" and c.year and not c.multi]
        return years[0] if years else self.speech_year

    def review_year(self) -> int | None:
        """The year the report looks back on: its review heading's, else the year before it."""
        years = [c.year for c in self.cuts if c.part == "review" and c.year and not c.multi]
        if years:
            return max(years)
        return self.speech_year - 1 if self.speech_year else None
