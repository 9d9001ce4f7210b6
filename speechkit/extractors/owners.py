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

A unit is recognised by grammar, not by a closed list: any name that ends with a suffix of
``data/owner_affixes.tsv`` (办公室, 局, 委, 村, 单位…), or a name of ``data/owner_units.tsv``
or of a user's lexicon. ``data/owner_exclusions.tsv`` keeps out pronouns (我们, 大家) and
objects opened by a verb (鼓励X, 支持X). All matching is on ``Sentence.norm``.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from functools import cache

from .. import lexicon
from ..records import Owner
from ..sentences import Sentence

#: The longest a unit name may be in a sentence's subject; notes allow more.
SUBJECT_MAX = 24
NOTE_UNIT_MAX = 40
#: Clause delimiters: a subject starts after one of them.
_CLAUSE = re.compile(r"[,:;。!?，：；]")
#: Adverbs between a subject and its modal (各部门都要, 各村也要).
_ADVERB = re.compile(r"(?:都|也|还|均|更|一定|切实|务必|必须|要|要切实|进一步|今年|年内)+$")
#: Connectors that may open a clause before its subject (同时，各村要…).
_OPENER = re.compile(r"(?:同时|此外|另外|其中|特别是|尤其是|最后|首先|其次|再次|对此|为此|因此|今年|下半年|年内|由)+")
_BRACKET = re.compile(r"\(([^()]{2,300})\)")
_CONDITION_DE = re.compile(r"^(?:有|具备|符合)条件的")


@dataclass(frozen=True)
class OwnerLexicon:
    """Users' own additions to the packaged grammar, from ``--lexicon`` files.

    A row is ``name`` or ``name<TAB>kind``: kind ``unit`` (the default; also ``abbr``) is a
    unit name recognised as written even without a known suffix (``城管中队``); ``suffix`` adds
    a body every name may end with; ``exclude`` is never an owner.
    """

    names: frozenset[str] = frozenset()
    suffixes: frozenset[str] = frozenset()
    excluded: frozenset[str] = frozenset()


@cache
def load_lexicon(paths: tuple[str, ...] = ()) -> OwnerLexicon:
    """The packaged lexicon plus the users' files (read by :func:`lexicon.read_user_table`)."""
    names: set[str] = set()
    suffixes: set[str] = set()
    excluded: set[str] = set()
    for p in paths:
        for row in lexicon.read_user_table(p):
            kind = row[1] if len(row) > 1 and row[1] else "unit"
            {"suffix": suffixes, "exclude": excluded}.get(kind, names).add(row[0])
    return OwnerLexicon(frozenset(names), frozenset(suffixes), frozenset(excluded))


# ---------------------------------------------------------------------------- data


@dataclass(frozen=True)
class _Grammar:
    names: frozenset[str]
    suffixes: tuple[str, ...]
    excluded: frozenset[str]
    pronouns: tuple[str, ...]
    endings: tuple[str, ...]
    leads: tuple[str, ...]
    conj: re.Pattern[str]
    roles: dict[str, str]
    role_words: re.Pattern[str]
    cue_words: re.Pattern[str]
    not_cues: tuple[str, ...]
    suffixes_2: tuple[str, ...]
    qualifiers: tuple[str, ...]
    labels: re.Pattern[str]
    person_tails: tuple[str, ...]
    verbs_inside: re.Pattern[str]


