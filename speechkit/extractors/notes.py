"""Owner notes: the parenthetical, bracket or line that names who does an item, and when.

A note is a list of clauses cut at ``；，。`` and before every label. A clause names units

* after a **label** of any wording — the labels of ``data/owner_roles.tsv`` as written
  (``牵头单位：``), or any short word ending in a word of ``data/owner_labels.tsv``
  (``主要承担部门：``, ``【协办单位】``), whose role the stems it holds decide;
* before a **role verb** (``X牵头``, ``Y配合``, ``Z指导``, ``W负责落实``); units listed before
  the verb in clauses of their own share its role (``A、B，各省级人民政府按职责分工负责``);
* after a comma, continuing the list of the clause before it (``参加单位：A，B``).

Anything else is the note's commentary or its time (``完成时限：…``, ``2025年底前完成``): its
spans are kept as :attr:`NoteParse.times` for the deadline grammar to read. All matching is
on ``Sentence.norm``.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

from .. import lexicon
from ..fastinit import fast_init
from ..records import Owner, Span
from ..sentences import Sentence
from .units import Grammar, ends_unit, may_end_list, split_units

_CJK = "\u4e00-\u9fff"


@fast_init
@dataclass(frozen=True)
class NoteParse:
    """What a note body says: its owners, whether a lead was named, its time spans."""

    owners: tuple[Owner, ...] = ()
    led: bool = False
    times: tuple[Span, ...] = ()  # local spans (of ``norm``) of clauses that may state its time
    complete: bool = False  # every clause was a label, a list of units or a time


@dataclass(frozen=True)
class _Labels:
    pattern: re.Pattern[str]  # a label at a clause's start
    stems: tuple[tuple[str, str], ...]
    ends: tuple[tuple[str, str], ...]
    role_end: re.Pattern[str]  # a role verb (and its tail) closing a clause
    hint: re.Pattern[str]  # a word every label holds: where none is, no label is
    verb: re.Pattern[str]  # a role verb anywhere: where none is (and no label), no role is named
    role_last: frozenset[str]  # the characters a role verb or its tail ends with


@cache
def _labels(explicit: tuple[str, ...], verbs: tuple[str, ...]) -> _Labels:
    rows = lexicon.table("owner_labels.tsv", 2)
    stems = tuple((w, k) for w, k in rows if k.startswith("stem-"))
    ends = tuple((w, k) for w, k in rows if k.startswith("end-"))
    words = lexicon.alternation([w for w, _ in stems + ends])
    tail_words = [r[0] for r in lexicon.table("owner_roles.tsv", 2) if r[1] == "role-tail"]
    tails = lexicon.alternation(tail_words)
    generic = rf"(?<![{_CJK}])[【\[]?(?P<glabel>[{_CJK}]{{0,4}}(?:{words}))(?:[】\]]\s*[:：]?|\s*[:：])\s*"
    known = rf"[【\[]?(?P<label>{lexicon.alternation(explicit)})[】\]]?\s*[:：]?\s*(?:为|是)?"
    return _Labels(
        pattern=re.compile(f"{known}|{generic}"),
        stems=stems, ends=ends,
        role_end=re.compile(rf"(?P<verb>{lexicon.alternation(verbs)})(?:{lexicon.alternation(verbs)})*"
                            rf"(?:{tails})?$"),  # 牵头负责: the first verb gives the role
        hint=re.compile(lexicon.alternation(explicit + tuple(w for w, _ in stems + ends))),
        verb=re.compile(lexicon.alternation(verbs)),
        role_last=frozenset(w[-1] for w in verbs + tuple(tail_words)) | {"\n"},  # $ before a \n
    )


def _grammar_labels(g: Grammar) -> _Labels:
    return _labels(g.label_words, g.role_verbs)


def label_kind(word: str, g: Grammar) -> str:
    """The kind of a label: ``label-lead``/``-support``/``-owner``/``-skip``/``-time``."""
    kind = g.roles.get(word)
    lab = _grammar_labels(g)
    if kind is not None and kind != "label-skip":
        return kind
    hits = sorted((word.find(w), k) for w, k in lab.stems if w in word)
    for w, k in lab.ends:
        if word.endswith(w) and k in ("end-time", "end-skip"):
            return "label-time" if k == "end-time" else "label-skip"
    if kind == "label-skip":
        return "label-skip"
    if hits:
        return "label-" + hits[0][1].removeprefix("stem-")
    return "label-owner"


def role_of(kind: str, led: bool) -> str:
    """A role from the kind of its label or verb, given whether a lead was named before."""
    if kind in ("label-lead", "lead"):
        return "lead"
    if kind in ("label-support", "support"):
        return "support"
    if kind == "lead-or-support":
        return "support" if led else "lead"
    if kind == "label-owner":
        return "support" if led else "owner"
    return "owner"


def match_label(norm: str, i: int, j: int, g: Grammar) -> re.Match[str] | None:
    """A label opening ``norm[i:j]``."""
    return _grammar_labels(g).pattern.match(norm, i, j)


def is_label_line(sent: Sentence, g: Grammar) -> bool:
    """A line opening with a label and its colon or 【】: ``牵头单位：…``, ``【责任单位】…``."""
    norm = sent.norm
    if not _LABEL_END.search(norm) or not _grammar_labels(g).hint.search(norm):
        return False  # no colon or bracket, or no label word: no label line
    m = match_label(norm, 0, len(norm), g)
    return m is not None and bool(_LABEL_END.search(m.group(0)))


_LABEL_END = re.compile(r"[:：】\]]")
_CUT = re.compile(r"[;；,，。]+|\s+")


def clauses(norm: str, a: int, b: int, g: Grammar) -> list[tuple[int, int, str]]:
    """A note body's clauses ``(start, end, delimiter before)``: cut at ；，。 and before every
    label, so notes written with spaces (``责任单位：A 配合单位：B``) split too."""
    lab = _grammar_labels(g)
    return list(_clauses(norm, a, b, lab, lab.hint.search(norm, a, b) is not None))


def _clauses(norm: str, a: int, b: int, lab: _Labels, labelled: bool) -> Iterator[tuple[int, int, str]]:
    """:func:`clauses`, told whether the body holds a label word at all; with none, the
    clauses come one by one as the punctuation is found (a parse may stop at the first)."""
    if not labelled:
        start, sep = a, ""
        for m in _CUT.finditer(norm, a, b):
            if not m.group(0).isspace():  # a space only cuts before a label
                if _has_words(norm, start, m.start()):
                    yield start, m.start(), sep
                start, sep = m.end(), m.group(0)[:1]
        if _has_words(norm, start, b):
            yield start, b, sep
        return
    cuts: dict[int, str] = {a: "", b: ""}
    for m in _CUT.finditer(norm, a, b):
        if m.group(0).isspace() and not lab.pattern.match(norm, m.end(), b):
            continue
        cuts[m.start()] = cuts.get(m.start(), "")
        cuts[m.end()] = m.group(0).strip()[:1] or " "
    for m in lab.pattern.finditer(norm, a, b):
        if m.start() not in cuts and m.group(0).strip():
            cuts[m.start()] = " "
    points = sorted(cuts)
    yield from ((i, j, cuts[i]) for i, j in itertools.pairwise(points) if _has_words(norm, i, j))


def _has_words(norm: str, i: int, j: int) -> bool:
    return j > i and bool(norm[i:j].strip().strip(";；,，。、"))


def parse(sent: Sentence, a: int, b: int, g: Grammar, led: bool = False,
          bracket: bool = True) -> NoteParse:
    """Parse the note body ``norm[a:b]``; no owners unless a label or role verb names them,
    or (in brackets) units stand with nothing but a time: ``（市发改委，2025年底前）``.

    Out of brackets (``bracket=False``, a line of its own) only a complete note counts: the
    parse stops, with no owners, at the first clause that is not a label, units or a time."""
    norm = sent.norm
    lab = _grammar_labels(g)
    out: list[Owner] = []
    pending: list[tuple[int, int]] = []  # units waiting for a verb: A、B，C按职责分工负责
    times: list[Span] = []
    any_role = False
    complete = True
    cont: str | None = None  # the role a list continued after a comma keeps
    labelled = lab.hint.search(norm, a, b) is not None
    for i, j, sep in _clauses(norm, a, b, lab, labelled):
        m = lab.pattern.match(norm, i, j) if labelled else None
        if m:
            any_role = True
            kind = label_kind(m.group("label") or m.group("glabel"), g)
            i, cont = m.end(), None
            if kind in ("label-skip", "label-time"):
                if kind == "label-time" and j > i:
                    times.append((i, j))
                continue
            cont = role_of(kind, led)
            if j <= i:
                continue
            units, role = split_units(norm, i, j, g, strict=False), cont
        elif norm[j - 1] in lab.role_last and (rw := lab.role_end.search(norm, i, j)):
            if not bracket and rw.group("verb") in g.modals:
                return NoteParse()  # 各部门要抓好落实。: a line that directs, no note
            role = role_of(g.roles[rw.group("verb")], led)
            got = _verb_clause(sent, i, rw.start(), g, role)
            if got is None and rw.start() > i:
                if not bracket:
                    return NoteParse()
                complete, cont = False, None
                continue
            any_role, cont = True, None
            out += [Owner(*sent.surface(x, y), role=role) for x, y in pending] + (got or [])
            led = led or any(o.role == "lead" for o in out)
            pending = []
            continue
        else:
            units = _named_units(norm, i, j, g)
            if units and cont and sep in ",，;；":
                role = cont
            elif units and sep != "。":
                pending += units
                continue
            else:
                if not bracket:
                    return NoteParse()
                times.append((i, j))
                complete = False
                continue
        if units is None:
            if not bracket:
                return NoteParse()
            complete = False
            continue
        for x, y in units:
            y, marked = _role_mark(norm, x, y, g, led)
            text, span = sent.surface(x, y)
            out.append(Owner(text, span, role=marked or ("support" if led and role == "owner" else role)))
            led = led or (marked or role) == "lead"  # 责任单位：A（牵头）、B: B supports
    if bracket and pending and not out and _timed(sent, times):  # （市发改委，2025年底前）
        return NoteParse(tuple(Owner(*sent.surface(x, y)) for x, y in pending), led, tuple(times), True)
    if pending:
        complete = False
    return NoteParse(tuple(out) if any_role else (), led, tuple(times), complete)


def may_name_owners(norm: str, a: int, b: int, g: Grammar) -> bool:
    """False only where :func:`parse` finds no owners in ``norm[a:b]``: no label word, no
    role verb and no unit's suffix stands in it (``（2024年）``, ``（试行）``)."""
    return bool(_grammar_labels(g).hint.search(norm, a, b) or g.cue_words.search(norm, a, b)
                or g.suffix_search.search(norm, a, b))


