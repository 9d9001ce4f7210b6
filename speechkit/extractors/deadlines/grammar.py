"""The deadline grammar: the time vocabulary (``data/time_words.tsv``) and one regex of named
branches, tried in a declared order at the characters a time expression can start with.

Each branch has a key group (the first name in :data:`BRANCHES`) that is set exactly when that
branch matched; :mod:`.resolve` turns a match into dates. Numerals are read by one function,
:func:`number`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...lexicon import Scan, alternation, table

_DATA = "time_words.tsv"
_SEP = r"\s*[-—–~～至到]\s*"
CN = "〇零一二两三四五六七八九"
#: The key group of each branch, in the order the branches are tried.
BRANCHES = ("rec", "now", "fixed", "plan", "ry1", "mr1", "nd", "md", "lead", "fest", "season",
            "sterm", "sterm2", "rn", "rn2", "dm", "q", "qrel", "h", "mrel", "wrel", "wday", "mday", "mday2", "drel", "yy",
            "vague")


@dataclass(frozen=True)
class Lex:
    """The time vocabulary, grouped by class: word → the rest of its row."""

    rows: dict[str, dict[str, tuple[str, ...]]]

    def __getitem__(self, cls: str) -> dict[str, tuple[str, ...]]:
        return self.rows.get(cls, {})

    def alt(self, cls: str) -> str:
        return alternation(self[cls])

    def guarded(self, cls: str, guard_col: int) -> str:
        """An alternation of the words of ``cls``, each with its must-not-follow characters."""
        out = []
        for w in sorted(self[cls], key=len, reverse=True):
            vals = self[cls][w]
            g = vals[guard_col] if len(vals) > guard_col and vals[guard_col] != "-" else ""
            out.append(re.escape(w) + (f"(?![{re.escape(g)}])" if g else ""))
        return "|".join(out)


@cache
def lex() -> Lex:
    rows: dict[str, dict[str, tuple[str, ...]]] = {}
    for row in table(_DATA, 3):
        rows.setdefault(row[1], {})[row[0]] = row[2:]
    return Lex(rows)


def number(s: str) -> int | None:
    """``12``, ``十二``, ``二十一``, ``两`` → int; ``十二三`` (twelve or thirteen) and ``三五`` → the
    upper end; None when ``s`` is no whole number. The one door of the deadline code to
    :mod:`speechkit.numerals`, the package's numeral reader."""
    from ... import numerals

    if s.isdigit():
        return int(s)
    approx = numerals.pair(s)
    if approx is not None:
        return int(approx[1]) if approx[1] == approx[1].to_integral_value() else None
    return numerals.integer(s)


def year_number(s: str) -> int | None:
    """A year written digit by digit: ``2025``, ``二〇二五``, ``九零`` → int (no approximation)."""
    from ... import numerals

    if s.isdigit():
        return int(s)
    if not s or any(numerals.kind(c) != "digit" for c in s):
        return None
    return numerals.integer(s)


def _year(lx: Lex) -> str:
    mon = _MON
    y4 = rf"(?:\d{{4}}|[{CN}]{{4}})年"
    # a two-digit year (98年4月, 九零年9月十号, 24年底) only before a month or a part of the year
    y2 = rf"(?<![\d.{CN}十])(?:\d{{2}}|[{CN}]{{2}})年(?=(?:{mon})月|底|末|初|中)"
    return rf"(?:{y4}|{y2}|{lx.alt('year_rel')})"


_MON = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"


