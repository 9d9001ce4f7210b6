"""Targets of an earlier report linked to the figures a later report gives for them.

The targets are the figures of the earlier report's deployment parts (not those it reports as
past); the candidates are the figures of the later report's review parts that speak of one
year (not a five-year summary). Each target takes the candidate that measures the same thing
best (:mod:`.measures`), or none when no candidate is close enough.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from .. import lexicon
from ..records import Quantity, Span, Speech
from ..serial import Record
from . import measures as ms
from .parts import Parts

#: A candidate is linked when its score reaches this (similarity of contexts, adjusted for
#: unit, rate against level, and size).
LINK_AT = 0.5
#: A target no figure reports on is linked to a clause without figures (居民消费价格总体平稳)
#: when that clause holds this share of the target's context (its characters and bigrams).
WORDS_AT = 0.55
#: A figure best for several targets stays with those within this much of its best fit.
SHARE_GAP = 0.15

_YEAR = re.compile(r"((?:19|20)\d\d)年")


_WHOLE = {"integral": True}  # 12.0 is written 12


@dataclass(frozen=True)
class Actual(Record):
    """The figure a later report gives for a target (span and text in the later report)."""

    text: str
    span: Span
    value: float | None = field(metadata=_WHOLE)
    unit: str | None
    sentence: Span


@dataclass(frozen=True)
class TargetLink(Record):
    """A target of the earlier report, and what the later one reports for it."""

    text: str
    span: Span
    value: float = field(metadata=_WHOLE)
    unit: str
    indicator: str | None  # the canonical name (data/indicators.tsv), else as written
    comparator: str | None
    period: str | None  # the year it is for, or a plan period (十四五) it spans
    sentence: Span
    actual: Actual | None = None
    met: bool | None = None
    score: float = field(default=0.0, metadata={"round": 3})


def all_figures(speech: Speech) -> list[Quantity]:
    """Every figure of a speech, tasks' targets and reported figures alike, in text order."""
    qs = list(speech.figures) + [q for t in speech.tasks for q in t.targets]
    return sorted(qs, key=lambda q: q.span)


def _cues(kind: str) -> re.Pattern[str]:
    rows = [r[0] for r in lexicon.table("follow_parts.tsv", 2) if r[1] == kind]
    return re.compile("|".join(f"(?:{r})" for r in rows) or "(?!)")


@cache
def _span_cues() -> re.Pattern[str]:
    return _cues("span")


@cache
def _year_cues() -> re.Pattern[str]:
    return _cues("year")


@cache
def _plan_period() -> re.Pattern[str]:
    """A period of several years (十四五, 五年): the multi cues of follow_parts.tsv."""
    return _cues("multi")


def sentence_at(text: str, i: int, j: int) -> Span:
    """The sentence (cut at 。！？； and line ends) holding ``text[i:j]``."""
    enders = "。！？；!?;\n"
    a = max(text.rfind(ch, 0, i) for ch in enders) + 1
    ends = [k for k in (text.find(ch, j) for ch in enders) if k >= 0]
    b = min(ends) + 1 if ends else len(text)
    while a < i and text[a].isspace():
        a += 1
    return a, b


def _period(q: Quantity, parts: Parts, year: int | None) -> str | None:
    part = parts.at(q.span[0])
    if part.multi:
        return "multi"
    p = q.period or ""
    if _plan_period().search(p):
        return "multi"
    if m := _YEAR.search(p):
        return m[1]
    return str(year) if year else None


def targets(earlier: Speech) -> tuple[list[ms.Measure], list[str | None]]:
    """The targets of a report: its deployment figures that are not reported as past.

    A figure a task sets is a target even when a cue calls it past (比上年增长1%); one of a
    sentence that only reports (去年…实现了) is not.
    """
    parts = Parts(earlier)
    year = parts.plan_year()
    figs = all_figures(earlier)
    seen = ms.measures(figs, earlier.text)
    set_by_task = {q.span for t in earlier.tasks for q in t.targets}
    out, periods = [], []
    for m in seen:
        if not parts.is_deploy(m.q.span[0]):
            continue
        if m.q.kind == "actual" and m.q.span not in set_by_task:
            continue
        if _shared(earlier.text, m):
            shared = ms.each_indicator(m)  # 城镇、农村居民收入均增长8%: two targets
        else:
            shared = [m]
        out += shared
        periods += [_period(m.q, parts, year)] * len(shared)
    return out, periods


def candidates(later: Speech) -> list[ms.Measure]:
    """The figures a report gives for its past year: review parts, one year's, not five."""
    parts = Parts(later)
    year = parts.review_year()
    text = later.text
    out = []
    for m in ms.measures(all_figures(later), text):
        q = m.q
        a, b = sentence_at(text, *q.span)
        if parts.is_long_review(q.span[0]):
            if not _of_year(text[a:b], year):
                continue
        elif not parts.is_review(q.span[0]):
            continue
        if not parts.has_review and q.kind in ("target", "forecast"):
            continue  # a report with no review part: its targets are no report of the past
        if q.period and (_plan_period().search(q.period) or (
                (y := _YEAR.search(q.period)) and year and int(y[1]) != year)):
            continue
        if _span_cues().search(text, a, b):
            continue
        out.append(m)
    return out


def _of_year(sentence: str, year: int | None) -> bool:
    """Whether a sentence of a five-year review speaks of the past year (2025年，… · 去年…)."""
    return bool((year and f"{year}年" in sentence) or _year_cues().search(sentence))