def may_be_note_line(norm: str, a: int, b: int, g: Grammar) -> bool:
    """False only where ``parse(..., bracket=False)`` finds no owners in ``norm[a:b]``: out of
    brackets, owners are named only by a label or a role verb, and neither stands in it."""
    lab = _grammar_labels(g)
    return bool(lab.hint.search(norm, a, b) or lab.verb.search(norm, a, b))


def _timed(sent: Sentence, times: list[Span]) -> bool:
    """Whether every clause left over is a time the deadline grammar reads."""
    from . import deadlines  # the deadline grammar is the time extractor's

    for i, j in times or [(0, 0)]:
        d = deadlines.find(slice_of(sent, i, j), None)[0] if j > i else None
        if d is None or 2 * (d.span[1] - d.span[0]) < j - i:
            return False  # no time, or a time inside other words
    return True


def slice_of(s: Sentence, i: int, j: int) -> Sentence:
    """The stretch ``norm[i:j]`` of a sentence, as a sentence of its own (its surface mapped
    back through any joined hard wrap)."""
    text, (a, b) = s.surface(i, j)
    changes: dict[str, Any] = {"start": a, "end": b, "text": text, "norm": s.norm[i:j],
                               "marker": "", "line_start": False, "line_end": False}
    joins = getattr(s, "joins", ())
    if joins:  # re-base the joins of a hard-wrapped sentence on the slice
        base = max((r for p, r in joins if p <= i), default=0)
        changes["joins"] = tuple((p - i, r - base) for p, r in joins if i < p < j)
    return replace(s, **changes)