def _branches(lx: Lex) -> list[str]:
    num = rf"(?:\d{{1,15}}|[{CN}十]{{1,8}})"  # bounded: a long run of digits costs no rescans
    year, mon, day = _year(lx), _MON, _DAY
    mpart = rf"(?:{lx.guarded('month_part', 1)})"
    ypart = rf"(?:{lx.guarded('year_part', 1)})"
    suf = lx.alt("suffix")
    unit = lx.alt("span_unit")
    one = [w for w in lx["season_term"] if len(w) == 1]
    year_words = alternation(w for w in lx["year_part"] if w.startswith("年"))
    two = {w: v for w, v in lx["season_term"].items() if len(w) > 1}
    return [
        rf"(?P<rec>{lx.alt('recurrence')})(?P<recx>\d{{1,2}}[日号](?:前|之前)?|底前|底|末|初)?",
        rf"(?P<now>自?{lx.alt('start_now')})",
        rf"(?P<fixed>{lx.alt('fixed')})",
        rf"[“\"]?(?P<plan>{lx.alt('plan')})[”\"]?(?:规划)?(?P<plansuf>{lx.alt('plan_suffix')})",
        rf"(?<!\d)(?P<ry1>\d{{4}})年?{_SEP}(?P<ry2>\d{{4}})年(?P<rysuf>{suf})?",
        rf"(?P<mry>{year})?(?<!\d)(?P<mr1>{mon})月?份?{_SEP}(?P<mr2>{mon})月份?(?P<mrpart>{mpart})?(?P<mrsuf>{suf})?",
        # numeric dates: 2025.12.31 · 2025-12-31 · 2022 11 23 · 20240307
        (rf"(?<![\d.])(?P<nd>(?P<ndy>(?:19|20)\d{{2}})(?P<ndsep>[-./ ])(?P<ndm>1[0-2]|0?[1-9])(?P=ndsep)"
        rf"(?P<ndd>3[01]|[12]\d|0?[1-9])|(?P<ndc>(?:19|20)\d{{2}}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])))"
        rf"(?![\d.])[日号]?(?P<ndsuf>{suf})?"),
        # month·day: 6·30, 09-01
        (rf"(?<![\d.])(?P<md>(?P<mdm>1[0-2]|0?[1-9])[·•・](?P<mdd>3[01]|[12]\d|0?[1-9])"
        rf"|(?P<mdm2>0[1-9]|1[0-2])-(?P<mdd2>0[1-9]|[12]\d|3[01]))(?![\d.])(?P<mdsuf>{suf})?"),
        # the first or last months or quarters of a year: 前三季度, 2022年前十一个月, 首季度
        rf"(?P<ly>{year})?(?P<lead>{lx.alt('lead')})(?P<ln>{num})?个?(?P<lu>季度|月)(?!份?[底末初])(?P<lsuf>{suf})?",
        rf"(?P<fy>{year})?(?<![{CN}十\d第])(?P<fest>{lx.guarded('festival', 2)})(?:节日|假期)?(?P<fsuf>前后|期间|{suf})?",
        rf"(?P<season>{lx.alt('season')})",
        (rf"(?:(?P<sy>{year})(?P<sterm>{alternation(two)}|{_one(lx, one)})"
        rf"|(?P<sterm2>{alternation(two)}))(?P<ssuf>{suf})?"),
        rf"(?P<rpre>{lx.alt('span_prefix')})(?P<rn>{num}|半)(?P<ru>{unit})(?P<rsuf>内|以内|之内|时间内|左右时间|时间)?",
        rf"(?<![\d.])(?!\d{{4}}年|[{CN}]{{4}}年)(?P<rn2>{num}|半)(?P<ru2>{unit})(?P<rsuf2>内|以内|之内|时间内)",
        rf"(?P<dy>{year})?(?<!\d)(?P<dm>{mon})月份?(?:(?P<dd>{day})[日号]|(?P<dpart>{mpart}))?(?P<dsuf>{suf})?",
        rf"(?P<qy>{year})?(?:第)?(?P<q>[一二三四1-4])季度(?P<qpart>末|底|初)?(?P<qsuf>{suf})?",
        rf"(?P<qrel>{lx.alt('quarter_rel')}|季度(?=末|底))(?P<qpart2>末|底)?(?P<qsuf2>{suf})?",
        rf"(?P<hy>{year})?(?P<h>上|下)半年(?P<hpart>末|底)?(?P<hsuf>{suf})?",
        (rf"(?P<mrel>{lx.alt('month_rel')}|月(?=底|末|初|上旬|中旬|下旬|内))"
        rf"(?:(?P<mreld>{day})[日号]|(?P<mrelpart>{mpart}))?(?P<mrelsuf>{suf})?"),
        # 本周, 下周五, 周五前: a week, or a day of it
        (rf"(?P<wrel>{lx.alt('week_rel')})(?P<wrelday>{lx.alt('weekday')}|[一二三四五六日天](?![\d{CN}十]))?"
         rf"(?P<wrelsuf>{suf})?"),
        rf"(?<!每)(?P<wday>{lx.alt('weekday')})(?P<wdaysuf>{suf})?",
        # a day of the month alone, after 在/于/到 or before 前: (在)30日, 25号前
        (rf"(?<=[在于到至])(?<![\d{CN}十])(?P<mday>{day})[日号](?![内以之起后来])(?P<mdaysuf>{suf})?"
        rf"|(?<![\d{CN}十月])(?P<mday2>{day})[日号](?P<mdaysuf2>前|之前|以前)"),
        rf"(?P<drel>{lx.alt('day_rel')})(?P<drelsuf>{suf})?",
        (rf"(?P<yy>{year}|年(?=底|末|内)|(?={year_words})|(?<=[在到于至])(?<![\d.])(?P<y2>\d{{2}}|[{CN}]{{2}})年(?![内以之来时多左后间前半期里度]))"
        rf"(?P<ypart>{ypart})?(?P<ysuf>{suf})?"),
        rf"(?P<vague>{lx.alt('vague')})",
    ]


