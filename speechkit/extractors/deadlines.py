"""Deadlines and recurrences: the time expressions of the genre, resolved against the speech's date.

The vocabulary lives in ``data/time_words.tsv``; this module holds the grammar (one regex of
named branches, tried in a declared order) and the resolution rules:

* the directive reading: a day already past, written without a year, means that day next
  year (``6月底前`` in a July speech → next June 30); ``前``/``底前`` mean on or before;
* a bare period that is over (``上半年`` in July), a period after ``截至`` or before ``以来``,
  and a past year (``2024年``) frame a figure: they are not deadlines;
* of several deadlines in a sentence, one with a cue (``前``, ``内``, ``底``, ``到``) wins over a
  bare one, and any date over a vague word (``及时``); the first wins a tie.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from ..lexicon import alternation, table
from ..records import Deadline, Recurrence
from ..sentences import Sentence

_DATA = "time_words.tsv"
_SEP = r"\s*[-—–~～至到]\s*"
_CN_DIGITS = frozenset("〇零一二两三四五六七八九十百千万")


@dataclass(frozen=True)
class _Lex:
    """The time vocabulary, grouped by class."""

    rows: dict[str, dict[str, tuple[str, ...]]]

    def __getitem__(self, cls: str) -> dict[str, tuple[str, ...]]:
        return self.rows.get(cls, {})

    def alt(self, cls: str) -> str:
        return alternation(self[cls])


@cache
def _lex() -> _Lex:
    rows: dict[str, dict[str, tuple[str, ...]]] = {}
    for row in table(_DATA, 3):
        rows.setdefault(row[1], {})[row[0]] = row[2:]
    return _Lex(rows)


def _number(s: str) -> int:
    """``12``, ``十二``, ``二十一``, ``两``, ``二〇二五`` → int."""
    if s.isdigit():
        return int(s)
    digit = {k: int(v[0]) for k, v in _lex()["digit"].items()}
    if "十" not in s:
        return int("".join(str(digit[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (digit[tens] if tens else 1) * 10 + (digit[ones] if ones else 0)


@cache
def _grammar() -> re.Pattern[str]:
    lx = _lex()
    cn = "〇零一二两三四五六七八九"
    num = rf"(?:\d+|[{cn}十]+)"
    y4 = rf"(?:\d{{4}}|[{cn}]{{4}})年"
    yrel = lx.alt("year_rel")
    year = rf"(?:{y4}|{yrel})"
    mon = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
    day = r"(?:3[01]|[12]\d|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
    mpart = r"(?:底|末|下旬|中旬|上旬|初(?![步心衷见稿始]))"
    suf = lx.alt("suffix")
    ypart = r"(?:年底|年末|年中|年初(?!步)|底|末|内|初(?![步心衷见稿始]))"
    branches = [
        rf"(?P<rec>{lx.alt('recurrence')})(?P<recx>\d{{1,2}}[日号](?:前|之前)?|底前|底|末|初)?",
        rf"(?P<now>自?{lx.alt('start_now')})",
        rf"(?P<fixed>{lx.alt('fixed')})",
        rf"[“\"]?(?P<plan>{lx.alt('plan')})[”\"]?(?:规划)?(?P<plansuf>{lx.alt('plan_suffix')})",
        rf"(?<!\d)(?P<ry1>\d{{4}})年?{_SEP}(?P<ry2>\d{{4}})年(?P<rysuf>{suf})?",
        rf"(?P<mry>{year})?(?<!\d)(?P<mr1>{mon})月?份?{_SEP}(?P<mr2>{mon})月份?(?P<mrpart>{mpart})?(?P<mrsuf>{suf})?",
        rf"(?P<fy>{year})?(?P<fest>{lx.alt('festival')})(?:节日|假期)?(?P<fsuf>前后|期间|{suf})",
        rf"(?P<season>{lx.alt('season')})",
        rf"(?P<rpre>今后|未来|此后|用)(?P<rn>{num}|半)(?P<ru>个工作日|个星期|个季度|个月|周|天|日|年)(?P<rsuf>内|以内|之内|时间内|左右时间|时间)?",
        rf"(?<![\d.])(?P<rn2>{num}|半)(?P<ru2>个工作日|个星期|个季度|个月|周|天|日|年)(?P<rsuf2>内|以内|之内|时间内)",
        rf"(?P<dy>{year})?(?<!\d)(?P<dm>{mon})月份?(?:(?P<dd>{day})[日号]|(?P<dpart>{mpart}))?(?P<dsuf>{suf})?",
        rf"(?P<qy>{year})?(?:第)?(?P<q>[一二三四1-4])季度(?P<qpart>末|底|初)?(?P<qsuf>{suf})?",
        rf"(?P<qrel>{lx.alt('quarter_rel')}|季度(?=末|底))(?P<qpart2>末|底)?(?P<qsuf2>{suf})?",
        rf"(?P<hy>{year})?(?P<h>上|下)半年(?P<hpart>末|底)?(?P<hsuf>{suf})?",
        rf"(?P<mrel>{lx.alt('month_rel')}|月(?=底|末|初|上旬|中旬|下旬|内))(?P<mrelpart>{mpart})?(?P<mrelsuf>{suf})?",
        rf"(?P<yy>{year}|年(?=底|末|内))(?P<ypart>{ypart})?(?P<ysuf>{suf})?",
        rf"(?P<vague>{lx.alt('vague')})",
    ]
    pre = rf"(?P<pre>{lx.alt('prefix')})?"
    return re.compile(pre + "(?:" + "|".join(branches) + ")")


@cache
def _triggers() -> re.Pattern[str]:
    """The characters a time expression can start with: the grammar is tried only there."""
    lx = _lex()
    first = set("0123456789〇零一二两三四五六七八九十第上下今未此用季月年半自“\"")
    for cls in ("fixed", "prefix", "recurrence", "start_now", "plan", "festival", "season", "vague",
                "year_rel", "month_rel", "quarter_rel"):
        first.update(w[0] for w in lx[cls])
    return re.compile("[" + re.escape("".join(sorted(first))) + "]")


def _matches(norm: str) -> list[re.Match[str]]:
    """Like ``_grammar().finditer(norm)``, but the grammar is tried only where one can start."""
    grammar, out, pos = _grammar(), [], 0
    for t in _triggers().finditer(norm):
        if t.start() < pos:
            continue
        m = grammar.match(norm, t.start())
        if m:
            out.append(m)
            pos = m.end()
    return out


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    y, m = d.year + y, m + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _md(y: int, mmdd: str) -> dt.date:
    m, d = (int(x) for x in mmdd.split("-"))
    return dt.date(y, m, d)


@dataclass
class _Cand:
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


def _year_of(word: str | None, base: dt.date | None) -> tuple[int | None, bool]:
    """The year a year word names, and whether it is named (2025年, 今年) rather than implied."""
    if not word:
        return (base.year if base else None), False
    if word.endswith("年") and word[:-1] not in _lex()["year_rel"] and len(word) == 5:
        return _number(word[:-1]), True
    off = int(_lex()["year_rel"][word][0])
    return (base.year + off if base else None), True  # 今年3月底前 names its year: no rolling


def _resolve(m: re.Match[str], base: dt.date | None) -> _Cand | None:
    g = m.groupdict()
    lx = _lex()
    c = _Cand(m.start(), m.end(), m.lastgroup or "")
    c.cue = g["pre"] in ("到", "至", "于", "在")
    c.pre = g["pre"] or ""
    tail = m.group()[-2:]
    c.strong = c.pre in ("到", "至", "在", "于") or tail.endswith(tuple(lx["suffix"]))
    by = base.year if base else None
    if g["now"]:
        c.rule, c.start, c.cue, c.stated = "start_now", base, True, True
    elif g["fixed"]:
        year_word, _, mmdd = lx["fixed"][g["fixed"]][0].partition(":")
        c.rule, c.precision, c.cue, c.strong = "fixed", "year", True, True
        if year_word.startswith("Y"):
            c.end = _md(by + int(year_word[1:] or 0), mmdd) if by is not None else None
        else:
            c.end, c.explicit = _md(int(year_word), mmdd), True
    elif g["plan"]:
        y0, y1 = (int(x) for x in (lx["plan"][g["plan"]][0], lx["plan"][g["plan"]][1]))
        c.rule, c.start, c.end, c.precision = "plan", dt.date(y0, 1, 1), dt.date(y1, 12, 31), "year"
        c.explicit = c.cue = True
        c.stated = g["plansuf"] not in ("末", "期末", "末期")  # 期间 states the whole period
    elif g["ry1"]:
        c.rule, c.precision, c.explicit, c.cue, c.stated = "year_range", "year", True, True, True
        c.start, c.end = dt.date(int(g["ry1"]), 1, 1), dt.date(int(g["ry2"]), 12, 31)
    elif g["mr1"]:
        y, c.explicit = _year_of(g["mry"], base)
        c.rule, c.precision, c.stated = "month_range", "month", True
        c.cue = c.cue or bool(g["mrsuf"] or g["mrpart"])
        if y:
            c.start, c.end = dt.date(y, _number(g["mr1"]), 1), _month_end(y, _number(g["mr2"]))
    elif g["fest"]:
        kind, mmdd = lx["festival"][g["fest"]][0].split(":")
        days = int(lx["festival"][g["fest"]][1])
        c.rule, c.precision, c.cue = f"festival_{kind}", "day", True
        y, c.explicit = _year_of(g["fy"], base)
        if y is not None:
            c.end = _festival(kind, mmdd, y, g["fy"] is None and base, g["fsuf"], days)
    elif g["season"]:
        vals = lx["season"][g["season"]]
        c.rule, c.precision, c.cue = "season", "day", True
        if by is not None and base:
            c.end = _md(by, vals[0])
            if c.end < base:
                c.end = _md(by + 1, vals[0])
            if len(vals) > 1:
                c.stated = True
                c.start = _md(c.end.year - (vals[1] > vals[0]), vals[1])
    elif g["rn"] or g["rn2"]:
        n_s, unit = (g["rn"], g["ru"]) if g["rn"] else (g["rn2"], g["ru2"])
        c.rule, c.cue = "relative", True
        n = 0.5 if n_s == "半" else _number(n_s)
        c.precision = {"年": "year", "个月": "month", "个季度": "month"}.get(unit, "day")
        c.precision = "month" if n_s == "半" else c.precision
        c.unit = unit
        lead = m.string[max(0, m.start() - 2):m.start()]
        c.event = lead.endswith("后")  # 申报后15日内: from an event, end unknown
        if lead.endswith("起"):  # (本通报印发之日)起5个工作日内: from the text's date
            c.pre = "起"
        if base and not c.event:
            c.end = _after(base, n, unit)
    elif g["dm"]:
        y, c.explicit = _year_of(g["dy"], base)
        mo = _number(g["dm"])
        c.rule = "date"
        c.cue = c.cue or bool(g["dsuf"] or g["dpart"] or g["dd"])
        if y is not None and 1 <= mo <= 12:
            if g["dd"]:
                d = min(_number(g["dd"]), calendar.monthrange(y, mo)[1])
                c.end, c.precision = dt.date(y, mo, d), "day"
            else:
                c.end, c.precision = _month_part(y, mo, g["dpart"]), "month"
            c.start = dt.date(y, mo, 1) if not g["dd"] else c.end
        else:
            c.precision = "day" if g["dd"] else "month"
    elif g["q"] or g["qrel"]:
        c.rule, c.precision = "quarter", "quarter"
        c.cue = c.cue or bool(g["qpart"] or g["qsuf"] or g["qpart2"] or g["qsuf2"])
        if g["q"]:
            y, c.explicit = _year_of(g["qy"], base)
            q = _number(g["q"])
        else:
            y, q = by, (((base.month - 1) // 3 + 1) if base else 0)
            q += int(lx["quarter_rel"].get(g["qrel"], ("0",))[0])
            if y is not None and q > 4:
                y, q = y + 1, q - 4
        if y is not None and q:
            c.start, c.end = dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
    elif g["h"]:
        y, c.explicit = _year_of(g["hy"], base)
        c.rule, c.precision = "half_year", "half-year"
        c.cue = c.cue or bool(g["hpart"] or g["hsuf"])
        if y is not None:
            c.start, c.end = ((dt.date(y, 1, 1), dt.date(y, 6, 30)) if g["h"] == "上"
                              else (dt.date(y, 7, 1), dt.date(y, 12, 31)))
    elif g["mrel"]:
        c.rule, c.precision = "month_rel", "month"
        c.cue = c.cue or bool(g["mrelpart"] or g["mrelsuf"])
        if base:
            first = _add_months(base.replace(day=1), int(lx["month_rel"].get(g["mrel"], ("0",))[0]))
            c.start, c.end = first, _month_part(first.year, first.month, g["mrelpart"])
    elif g["yy"]:
        y, c.explicit = _year_of(g["yy"] if g["yy"] != "年" else None, base)
        c.rule, c.precision = "year", "year"
        c.cue = c.cue or bool(g["ypart"] or g["ysuf"])
        if y is not None:
            part = lx["year_part"].get(g["ypart"] or "", ("12-31",))[0]
            c.start, c.end = dt.date(y, 1, 1), _md(y, part)
            c.precision = "month" if part != "12-31" else "year"
    elif g["vague"]:
        c.rule = "vague"
    else:  # a recurrence is matched by its own branch and handled by the caller
        return None
    return c


def _festival(kind: str, mmdd: str, y: int, nxt: object, suf: str, days: int) -> dt.date:
    """The last day a festival expression allows; ``nxt``: take the next one after the base."""
    from lunardate import LunarDate

    def on(year: int) -> dt.date:
        if kind == "lunar":
            m, d = (int(x) for x in mmdd.split("-"))
            return LunarDate(year, m, d).to_solar_date()
        return _md(year, mmdd)

    day = on(y)
    if nxt and isinstance(nxt, dt.date):
        while day <= nxt:
            y += 1
            day = on(y)
    if suf in ("期间", "前后"):
        return day + dt.timedelta(days=days - 1)
    return day - dt.timedelta(days=1)


def _month_part(y: int, mo: int, part: str | None) -> dt.date:
    val = _lex()["month_part"].get(part or "", ("end",))[0]
    return _month_end(y, mo) if val == "end" else dt.date(y, mo, int(val))


def _after(base: dt.date, n: float, unit: str) -> dt.date:
    if unit == "年":
        return _add_months(base, int(n * 12))
    if unit in ("个月", "个季度"):
        return _add_months(base, int(n * (3 if unit == "个季度" else 1)))
    if unit == "个工作日":
        d, left = base, int(n)
        while left:
            d += dt.timedelta(days=1)
            left -= d.weekday() < 5
        return d
    return base + dt.timedelta(days=int(n * (7 if unit in ("周", "个星期") else 1)))


def _framing(c: _Cand, norm: str, base: dt.date | None) -> bool:
    """A period that frames a figure, a report or a thing, not a time limit."""
    lx = _lex()
    before, after = norm[max(0, c.i - 3):c.i], norm[c.j:c.j + 3]
    head = re.split(r"[,.:;、!?()\s]", norm[c.j:c.j + 6])[0]
    if any(before.endswith(w) for w in lx["frame_before"]):
        return True
    if any(after.startswith(w) for w in ("以来", "同期", "同比", "相比")):
        return True
    if c.rule == "vague":
        # 按时办结率 is a metric; 未按期完成 is a failure, not a time limit
        return "率" in head[:5] or norm[max(0, c.i - 2):c.i].endswith(("未", "不", "没有"))
    if c.rule == "relative" and norm[:c.i + len(c.pre) * norm.startswith(c.pre, c.i)].endswith(
            tuple(lx["measure"])):
        return True  # 压缩至3个工作日以内, 稳定在1个工作日以内: a service standard, not a limit
    if c.end is None:
        return c.rule == "month_range" and not c.cue
    if base and c.end < base:
        # 上半年 in July, 2024年: a report of the past; but a time limit that names its year
        # (2025年6月底前, 今年3月底前) stays a deadline, one already overdue
        return not (c.explicit and c.strong) and (c.explicit or not c.cue)
    if c.cue:
        return False
    if any(after.startswith(w) for w in lx["frame_after"]):
        return True
    if "的" in head[:5] or "工作" in head[:5]:
        return True  # attributive: 今年政府工作的要求, 下半年重点工作
    clause = re.split(r"[,.;!?]", norm[c.j:])[0]
    if clause.endswith(("是", "是:")) or "目标" in clause:
        return True  # a frame for the figures that follow: 2025年全县…的主要目标是:
    if c.rule == "year":
        # 2025年,… opens a goal and 今年先发行… times a verb; 今年66个项目 frames a figure,
        # and a bare 2020年 inside a clause names a thing (举办2020年冬运会)
        if head and (head[0] in _CN_DIGITS or not head[0].isalpha()):
            return True
        opens = c.i == 0 or norm[c.i - 1] in ",;:、(" or any(
            norm[:c.i].endswith(w) for w in lx["year_cue"])
        return c.explicit and not opens
    return c.rule == "month_range" and c.start is not None and base is not None \
        and c.start < base.replace(day=1)


def _roll(c: _Cand, base: dt.date | None) -> None:
    """The directive reading: a day already past, written without a year, is next year's."""
    if base and c.end and c.end < base and not c.explicit and c.cue:
        c.end = _shift(c.end)
        c.start = _shift(c.start) if c.start else None