def _verb_clause(sent: Sentence, i: int, j: int, g: Grammar, role: str) -> list[Owner] | None:
    """The units before a role verb, ``norm[i:j]``: ``(由)X负责``; ``X会同Y负责`` (X leads, Y
    supports)."""
    norm = sent.norm
    if norm.startswith("由", i):
        i += 1
    k = norm.find("会同", i, j)
    parts = [(i, k, "lead"), (k + 2, j, "support")] if k > i else [(i, j, role)]
    out: list[Owner] = []
    for x, y, r in parts:
        units = split_units(norm, x, y, g, strict=False) if y > x else None
        if units is None:
            return None
        out += [Owner(*sent.surface(u, v), role=r) for u, v in units]
    return out


def _role_mark(norm: str, x: int, y: int, g: Grammar, led: bool) -> tuple[int, str | None]:
    """``市发改委（牵头）``: a role word in brackets after a unit gives its role."""
    if not norm.endswith(")", x, y):
        return y, None
    k = norm.rfind("(", x, y)
    kind = g.roles.get(norm[k + 1:y - 1]) if k > x else None
    if kind is None or kind.startswith("label") or kind in ("by", "role-tail"):
        return y, None
    return k, role_of(kind, led)


def _named_units(norm: str, i: int, j: int, g: Grammar) -> list[tuple[int, int]] | None:
    """A list continued after a comma, ending with a unit that ends with a body or is named
    (``…，青岛海洋研究所、崂山实验室``; ``…，济南、青岛市政府``, the body shared; not ``下同``)."""
    if not may_end_list(norm, i, j, g):
        return None
    units = split_units(norm, i, j, g, strict=False)
    if units and ends_unit(norm[units[-1][0]:units[-1][1]], g):
        return units
    return None


