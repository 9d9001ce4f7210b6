"""Deadlines and recurrences: the time expressions of the genre, resolved against the speech's date.

The vocabulary lives in ``data/time_words.tsv``; :mod:`.grammar` holds the grammar, :mod:`.resolve`
turns a match into dates (with :mod:`.days` for the calendar), and this module chooses:

* the directive reading: a day already past, written without a year, means that day next
  year (``6月底前`` in a July speech → next June 30); ``前``/``底前`` mean on or before;
* a bare period that is over (``上半年`` in July), a period after ``截至`` or before ``以来``,
  and a past year (``2024年``) frame a figure: they are not deadlines;
* of several deadlines in a sentence, one with a cue (``前``, ``内``, ``底``, ``到``) wins over a
  bare one, and any date over a vague word (``及时``); among equals the latest (the sentence's
  work is done when its last stage is), then the first;
* a day beyond the calendar (``9999年内``, ``99999999999天内``) is refused with a warning.

:func:`find` takes a sentence or a plain text (an owner note, a table's 完成时限 cell).
"""
from __future__ import annotations

import datetime as dt
import re

from ...cleaning import normalise
from ...records import Deadline, Recurrence
from ...sentences import Sentence
from .days import YEARS, Refused
from .grammar import lex, matches
from .resolve import Cand, resolve

__all__ = ["YEARS", "find", "find_all", "find_limit"]

_CN_DIGITS = frozenset("〇零一二两三四五六七八九十百千万")
_CELL_END = " \t\n。；;，,.）)】"
_CLAUSE = 60  # how far a clause is read after a time for what frames it (…的主要目标是:)
_NAME, _HEAD = 8, 3  # the most a quoted name holds before a time inside it, and after it
_OPEN_QUOTES, _CLOSE_QUOTES = "“「『", "”」』"


def _framing(c: Cand, norm: str, base: dt.date | None) -> bool:
    """A period that frames a figure, a report or a thing, not a time limit."""
    lx = lex()
    before, after = norm[max(0, c.i - 3):c.i], norm[c.j:c.j + 3]
    head = re.split(r"[,.:;、!?()\s]", norm[c.j:c.j + 6])[0]
    if any(before.endswith(w) for w in lx["frame_before"]) or _quoted_name(c, norm):
        return True
    if any(after.startswith(w) for w in ("以来", "同期", "同比", "相比")):
        return True
    if c.rule == "vague":
        # 按时办结率 is a metric; 未按期完成 is a failure, not a time limit
        return "率" in head[:5] or norm[max(0, c.i - 2):c.i].endswith(("未", "不", "没有"))
    if c.rule == "relative" and norm.endswith(tuple(lx["measure"]), 0,
                                              c.i + len(c.pre) * norm.startswith(c.pre, c.i)):
        return True  # 压缩至3个工作日以内, 稳定在1个工作日以内: a service standard, not a limit
    if c.end is None:
        return c.rule == "month_range" and not c.cue
    if base and c.end < base:
        # 上半年 in July, 2024年: a report of the past; but a time limit that names its year
        # (2025年6月底前, 今年3月底前) stays a deadline, one already overdue
        return not (c.explicit and c.strong) and (c.explicit or not c.cue)
    if c.cue:
        return False
    return _frames_after(c, norm, head, base)


def _quoted_name(c: Cand, norm: str) -> bool:
    """A time inside a short quoted name that holds more than the time (“新十月市”,
    「五月花」节): part of the name, not a limit. A quote of the time alone (“年底前”) or of a
    whole instruction (“2026年底前完成改造”, more than a name's head after the time) is one."""
    o = max(norm.rfind(q, max(0, c.i - _NAME), c.i) for q in _OPEN_QUOTES)
    if o < 0 or any(norm.find(q, o, c.i) >= 0 for q in _CLOSE_QUOTES):
        return False
    e = min((k for k in (norm.find(q, c.j, c.j + _NAME) for q in _CLOSE_QUOTES) if k >= 0),
            default=-1)
    return (0 <= e - c.j <= _HEAD and (e > c.j or o + 1 < c.i)
            and not any(q in norm[c.j:e] for q in _OPEN_QUOTES))