def score(t: ms.Measure, a: ms.Measure) -> float:
    """How well ``a`` reports on ``t``: context similarity adjusted for unit, rate and size."""
    s = ms.similarity(t, a)
    unit = ms.same_unit(t, a)
    s += {"same": 0.15, "family": 0.05, "different": -0.4}[unit]
    if unit != "different" and t.growth != a.growth:
        s -= 0.3
    if unit != "different" and t.base and a.base:
        ratio = a.base / t.base
        if ratio == 1 and t.unit != "%":
            s += 0.25  # the very number promised: 178座 and 178座
        elif 0.8 <= ratio <= 1.25:
            s += 0.1
        elif not 0.05 <= ratio <= 20 and t.unit != "%":
            s -= 0.5  # 209元 is no report on 14.58万亿元
        elif not 0.2 <= ratio <= 5 and t.unit != "%":
            s -= 0.15
    return s


def _best(t: ms.Measure, pool: list[ms.Measure]) -> tuple[ms.Measure | None, float]:
    best, best_score = None, 0.0
    for a in pool:
        s = score(t, a)
        if s > best_score:
            best, best_score = a, s
    return (best, best_score) if best_score >= LINK_AT else (None, best_score)


def link(earlier: Speech, later: Speech) -> list[TargetLink]:
    """Every target of ``earlier`` with the figure ``later`` reports for it, or None.

    A figure that is the best for several targets goes to the one it fits best; the others
    keep it only when it fits them nearly as well (分别增长7.8%: one figure for two targets).
    """
    found, periods = targets(earlier)
    pool = candidates(later)
    bests = [_best(t, pool) if p != "multi" else (None, 0.0) for t, p in zip(found, periods)]
    top: dict[Span, float] = {}
    for a, s in bests:
        if a is not None:
            top[a.q.span] = max(top.get(a.q.span, 0.0), s)
    words = plain_clauses(later, pool)
    out = []
    for t, period, (a, s) in zip(found, periods, bests):
        if a is not None and s < top[a.q.span] - SHARE_GAP and not _shared(later.text, a):
            a = None
        rec = _record(t, period, earlier.text, later.text, a, s)
        if a is None and period != "multi":
            rec = _in_words(rec, t, words, later.text)
        out.append(rec)
    return out


@cache
def _shared_words() -> re.Pattern[str]:
    rows = [r[0] for r in lexicon.table("follow_parts.tsv", 2) if r[1] == "shared"]
    return re.compile(lexicon.alternation(rows) or "(?!)")


def _shared(text: str, a: ms.Measure) -> bool:
    """Whether a figure answers several targets at once (城镇和农村…分别增长7.8%)."""
    i = a.q.span[0]
    return bool(_shared_words().search(text, max(0, i - 8), i))


@cache
def _directive() -> re.Pattern[str]:
    words = [w for w, kind, *_ in lexicon.table("cues.tsv", 2)
             if kind in ("must", "forbid", "strive") and len(w) >= 2]
    return re.compile(lexicon.alternation(words) or "(?!)")


_CLAUSE = re.compile(r"[^，,；;。！？!?\n]+")


def plain_clauses(later: Speech, pool: list[ms.Measure]) -> list[tuple[Span, frozenset[str]]]:
    """The clauses of the review parts that state no figure, with their characters and bigrams."""
    parts = Parts(later)
    starts = sorted(m.q.span for m in ms.measures(all_figures(later), later.text))
    text = later.text
    out = []
    k = 0
    for m in _CLAUSE.finditer(text):
        a, b = m.span()
        while k < len(starts) and starts[k][1] <= a:
            k += 1
        if k < len(starts) and starts[k][0] < b:
            continue  # it states a figure
        sa, sb = sentence_at(text, a, b)
        if (b - a < 4 or not parts.is_review(a) or _directive().search(text, a, b)
                or _span_cues().search(text, sa, sb)):
            continue  # too short, not a review, or a lesson drawn (必须破除…), not a report
        out.append(((a, b), ms.bigrams(text[a:b])))
    return out


def _in_words(rec: TargetLink, t: ms.Measure, words: list[tuple[Span, frozenset[str]]],
              late: str) -> TargetLink:
    if len(t.grams) < 4:
        return rec
    best, best_share = None, 0.0
    for span, grams in words:
        common = len(t.grams & grams)
        share = common / len(t.grams)
        # of two clauses that hold as much of it, the one with less else
        share += 0.2 * 2 * common / (len(t.grams) + len(grams))
        if share > best_share:
            best, best_share = span, share
    if best is None or best_share < WORDS_AT:
        return rec
    text = late[best[0]:best[1]]
    actual = Actual(text, best, None, None, sentence_at(late, *best))
    return replace(rec, actual=actual, met=None, score=best_share)


def _record(t: ms.Measure, period: str | None, early: str, late: str, a: ms.Measure | None,
            s: float) -> TargetLink:
    q = t.q
    actual = None
    if a is not None:
        actual = Actual(a.q.text, a.q.span, a.q.value, a.q.unit, sentence_at(late, *a.q.span))
    return TargetLink(q.text, q.span, q.value, q.unit, t.indicator or t.label or None, q.comparator,
                      period, sentence_at(early, *q.span), actual,
                      ms.met(t, a) if a is not None else None, s)