def _shift(d: dt.date) -> dt.date:
    try:
        return d.replace(year=d.year + 1)
    except ValueError:
        return d.replace(year=d.year + 1, day=28)


#: Years a speech of this genre can name; a year outside is damaged text (0403年底前).
YEARS = (1900, 2200)


def _plausible(c: _Cand) -> bool:
    return all(d is None or YEARS[0] <= d.year <= YEARS[1] for d in (c.start, c.end))


def _candidates(sent: Sentence, base: dt.date | None) -> tuple[list[_Cand], re.Match[str] | None]:
    norm = sent.norm
    out: list[_Cand] = []
    rec = None
    for m in _matches(norm):
        if m.group("rec"):
            rec = rec or m
            continue
        c = _resolve(m, base)
        if c is None or not _plausible(c):
            continue
        if m.group("pre") == "截至" or (m.group("pre") or "").startswith("截止"):
            continue
        if m.group("pre") in ("自", "从") or norm[c.j:c.j + 1] == "起" or norm[c.j:c.j + 2] == "开始":
            c.start, c.end, c.cue, c.stated = (c.start or c.end), None, True, True
            c.j += 1 if norm[c.j:c.j + 1] == "起" else 0
        if _framing(c, norm, base):
            continue
        _roll(c, base)
        if out and out[-1].end is None and out[-1].start and c.end and m.group("pre") in ("至", "到") \
                and c.i - out[-1].j <= 1:
            prev = out.pop()  # 自X起至Y: one deadline from X to Y
            c.i, c.start, c.stated = prev.i, prev.start, True
            c.rule = prev.rule + "+" + c.rule
        out.append(c)
    return out, rec


