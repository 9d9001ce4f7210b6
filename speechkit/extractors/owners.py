"""Owners: the units a task is assigned to, with their role, carried to every task they own.

Strategies, tried in this order for every sentence:

1. **Notes** — a bracketed note that names units with a role word, ``（牵头单位：市发改委；
   责任单位：各区县政府）`` or ``（X、Y牵头，相关部门及各地区按职责分工负责）``, standing as a
   sentence of its own or closing a sentence. Its owners go to every sentence of the plan item
   it closes (back to the item's marker, the previous note or the heading).
2. **Subjects** — a list of units at the start of a clause, before a modal or role word:
   ``镇农业农村办公室和各村要…``, ``由市发改委牵头，市财政局配合…``.
3. **Headings** — a heading that names units applies to the items under it, unless an item
   has owners of its own or from its note.

What counts as a unit name is :mod:`speechkit.extractors.units`. All matching is on
``Sentence.norm``.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import replace

from ..records import Owner
from ..sentences import Sentence
from .units import SUBJECT_MAX, Grammar, OwnerLexicon, grammar, load_lexicon, split_units

__all__ = ["OwnerLexicon", "assign", "find", "load_lexicon", "parse_note"]

#: Clause delimiters: a subject starts after one of them.
_CLAUSE = re.compile(r"[,:;。!?，：；]")
#: Adverbs between a subject and its modal (各部门都要, 各村也要).
_ADVERB = re.compile(r"(?:都|也|还|均|更|一定|切实|务必|必须|要|要切实|进一步|今年|年内)+$")
#: Connectors that may open a clause before its subject (同时，各村要…).
_OPENER = re.compile(r"(?:同时|此外|另外|其中|特别是|尤其是|最后|首先|其次|再次|对此|为此|因此|今年|下半年|年内|由)+")
_BRACKET = re.compile(r"\(([^()]{2,300})\)")


# ---------------------------------------------------------------------------- notes


def _role(word: str, led: bool, g: Grammar) -> str:
    kind = g.roles.get(word, "owner")
    if kind in ("label-lead", "lead"):
        return "lead"
    if kind in ("label-support", "support"):
        return "support"
    if kind == "lead-or-support":
        return "support" if led else "lead"
    if kind == "label-owner":
        return "support" if led else "owner"
    return "owner"


def _note_owners(sent: Sentence, a: int, b: int, g: Grammar,
                 led: bool = False) -> tuple[list[Owner], bool]:
    """Owners of a note body ``norm[a:b]``: clauses split at ；，; each with a label or a role word."""
    norm = sent.norm
    out: list[Owner] = []
    any_role = False
    skipping = False  # inside a label whose list is no unit (完成时限：分年度推进，2020年底前…)
    for i, j in _note_clauses(norm, a, b, g):
        lab = g.labels.match(norm, i, j)
        if lab:
            any_role = True
            word = lab.group("label")
            skipping = g.roles[word] == "label-skip"
            if skipping:
                continue
            role = _role(word, led, g)
            i = lab.end()
        else:
            rw = g.role_words.search(norm, i, j)
            if not rw:
                if out and not skipping:  # a list continued after a comma: 参加单位：A，B
                    role = out[-1].role
                else:
                    continue
            else:
                any_role = True
                role = _role(rw.group(0), led, g)
                j = rw.start()
        units = split_units(norm, i, j, g, strict=False)
        if not units:
            continue
        for x, y in units:
            text, span = sent.surface(x, y)
            out.append(Owner(text, span, role=role))
        led = led or role == "lead"
    return (out if any_role else []), led


def _note_clauses(norm: str, a: int, b: int, g: Grammar) -> list[tuple[int, int]]:
    """A note body's clauses: cut at ；，。 and before every label, so table-like notes
    written with spaces (``责任单位：A 配合单位：B 完成时限：9月底前``) split too."""
    cuts = {a, b}
    cuts.update(a + m.start() for m in re.finditer(r"[;；,，。]", norm[a:b]))
    cuts.update(a + m.end() for m in re.finditer(r"[;；,，。]", norm[a:b]))
    cuts.update(m.start() for m in g.labels.finditer(norm, a, b))
    points = sorted(cuts)
    return [(i, j) for i, j in itertools.pairwise(points)
            if j > i and norm[i:j].strip(" ;；,，。")]


def _is_note_line(sent: Sentence) -> tuple[int, int] | None:
    """The body of a sentence that is a note as a whole: ``（…）`` or ``牵头单位：…``.

    Brackets inside the note (``各县（市、区）人民政府``) are allowed when they balance.
    """
    norm = sent.norm.rstrip("。.;； ")
    if not (norm.startswith("(") and norm.endswith(")")):
        return None
    depth = 0
    for k, ch in enumerate(norm):
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and k < len(norm) - 1:
            return None  # (a)…(b): two brackets, not one note
    return (1, len(norm) - 1) if depth == 0 else None


def _label_line(sent: Sentence, g: Grammar) -> bool:
    return bool(g.labels.match(sent.norm)) and ":" in sent.norm[:8]


# ---------------------------------------------------------------------------- subjects


def find(sent: Sentence, lex: OwnerLexicon | None = None) -> list[Owner]:
    """Owners written as the subject of a clause of the sentence (not its notes).

    Every modal or role word (要, 必须, 牵头, 配合…) is a candidate; what stands between the
    clause's start and it must parse, as a whole, as a list of units.
    """
    g = grammar(lex or OwnerLexicon())
    norm = sent.norm
    skip = [(m.start(), m.end()) for m in _BRACKET.finditer(norm)]
    out: list[Owner] = []
    done_until = len(sent.marker)
    for m in g.cue_words.finditer(norm):
        word, s, e = m.group(0), m.start(), m.end()
        if s < done_until or any(x <= s < y for x, y in skip) or norm.startswith(g.not_cues, s):
            continue
        c = max((k.end() for k in _CLAUSE.finditer(norm, 0, s)), default=0)
        if norm[s - 1:s] == "所" and not (norm[:s].endswith(g.suffixes_2)
                                         or norm.startswith(g.qualifiers, max(c, len(sent.marker)))):
            continue  # 发展所需, 所要: no subject before it, unless 镇财政所要
        units = _subject(norm, max(c, len(sent.marker)), s, g)
        if not units:
            continue
        kind = g.roles[word]
        role = "owner" if kind == "owner" else _role(word, any(o.role == "lead" for o in out), g)
        for x, y in units:
            text, span = sent.surface(x, y)
            same = [k for k, o in enumerate(out) if o.span == span]
            if not same:
                out.append(Owner(text, span, role=role))
            elif role != "owner":  # 市卫健委要牵头…: the role word says more than 要
                out[same[0]] = replace(out[same[0]], role=role)
        if word == "会同":
            out.extend(_after_huitong(sent, e, g))
        done_until = e
    return out


def _subject(norm: str, i: int, j: int, g: Grammar) -> list[tuple[int, int]] | None:
    """The units of a clause's subject ``norm[i:j]``, without openers, adverbs and the people
    of a unit (``各责任单位主要负责同志`` → ``各责任单位``); after ``由`` when a topic comes first
    (``农贸市场改造由县商务局牵头``)."""
    op = _OPENER.match(norm, i, j)
    if op:
        i = op.end()
    by = norm.rfind("由", i, j)
    if by > i and norm[by - 1] != "自":
        i = by + 1
    adv = _ADVERB.search(norm, i, j)
    if adv and adv.start() > i:
        j = adv.start()
    for tail in g.person_tails:
        if norm.endswith(tail, i, j) and j - len(tail) - i >= 2:
            j -= len(tail)
            break
    return split_units(norm, i, j, g) if j - i >= 2 else None


def _after_huitong(sent: Sentence, e: int, g: Grammar) -> list[Owner]:
    """``X会同Y制定…``: Y supports; Y is the longest list of units right after 会同."""
    norm = sent.norm
    end = next((m.start() for m in _CLAUSE.finditer(norm, e)), len(norm))
    for j in range(min(end, e + SUBJECT_MAX * 2), e + 1, -1):
        units = split_units(norm, e, j, g)
        if units:
            return [Owner(*sent.surface(x, y), role="support") for x, y in units]
    return []


# ---------------------------------------------------------------------------- assign


def assign(sents: list[Sentence], is_task: list[bool],
           lex: OwnerLexicon | None = None) -> tuple[dict[int, tuple[Owner, ...]], set[int]]:
    """Owners of every task sentence (by ``Sentence.index``), and which sentences are notes.

    A sentence lists its own owners first, then those of its item's note (inherited), or
    else those of the nearest heading above it that names units (inherited).
    """
    lex = lex or load_lexicon(())
    g = grammar(lex)
    from_note: dict[int, list[Owner]] = {}
    from_heading: list[tuple[Sentence, list[Owner]]] = []
    note_at: set[int] = set()
    item_start = 0
    last_heading: Sentence | None = None
    prev_note: tuple[int, list[Owner], bool] | None = None  # (scope start, owners, led)
    for k, s in enumerate(sents):
        body = _is_note_line(s)
        note: list[Owner] = []
        led = False
        if body or _label_line(s, g):
            cont = prev_note is not None and k > 0 and (k - 1) in note_at and not s.line_start
            led = prev_note[2] if cont and prev_note else False
            a, b = body or (0, len(s.norm))
            note, led = _note_owners(s, a, b, g, led)
            if note:
                note_at.add(k)
                start = prev_note[0] if cont and prev_note else item_start
                if cont and prev_note:
                    note = prev_note[1] + note
                scope = range(start, k)
                if not any(sents[j].kind == "body" for j in scope) and last_heading is not None:
                    from_heading.append((last_heading, note))
                for j in scope:
                    from_note[j] = note
                prev_note = (start, note, led)
                item_start = k + 1
                continue
        if s.kind == "heading":
            last_heading = s
            own = _heading_owners(s, g, lex)
            if own:
                from_heading.append((s, own))
            item_start = k + 1
            continue
        if s.marker:
            item_start = k
        for m in _BRACKET.finditer(s.norm):
            note, _ = _note_owners(s, m.start(1), m.end(1), g)
            if note:  # a note closing the sentence: for the item up to here
                for j in range(item_start, k + 1):
                    from_note[j] = from_note.get(j, []) + note
                item_start = k + 1
    out: dict[int, tuple[Owner, ...]] = {}
    for s in sents:
        if not is_task[s.index] or s.index in note_at or s.kind == "heading":
            continue
        own = find(s, lex)
        seen = {o.text for o in own}
        for o in from_note.get(s.index, ()):
            if o.text not in seen and not _inside_any(o, own):
                own.append(replace(o, inherited=o.span[0] < s.start or o.span[1] > s.end))
                seen.add(o.text)
        if not own:
            for h, hown in reversed(from_heading):
                if h.index < s.index and s.section[:len(h.section)] == h.section:
                    own = [replace(o, inherited=True) for o in hown]
                    break
        if own:
            out[s.index] = tuple(own)
    return out, note_at


def _inside_any(o: Owner, own: list[Owner]) -> bool:
    return any(x.span == o.span for x in own)


def _heading_owners(s: Sentence, g: Grammar, lex: OwnerLexicon) -> list[Owner]:
    """Units a heading names: its whole title (``三、镇规建办``), its note, or its subject."""
    norm = s.norm
    for m in _BRACKET.finditer(norm):
        note, _ = _note_owners(s, m.start(1), m.end(1), g)
        if note:
            return note
    i = len(s.marker)
    j = len(norm.rstrip("。.:：;； "))
    units = split_units(norm, i, j, g) if j - i >= 2 else None
    if units:
        return [Owner(*s.surface(x, y)) for x, y in units]
    return find(s, lex)


def parse_note(sent: Sentence, lex: OwnerLexicon | None = None) -> list[Owner] | None:
    """The owners of a sentence that is a note as a whole, else None."""
    g = grammar(lex or OwnerLexicon())
    body = _is_note_line(sent)
    if body is None and not _label_line(sent, g):
        return None
    a, b = body or (0, len(sent.norm))
    note, _ = _note_owners(sent, a, b, g)
    return note or None