def _kinds(name: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for row in lexicon.table(name, 2):
        out.setdefault(row[1], []).append(row[0])
    return {k: tuple(v) for k, v in out.items()}


def by_len(items: object) -> tuple[str, ...]:
    """Distinct strings, longest first (so ``str.startswith(tuple)`` prefers the longest)."""
    return tuple(sorted(set(items), key=len, reverse=True))  # type: ignore[call-overload]


@cache
def _grammar(lex: OwnerLexicon) -> _Grammar:
    aff = _kinds("owner_affixes.tsv")
    exc = _kinds("owner_exclusions.tsv")
    roles = {row[0]: row[1] for row in lexicon.table("owner_roles.tsv", 2)}
    names = frozenset(r[0] for r in lexicon.table("owner_units.tsv", 2)) | lex.names
    verbs = [w for w, k in roles.items() if not k.startswith("label") and k != "by"]
    labels = [w for w, k in roles.items() if k.startswith("label")]
    return _Grammar(
        names=names,
        suffixes=by_len(aff.get("suffix", ()) + tuple(lex.suffixes) + tuple(names)),
        excluded=frozenset(exc.get("word", ())) | lex.excluded,
        pronouns=by_len(exc.get("pronoun", ())),
        endings=by_len(exc.get("ending", ())),
        leads=by_len(exc.get("lead", ()) + exc.get("verb", ())),
        conj=re.compile(lexicon.alternation(aff.get("conj", ()))),
        roles=roles,
        role_words=re.compile(rf"(?:{lexicon.alternation(verbs)})$"),
        cue_words=re.compile(lexicon.alternation(verbs)),
        not_cues=by_len(exc.get("not-cue", ())),
        suffixes_2=tuple(x for x in aff.get("suffix", ()) if len(x) > 1),
        qualifiers=by_len(aff.get("qualifier", ())),
        labels=re.compile(rf"(?P<label>{lexicon.alternation(labels)})\s*[:：]?\s*"),
        person_tails=by_len(exc.get("person-tail", ())),
        verbs_inside=re.compile(
            lexicon.alternation(exc.get("verb-inside", ()) + exc.get("verb", ())) or "(?!)"),
    )


# ---------------------------------------------------------------------------- unit grammar


def _is_unit(piece: str, g: _Grammar, strict: bool) -> bool:
    """Whether ``piece`` (normalised text) is the name of one unit."""
    if piece in g.names:
        return True
    if len(piece) < 2 or piece in g.excluded or piece.startswith(g.pronouns):
        return False
    if strict:
        piece = re.sub(r"(?<=.)\([^()]{1,12}\)", "", piece)  # 各县(市、区) is 各县
        if len(piece) > SUBJECT_MAX or piece.startswith(g.leads):
            return False
        if re.search(r"[\d“”\"'《》()]", piece):
            return False
        if "的" in piece and not _CONDITION_DE.match(piece):
            return False
        if piece.endswith(g.endings) and piece not in g.names:
            return False
        if g.verbs_inside.search(piece):  # 省扶贫办定期开展驻村干部: a verb phrase, no name
            return False
        return piece.endswith(g.suffixes) and piece not in g.suffixes[:0]
    if len(piece) > NOTE_UNIT_MAX or not re.search(r"[\u4e00-\u9fff]", piece):
        return False
    return not g.role_words.search(piece) or piece.endswith(g.suffixes)


def _ends_unit(text: str, g: _Grammar) -> bool:
    return text not in g.excluded and (text.endswith(g.suffixes) or any(text.endswith(n) for n in g.names))


def split_units(norm: str, a: int, b: int, g: _Grammar,
                strict: bool = True) -> list[tuple[int, int]] | None:
    """Spans of the units listed in ``norm[a:b]``; None unless the whole stretch is a list.

    ``、`` always separates; ``和 及 与`` only when the left side is already a unit
    (``工业和信息化部`` stays whole); ``A、B等相关部门`` lists A and B.
    """
    cuts = [a]
    inner = [(m.start(), m.end()) for m in re.finditer(r"\([^()]{1,12}\)", norm[:b])]
    for m in g.conj.finditer(norm, a, b):
        if any(x < m.start() < y for x, y in inner):
            continue  # 各县(市、区)
        left = norm[cuts[-1]:m.start()]
        if m.group(0) != "、" and not _ends_unit(left, g) or norm.startswith("其", m.end()):
            continue
        cuts += [m.start(), m.end()]
    cuts.append(b)
    out: list[tuple[int, int]] = []
    stop = False
    for i, j in zip(cuts[::2], cuts[1::2]):
        i, j = _trim(norm, i, j)
        k = norm.find("等", i, j)
        if k > i and _ends_unit(norm[i:k], g):
            j, stop = k, True  # what follows 等 is a hypernym: 相关部门, 服务窗口
        for x, y in _split_each(norm, i, j, g):
            if not _is_unit(norm[x:y], g, strict):
                return None
            out.append((x, y))
        if stop and strict:
            break
        stop = False
    return out or None


def _split_each(norm: str, i: int, j: int, g: _Grammar) -> list[tuple[int, int]]:
    """``各地区各部门`` names two units: split before 各 when the left part is a unit."""
    out = []
    start = i
    for k in range(i + 2, j - 1):
        if norm[k] == "各" and _ends_unit(norm[start:k], g) and norm[start:k] not in g.names:
            out.append((start, k))
            start = k
    out.append((start, j))
    return out


def _trim(norm: str, i: int, j: int) -> tuple[int, int]:
    while i < j and norm[i] in " \u3000,，、":
        i += 1
    while j > i and norm[j - 1] in " \u3000,，、":
        j -= 1
    return i, j


# ---------------------------------------------------------------------------- notes


def _role(word: str, led: bool, g: _Grammar) -> str:
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


def _note_owners(sent: Sentence, a: int, b: int, g: _Grammar,
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


def _note_clauses(norm: str, a: int, b: int, g: _Grammar) -> list[tuple[int, int]]:
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


def _label_line(sent: Sentence, g: _Grammar) -> bool:
    return bool(g.labels.match(sent.norm)) and ":" in sent.norm[:8]


# ---------------------------------------------------------------------------- subjects


def find(sent: Sentence, lex: OwnerLexicon | None = None) -> list[Owner]:
    """Owners written as the subject of a clause of the sentence (not its notes).

    Every modal or role word (要, 必须, 牵头, 配合…) is a candidate; what stands between the
    clause's start and it must parse, as a whole, as a list of units.
    """
    g = _grammar(lex or OwnerLexicon())
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


def _subject(norm: str, i: int, j: int, g: _Grammar) -> list[tuple[int, int]] | None:
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


def _after_huitong(sent: Sentence, e: int, g: _Grammar) -> list[Owner]:
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
    g = _grammar(lex)
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


def _heading_owners(s: Sentence, g: _Grammar, lex: OwnerLexicon) -> list[Owner]:
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
    g = _grammar(lex or OwnerLexicon())
    body = _is_note_line(sent)
    if body is None and not _label_line(sent, g):
        return None
    a, b = body or (0, len(sent.norm))
    note, _ = _note_owners(sent, a, b, g)
    return note or None