def _frames_after(c: Cand, norm: str, head: str, base: dt.date | None) -> bool:
    """A bare time followed by what makes it a frame: 今年的目标, 下半年重点工作, 2025年全县…是:"""
    lx = lex()
    if any(norm.startswith(w, c.j) for w in lx["frame_after"]):
        return True
    if "的" in head[:5] or "工作" in head[:5]:
        return True  # attributive: 今年政府工作的要求, 下半年重点工作
    clause = re.split(r"[,.;!?]", norm[c.j:c.j + _CLAUSE])[0]
    if clause.endswith(("是", "是:")) or "目标" in clause:
        return True  # a frame for the figures that follow: 2025年全县…的主要目标是:
    if c.rule == "year":
        # 2025年,… opens a goal and 今年先发行… times a verb; 今年66个项目 frames a figure,
        # and a bare 2020年 inside a clause names a thing (举办2020年冬运会)
        if head and (head[0] in _CN_DIGITS or not head[0].isalpha()):
            return True
        opens = c.i == 0 or norm[c.i - 1] in ",;:、(" or any(
            norm.endswith(w, 0, c.i) for w in lx["year_cue"])
        return c.explicit and not opens
    return c.rule == "month_range" and c.start is not None and base is not None \
        and c.start < base.replace(day=1)


def _roll(c: Cand, base: dt.date | None) -> None:
    """The directive reading: a day already past, written without a year, is next year's."""
    from .days import shift_year

    if base and c.end and c.end < base and not c.explicit and c.cue:
        c.end = shift_year(c.end)
        c.start = shift_year(c.start) if c.start else None


def _labelled(c: Cand, norm: str) -> bool:
    """A time right after a limit label (完成时限：…), or a cell that is nothing but a time."""
    before = norm[max(0, c.i - 12):c.i]
    lead = before.rstrip(" ：:")
    if lead != before and lead.endswith(tuple(lex()["limit_label"])):
        return True
    return c.i <= 8 and len(norm) - c.j <= 8 and not norm[:c.i].strip(_CELL_END) \
        and not norm[c.j:].strip(_CELL_END)


_DASHES = frozenset({"-", "—", "–", "~", "～", "——"})


def _ranged(prev: Cand | None, c: Cand) -> bool:
    """``c`` closes a range that ``prev`` opens: X至Y, X到Y, X—Y."""
    if prev is None:
        return False
    gap = c.norm[prev.j:c.i].strip()
    return (c.pre in ("至", "到") and gap in ("", "起")) or gap in _DASHES


def _join(out: list[Cand], c: Cand) -> None:
    """自X起至Y, 2019年1月1日至12月31日, 9月下旬至10月上旬: one deadline from X to Y."""
    prev = out[-1] if out else None
    if prev is None or not _ranged(prev, c) or c.end is None:
        out.append(c)
        return
    if prev.end is None and prev.start:
        out.pop()
        c.i, c.start, c.stated = prev.i, prev.start, True
        c.rule = prev.rule + "+" + c.rule
    elif prev.end is not None and prev.end <= c.end:
        out.pop()
        c.i, c.start, c.stated = prev.i, prev.start or prev.end, True
        c.rule = prev.rule + "+" + c.rule
    out.append(c)


def _inherit_year(out: list[Cand], c: Cand) -> None:
    """至12月31日 after 2019年1月1日 is in 2019 (or later), not in the speech's year."""
    prev = out[-1] if out else None
    if prev is None or prev.end is None or c.end is None or c.explicit or not prev.explicit \
            or not _ranged(prev, c):
        return
    from .days import date

    end = date(prev.end.year, c.end.month, c.end.day)
    c.end = end if end >= prev.end else date(end.year + 1, end.month, end.day)
    c.explicit = True


def _candidates(sent: Sentence, base: dt.date | None,
                warnings: list[str] | None) -> tuple[list[Cand], re.Match[str] | None]:
    out: list[Cand] = []
    rec = None
    rec_end = -2
    for m in matches(sent.norm):
        if m.group("rec"):
            rec, rec_end = rec or m, m.end()
            continue
        try:
            _take(m, sent, base, out, warnings, m.start() == rec_end)
        except Refused as e:  # a day beyond the calendar: no deadline, and the reason recorded
            if warnings is not None:
                warnings.append(f"deadline refused at {sent.start + m.start()}: {m.group()!r}: {e}")
    return out, rec