def whole_body(sent: Sentence) -> tuple[int, int] | None:
    """The body of a sentence that is one bracket as a whole: ``（…）``.

    Brackets inside the note (``各县（市、区）人民政府``) are allowed when they balance.
    """
    if not sent.norm.startswith(("(", "【", "[")):
        return None
    norm = sent.norm.rstrip("。.;； ")
    pairs = top_brackets(norm)
    if len(pairs) == 1 and pairs[0] == (0, len(norm)):
        return 1, len(norm) - 1
    return None


_OPENERS = {"(": ")", "【": "】", "[": "]"}


def top_brackets(norm: str) -> list[tuple[int, int]]:
    """Spans ``[start, end)`` of the outermost balanced brackets of ``norm``, in one pass."""
    return list(_top_brackets(norm)) if "(" in norm or "【" in norm or "[" in norm else []


_BRACKETS = re.compile(r"[(【\[)】\]]")


@lru_cache(maxsize=1024)
def _top_brackets(norm: str) -> tuple[tuple[int, int], ...]:
    """Cached: the owner rules ask about one sentence three times; brackets only are visited."""
    out: list[tuple[int, int]] = []
    stack: list[str] = []
    start = 0
    for m in _BRACKETS.finditer(norm):
        k, ch = m.start(), m.group()
        if ch in _OPENERS:
            if not stack:
                start = k
            stack.append(_OPENERS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
            if not stack:
                out.append((start, k + 1))
        elif stack and ch in ")】]":
            stack.clear()  # unbalanced: drop what was open
    return tuple(out)