def _deadline(sent: Sentence, c: _Cand) -> Deadline:
    if c.pre in ("在", "于") and sent.norm.startswith(c.pre, c.i):
        c.i += len(c.pre)  # 在年底前: the preposition is not part of the time
    text, span = sent.surface(c.i, c.j)
    precision = c.precision if c.end else "vague"
    start = c.start if c.stated else None
    return Deadline(text=text, span=span, end=c.end, start=start, precision=precision, rule=c.rule)


def find_all(sent: Sentence, base: dt.date | None) -> list[Deadline]:
    """Every time limit of a sentence, in order (frames left out)."""
    return [_deadline(sent, c) for c in _candidates(sent, base)[0]]


def _rank(c: _Cand) -> int:
    if c.end is None:
        return 3 if c.rule == "vague" else 2
    return 0 if c.strong else (1 if c.cue else 2)


def find(sent: Sentence, base: dt.date | None) -> tuple[Deadline | None, Recurrence | None]:
    """The task's deadline and recurrence in a sentence, if any."""
    cands, rec = _candidates(sent, base)
    best = min(cands, key=_rank) if cands else None  # min keeps the first of a tie
    recurrence = None
    if rec is not None:
        text, span = sent.surface(rec.start("rec"), rec.end())
        recurrence = Recurrence(text=text, span=span, every=_lex()["recurrence"][rec.group("rec")][0])
    return (_deadline(sent, best) if best else None), recurrence