def _take(m: re.Match[str], sent: Sentence, base: dt.date | None, out: list[Cand],
          warnings: list[str] | None, recurring: bool) -> None:
    """Resolve one match and add it to ``out`` unless it frames a figure. ``recurring``: it
    follows a recurrence (每年12月底前): its next occurrence, outranked by any other limit;
    a day alone there (每季度末5日前) counts from the period, not from the speech: none."""
    norm = sent.norm
    c = resolve(m, base)
    if c is None or (m.group("pre") or "").startswith(("截至", "截止")) or (recurring and c.rule == "day"):
        return
    c.strong = c.strong and not recurring
    if m.group("pre") in ("自", "从") or norm[c.j:c.j + 1] == "起" or norm[c.j:c.j + 2] == "开始":
        c.start, c.end, c.cue, c.stated = (c.start or c.end), None, True, True
        c.j += 1 if norm[c.j:c.j + 1] == "起" else 0
    if _labelled(c, norm):
        c.cue = c.strong = True
    _inherit_year(out, c)
    if _framing(c, norm, base):
        return
    _roll(c, base)
    if warnings is not None:
        warnings.extend(f"deadline at {sent.start + c.i}: {n}" for n in c.notes)
    _join(out, c)


def _deadline(sent: Sentence, c: Cand) -> Deadline:
    if c.pre in ("在", "于") and sent.norm.startswith(c.pre, c.i):
        c.i += len(c.pre)  # 在年底前: the preposition is not part of the time
    text, span = sent.surface(c.i, c.j)
    precision = c.precision if c.end else "vague"
    start = c.start if c.stated else None
    return Deadline(text=text, span=span, end=c.end, start=start, precision=precision, rule=c.rule)


def _sentence(sent: Sentence | str) -> Sentence:
    if isinstance(sent, Sentence):
        return sent
    return Sentence(0, len(sent), sent, normalise(sent))


def find_all(sent: Sentence | str, base: dt.date | None,
             warnings: list[str] | None = None) -> list[Deadline]:
    """Every time limit of a sentence (or a plain text), in order (frames left out)."""
    s = _sentence(sent)
    return [_deadline(s, c) for c in _candidates(s, base, warnings)[0]]


def _rank(c: Cand) -> tuple[int, int]:
    if c.end is None:
        return (3 if c.rule == "vague" else 2), 0
    return (0 if c.strong else (1 if c.cue else 2)), -c.end.toordinal()


_CELL_EDGES = " \t\n。.;；)）"  # what may stand around a time limit's value in its cell


def find_limit(sent: Sentence | str, base: dt.date | None,
               warnings: list[str] | None = None) -> Deadline | None:
    """The deadline a time-limit value states: a note's ``完成时限：…`` or a table's 完成时限
    cell. As :func:`find`, and besides, a value that is only a period of the year the work
    spans (``全年``: ``data/time_words.tsv`` class ``limit_value``) ends that period."""
    found = find(sent, base, warnings)[0]
    if found is not None:
        return found
    s = _sentence(sent)
    rest = s.norm.lstrip(_CELL_EDGES)
    stripped = rest.rstrip(_CELL_EDGES)
    lead = len(s.norm) - len(rest)
    value = lex()["limit_value"].get(stripped)
    if value is None or base is None:
        return None
    month, day = (int(x) for x in value[0].split("-"))
    text, span = s.surface(lead, lead + len(stripped))
    return Deadline(text=text, span=span, end=dt.date(base.year, month, day), precision="year",
                    rule="limit_value")


def find(sent: Sentence | str, base: dt.date | None,
         warnings: list[str] | None = None) -> tuple[Deadline | None, Recurrence | None]:
    """The task's deadline and recurrence in a sentence, if any.

    ``sent`` may be a plain text (an owner note ``（牵头单位：…；完成时限：2025年6月底前）`` or a
    table's 完成时限 cell): its spans are then offsets into that text. ``warnings``, when given,
    collects why an expression was refused (a day beyond the calendar) and calendar notes."""
    s = _sentence(sent)
    cands, rec = _candidates(s, base, warnings)
    best = min(cands, key=_rank) if cands else None  # min keeps the first of a tie
    recurrence = None
    if rec is not None:
        text, span = s.surface(rec.start("rec"), rec.end())
        recurrence = Recurrence(text=text, span=span, every=lex()["recurrence"][rec.group("rec")][0])
    return (_deadline(s, best) if best else None), recurrence
