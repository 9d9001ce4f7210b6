"""Owners: the units a task is assigned to, with their role, carried to every task they own.

Strategies, tried in this order for every sentence:

1. **Notes** (:mod:`speechkit.extractors.notes`) — a bracket, a 【label】 or a line that names
   units by a label or a role verb, ``（牵头单位：市发改委；责任单位：各区县政府）``,
   ``（X牵头，Y参与）``, ``（X指导）``: standing as a sentence of its own, closing a sentence,
   or opening the next one mid-paragraph. Its owners (and its time) go to every sentence of the
   item it closes: back to the item's marker, the previous note or the heading.
2. **Subjects** (:mod:`speechkit.extractors.subjects`) — a list of units at the start of a
   clause, before a modal, a role word or a predicate: ``镇农业农村办公室和各村要…``,
   ``由市发改委牵头，市财政局配合…``, ``试点地区完成…``.
3. **Headings** — a heading that names units applies to the items under it, unless an item
   has owners of its own or from its note.

What counts as a unit name is :mod:`speechkit.extractors.units`. All matching is on
``Sentence.norm``; every pass is linear in the text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..fastinit import evolve
from ..records import Owner, Span
from ..sentences import Sentence
from . import notes
from .subjects import find, looks_named
from .units import Grammar, OwnerLexicon, grammar, load_lexicon, split_units

__all__ = ["Assignment", "OwnerLexicon", "assign", "assign_items", "find", "grammar",
           "load_lexicon", "parse_note"]


@dataclass
class Assignment:
    """Owners of the task sentences (by ``Sentence.index``), the sentences that are notes as a
    whole, and per task sentence the note text that may state its item's deadline
    (``完成时限：2024年9月底前``), as sentences of their own for ``deadlines.find``."""

    owners: dict[int, tuple[Owner, ...]] = field(default_factory=dict)
    notes: set[int] = field(default_factory=set)
    times: dict[int, tuple[Sentence, ...]] = field(default_factory=dict)


@dataclass
class _Scan:
    """What the walk over the sentences has gathered so far."""

    from_note: dict[int, list[Owner]] = field(default_factory=dict)
    times: dict[int, list[Sentence]] = field(default_factory=dict)
    from_heading: list[tuple[Sentence, list[Owner]]] = field(default_factory=list)
    note_at: set[int] = field(default_factory=set)
    item_start: int = 0
    last_heading: Sentence | None = None
    prev_note: tuple[int, list[Owner], bool] | None = None  # (scope start, owners, led)

    def give(self, scope: range, owners: list[Owner], times: tuple[Span, ...], s: Sentence) -> None:
        slices = [notes.slice_of(s, a, b) for a, b in times]
        for j in scope:
            self.from_note[j] = self.from_note.get(j, []) + owners
            if slices:
                self.times[j] = self.times.get(j, []) + slices


def whole_note(sent: Sentence, g: Grammar, led: bool = False) -> notes.NoteParse | None:
    """The parse of a sentence that is a note as a whole: one bracket, a label line, or a line
    of its own that only lists units with their role verbs (``县住建局牵头，各镇配合``)."""
    body = notes.whole_body(sent)
    if body:
        if not notes.may_name_owners(sent.norm, *body, g):
            return None
        p = notes.parse(sent, *body, g, led)
        return p if p.owners else None
    if notes.is_label_line(sent, g):  # 【完成时限】…, 责任处室：… are notes too
        p = notes.parse(sent, 0, len(sent.norm), g, led)
        return p if p.owners or p.times or p.complete else None
    end = len(sent.norm.rstrip("。.;； "))
    if sent.line_start and sent.line_end and notes.may_be_note_line(sent.norm, 0, end, g):
        p = notes.parse(sent, 0, end, g, led, bracket=False)
        return p if p.owners and p.complete else None
    return None


def assign_items(sents: list[Sentence], is_task: list[bool],
                 lex: OwnerLexicon | None = None) -> Assignment:
    """Owners of every task sentence, which sentences are notes, and the notes' time spans.

    A sentence lists its own owners first, then those of its item's note (inherited), or
    else those of the nearest heading above it that names units (inherited).
    """
    lex = lex or load_lexicon(())
    g = grammar(lex)
    sc = _Scan()
    for k, s in enumerate(sents):
        if _whole(sc, k, s, sents, g):
            continue
        if s.kind == "heading":
            sc.last_heading = s
            own = _heading_owners(s, g, lex)
            if own:
                sc.from_heading.append((s, own))
            sc.item_start = k + 1
            continue
        if s.marker:
            sc.item_start = k
        _inline(sc, k, s, g)
    return _collect(sents, is_task, sc, lex)


def _whole(sc: _Scan, k: int, s: Sentence, sents: list[Sentence], g: Grammar) -> bool:
    """A sentence that is a note as a whole: give it to its item; say whether it was one."""
    prev = sc.prev_note
    cont = prev is not None and k > 0 and (k - 1) in sc.note_at  # 【牵头单位】…\n【配合单位】…
    p = whole_note(s, g, prev[2] if cont and prev else False)
    if p is None:
        return False
    sc.note_at.add(k)
    note = list(p.owners)
    start = sc.item_start
    if cont and prev:
        start, note = prev[0], prev[1] + note
    scope = range(start, k)
    if not any(sents[j].kind == "body" for j in scope) and sc.last_heading is not None:
        sc.from_heading.append((sc.last_heading, note))
    sc.give(scope, list(p.owners) if cont else note, p.times, s)
    sc.prev_note = (start, note, p.led)
    sc.item_start = k + 1
    return True


def _inline(sc: _Scan, k: int, s: Sentence, g: Grammar) -> None:
    """Notes inside a sentence: one opening it (``（X负责）推广…``, mid-paragraph, after the
    previous sentence's full stop) closes the item before it; one after its text closes the
    item up to and including it."""
    norm = s.norm
    for x, y in notes.top_brackets(norm):
        if not notes.may_name_owners(norm, x + 1, y - 1, g):
            continue
        p = notes.parse(s, x + 1, y - 1, g)
        if not p.owners:
            continue
        opening = x == 0 and any("\u4e00" <= ch <= "\u9fff" for ch in norm[y:])
        if opening:  # the item before it, or this one when it opens the item
            sc.give(range(sc.item_start, k) if sc.item_start < k else range(k, k + 1),
                    list(p.owners), p.times, s)
            sc.item_start = k
        else:
            sc.give(range(sc.item_start, k + 1), list(p.owners), p.times, s)
            sc.item_start = k + 1


def _collect(sents: list[Sentence], is_task: list[bool], sc: _Scan,
             lex: OwnerLexicon) -> Assignment:
    out: dict[int, tuple[Owner, ...]] = {}
    times: dict[int, tuple[Sentence, ...]] = {}
    headings = iter(sc.from_heading)
    pending = next(headings, None)
    by_section: dict[tuple[str, ...], list[Owner]] = {}  # the latest heading owners per section
    from_heading: dict[tuple[str, ...], list[Owner]] = {}  # what a section inherits from them
    for s in sents:
        while pending is not None and pending[0].index < s.index:  # inherited, made once
            by_section[pending[0].section] = [evolve(o, inherited=True) for o in pending[1]]
            from_heading.clear()
            pending = next(headings, None)
        if not is_task[s.index] or s.index in sc.note_at or s.kind == "heading":
            continue
        if s.index in sc.times:
            times[s.index] = tuple(sc.times[s.index])
        own = find(s, lex)
        if s.index in sc.from_note:
            _add_note_owners(own, sc.from_note[s.index], s)
        if not own:
            if s.section not in from_heading:
                from_heading[s.section] = _from_heading(s, by_section)
            own = from_heading[s.section]
        if own:
            out[s.index] = tuple(own)
    return Assignment(out, sc.note_at, times)


def _add_note_owners(own: list[Owner], note: list[Owner], s: Sentence) -> None:
    """The owners of its item's note after the sentence's own, each unit once."""
    seen = {o.text for o in own}
    spans = {o.span for o in own}
    for o in note:
        if o.text not in seen and o.span not in spans:
            inherited = o.span[0] < s.start or o.span[1] > s.end
            own.append(o if o.inherited == inherited else evolve(o, inherited=inherited))
            seen.add(o.text)


def _from_heading(s: Sentence, by_section: dict[tuple[str, ...], list[Owner]]) -> list[Owner]:
    for n in range(len(s.section), -1, -1):
        hown = by_section.get(s.section[:n])
        if hown:
            return list(hown)
    return []


def assign(sents: list[Sentence], is_task: list[bool],
           lex: OwnerLexicon | None = None) -> tuple[dict[int, tuple[Owner, ...]], set[int]]:
    """Owners of every task sentence (by ``Sentence.index``), and which sentences are notes."""
    a = assign_items(sents, is_task, lex)
    return a.owners, a.notes


def _heading_owners(s: Sentence, g: Grammar, lex: OwnerLexicon) -> list[Owner]:
    """Units a heading names: its note, its whole title (``三、镇规建办``), or its subject."""
    for x, y in notes.top_brackets(s.norm):
        p = notes.parse(s, x + 1, y - 1, g) if notes.may_name_owners(s.norm, x + 1, y - 1, g) else None
        if p and p.owners:
            return list(p.owners)
    i = len(s.marker)
    j = len(s.norm.rstrip("。.:：;； "))
    units = split_units(s.norm, i, j, g) if j - i >= 2 else None
    if units and looks_named(s.norm, units, g):  # 三、镇规建办; not 1.建设驿站
        return [Owner(*s.surface(x, y)) for x, y in units]
    return find(s, lex, loose=False)


def parse_note(sent: Sentence, lex: OwnerLexicon | None = None) -> list[Owner] | None:
    """The owners of a sentence that is a note as a whole, else None."""
    p = whole_note(sent, grammar(lex or OwnerLexicon()))
    return list(p.owners) if p else None