def _one(lx: Lex, words: list[str]) -> str:
    """One-character seasons, each with its must-not-follow characters."""
    out = []
    for w in words:
        vals = lx["season_term"][w]
        g = vals[2] if len(vals) > 2 else ""
        out.append(re.escape(w) + (f"(?![{re.escape(g)}])" if g else ""))
    return "|".join(out)


@cache
def grammar() -> re.Pattern[str]:
    lx = lex()
    pre = rf"(?P<pre>{lx.alt('prefix')})?"
    return re.compile(pre + "(?:" + "|".join(_branches(lx)) + ")")


_NUMERALS = "0123456789" + CN + "十"
#: Characters that follow a number inside a time expression (2025年, 3个月, 6·30, 8-10月)
_AFTER_NUMBER = "年月日号季·•・-./ —–~～至到"
_WORD_CLASSES = ("fixed", "prefix", "recurrence", "start_now", "plan", "festival", "season", "vague",
                 "year_rel", "month_rel", "quarter_rel", "day_rel", "season_term", "span_prefix", "lead",
                 "week_rel", "weekday")
#: Starts of the grammar's own structure that are no word of the lexicon
_STRUCTURE = ("上半年", "下半年", "季度末", "季度底", "年底", "年末", "年内", "月底", "月末", "月初",
              "月上旬", "月中旬", "月下旬", "月内", "半年", "半个", "第")


@dataclass(frozen=True)
class _Triggers:
    """Where the grammar can start: a numeral run followed by a time character, a word of the
    lexicon, or a piece of the grammar's structure (found in one scan); and the words that
    only open a time (到, 在, 用), looked for right before such a start."""

    starts: Scan
    leads: tuple[str, ...]  # longest first
    lead_ends: frozenset[str]  # their last characters


@cache
def _triggers() -> _Triggers:
    lx = lex()
    others = {w for cls in _WORD_CLASSES if cls not in ("prefix", "span_prefix") for w in lx[cls]}
    leads = {w for cls in ("prefix", "span_prefix") for w in lx[cls] if w not in others}
    year_words = [w for w in lx["year_part"] if w.startswith("年")]  # 年中, 年初: bare after 在
    words = (others | set(_STRUCTURE) | set(year_words) | {q + w for w in lx["plan"] for q in "“\""}) - leads
    after = set(_AFTER_NUMBER) | {w[0] for w in lx["span_unit"]}
    num = f"[{_NUMERALS}]"
    # a numeral run is tried at its start only (linear on long runs of digits); the scan skips
    # to the characters a trigger can start with (a numeral, a word's first character)
    pattern = (f"(?<!{num})(?:(?:19|20)\\d{{6}}(?!\\d)|{num}++(?=[{re.escape(''.join(sorted(after)))}]))"
               f"|{alternation(words)}")
    return _Triggers(Scan(pattern), tuple(sorted(leads, key=len, reverse=True)),
                     frozenset(w[-1] for w in leads))


def matches(norm: str) -> list[re.Match[str]]:
    """Like ``grammar().finditer(norm)``, but the grammar is tried only where one can start."""
    pattern, out, pos = grammar(), [], 0
    tr = _triggers()
    for i, _, _ in tr.starts.spans(norm):
        if i < pos:
            continue
        lead = next((w for w in tr.leads if i - len(w) >= pos and norm.startswith(w, i - len(w))),
                    "") if i and norm[i - 1] in tr.lead_ends else ""
        m = (pattern.match(norm, i - len(lead)) if lead else None) or pattern.match(norm, i)
        if m:
            out.append(m)
            pos = m.end()
    return out


def branch(m: re.Match[str]) -> str:
    """The key group of the branch that matched."""
    return next((b for b in BRANCHES if m.group(b) is not None), "")
