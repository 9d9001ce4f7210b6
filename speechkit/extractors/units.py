"""Unit names: the grammar of who can own a task.

A unit is recognised by grammar, not by a closed list: any name that ends with a body or
suffix of ``data/owner_affixes.tsv`` (办公室, 局, 委, 村, 单位…), or a name of
``data/owner_units.tsv`` or of a user's lexicon; ``data/owner_exclusions.tsv`` keeps out
pronouns (我们, 大家), verbs (鼓励X, 支持X; 各市政府落实…) and unit-like endings of other words
(布局, 农村). Lists of units split at 、 和 及 与. All matching is on ``Sentence.norm``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .. import lexicon

#: The longest a unit name may be in a sentence's subject; notes allow more.
SUBJECT_MAX = 24
NOTE_UNIT_MAX = 40
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


class Affixes:
    """Words for quick prefix and suffix tests. ``str.endswith`` over a long tuple tries every
    word; :meth:`ends` tries only those ending with the text's last character (same answer)."""

    __slots__ = ("_first", "_last", "_none", "words")

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        self._none: tuple[str, ...] = ("",) if "" in self.words else ()  # "" fits every text
        first: dict[str, list[str]] = {}
        last: dict[str, list[str]] = {}
        for w in by_len(self.words - {""}):
            first.setdefault(w[0], list(self._none)).append(w)
            last.setdefault(w[-1], list(self._none)).append(w)
        self._first = {k: tuple(v) for k, v in first.items()}
        self._last = {k: tuple(v) for k, v in last.items()}

    def ends(self, text: str) -> bool:
        """``text.endswith(words)``."""
        return text.endswith(self._last.get(text[-1:], self._none))

    def starts(self, text: str, pos: int = 0) -> bool:
        """``text.startswith(words, pos)``, for ``pos >= 0``."""
        return text.startswith(self._first.get(text[pos:pos + 1], self._none), pos)

    def ending(self, text: str) -> tuple[str, ...]:
        """The words ``text`` may end with: those ending with its last character, longest first."""
        return self._last.get(text[-1:], self._none)


@dataclass(frozen=True)
class Grammar:
    names: frozenset[str]
    suffixes: tuple[str, ...]
    excluded: frozenset[str]
    pronouns: tuple[str, ...]
    endings: tuple[str, ...]
    leads: tuple[str, ...]
    conj: re.Pattern[str]
    roles: dict[str, str]  # a modal's kind is owner, as the units before it own the work
    modals: frozenset[str]  # 要, 必须, 不得: a note never closes with one
    role_words: re.Pattern[str]
    cue_words: re.Pattern[str]
    not_cues: tuple[str, ...]
    suffixes_2: tuple[str, ...]
    qualifiers: tuple[str, ...]
    labels: re.Pattern[str]
    person_tails: tuple[str, ...]
    verbs_inside: re.Pattern[str]
    generic: frozenset[str]
    places: frozenset[str]
    stems: tuple[str, ...]
    label_words: tuple[str, ...]  # note labels read as written (牵头单位…)
    role_verbs: tuple[str, ...]  # role words and modals after a list of units
    suffix_index: Affixes  # ``suffixes``, for quick tests
    suffix_search: re.Pattern[str]  # any of ``suffixes``, anywhere
    suffixes_2_index: Affixes
    leads_index: Affixes
    not_cues_index: Affixes

    def first_unit_end(self, norm: str) -> int:
        """A bound: no stretch of ``norm`` that is a unit by :func:`is_unit` (strict) ends
        before it. A unit ends with a suffix (names are suffixes too), so not before the first
        suffix starts, unless a bracket set aside joins its sides; past ``len(norm)``: none."""
        if "(" in norm:
            return 0
        m = self.suffix_search.search(norm)
        return m.start() + 1 if m else len(norm) + 1


def _own_units(owns: tuple[str, ...], bodies: tuple[str, ...], tails: tuple[str, ...]) -> frozenset[str]:
    """The speaker's own unit: 我部, 本局, 本部门, 部里, 局里 (a body, never a place: 我镇 is none)."""
    return frozenset([o + b for o in owns for b in bodies] + [b + t for b in bodies for t in tails
                                                             if len(b) == 1])


def _kinds(name: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for row in lexicon.table(name, 2):
        out.setdefault(row[1], []).append(row[0])
    return {k: tuple(v) for k, v in out.items()}


def by_len(items: object) -> tuple[str, ...]:
    """Distinct strings, longest first (so ``str.startswith(tuple)`` prefers the longest)."""
    return tuple(sorted(set(items), key=len, reverse=True))  # type: ignore[call-overload]


@cache
def grammar(lex: OwnerLexicon) -> Grammar:
    aff = _kinds("owner_affixes.tsv")
    exc = _kinds("owner_exclusions.tsv")
    rows = lexicon.table("owner_roles.tsv", 2)
    roles = {w: "owner" if k == "modal" else k for w, k in rows}
    units = lexicon.table("owner_units.tsv", 2)
    names = (frozenset(r[0] for r in units if r[1] != "stem") | lex.names
             | _own_units(aff.get("own", ()), aff.get("body", ()), aff.get("own-tail", ())))
    verbs = [w for w, k in roles.items() if not k.startswith("label") and k not in ("by", "role-tail")]
    labels = [w for w, k in roles.items() if k.startswith("label")]
    suffixes = by_len(aff.get("suffix", ()) + tuple(lex.suffixes) + tuple(names))
    suffixes_2 = tuple(x for x in aff.get("suffix", ()) if len(x) > 1)
    leads = by_len(exc.get("lead", ()) + exc.get("verb", ()))
    not_cues = by_len(exc.get("not-cue", ()))
    return Grammar(
        names=names,
        suffixes=suffixes,
        excluded=frozenset(exc.get("word", ())) | lex.excluded,
        pronouns=by_len(exc.get("pronoun", ())),
        endings=by_len(exc.get("ending", ())),
        leads=leads,
        conj=re.compile(lexicon.alternation(aff.get("conj", ()))),
        roles=roles,
        modals=frozenset(w for w, k in rows if k == "modal"),
        role_words=re.compile(rf"(?:{lexicon.alternation(verbs)})$"),
        cue_words=re.compile(lexicon.alternation(verbs)),
        not_cues=not_cues,
        suffixes_2=suffixes_2,
        qualifiers=by_len(aff.get("qualifier", ())),
        labels=re.compile(rf"(?P<label>{lexicon.alternation(labels)})\s*[:：]?\s*"),
        person_tails=by_len(exc.get("person-tail", ())),
        verbs_inside=re.compile(
            lexicon.alternation(exc.get("verb-inside", ()) + exc.get("verb", ())) or "(?!)"),
        generic=frozenset(aff.get("generic", ())),
        places=frozenset(aff.get("place", ())),
        stems=by_len(r[0] for r in units if r[1] == "stem"),
        label_words=tuple(sorted(labels)),
        role_verbs=tuple(sorted(verbs)),
        suffix_index=Affixes(suffixes),
        suffix_search=re.compile(lexicon.alternation(suffixes)),
        suffixes_2_index=Affixes(suffixes_2),
        leads_index=Affixes(leads),
        not_cues_index=Affixes(not_cues),
    )


# ---------------------------------------------------------------------------- unit grammar


def is_unit(piece: str, g: Grammar, strict: bool) -> bool:
    """Whether ``piece`` (normalised text) is the name of one unit."""
    if piece in g.names:
        return True
    if len(piece) < 2 or piece in g.excluded or piece.startswith(g.pronouns):
        return False
    if strict:
        if "(" in piece:
            piece = _INNER_BRACKET.sub("", piece)  # 各县(市、区) is 各县
        if len(piece) > SUBJECT_MAX or not g.suffix_index.ends(piece):
            return False  # the cheap tests first: most pieces asked about are no names
        if g.leads_index.starts(piece) and not piece.startswith(g.stems):
            return False
        if _NOT_IN_NAME.search(piece):
            return False
        if "的" in piece and not _CONDITION_DE.match(piece) and not _de_class(piece, g):
            return False
        if _false_ending(piece, g) and piece not in g.names and not _a_class(piece, g):
            return False
        # a verb phrase, no name (省扶贫办定期开展驻村干部); a clause (市农业农村局要会同市市场监管局)
        return not (_verb_inside(piece, g) or has_cue(piece, g))
    if len(piece) > NOTE_UNIT_MAX or not _CJK.search(piece):
        return False
    if g.leads_index.starts(piece) and not piece.startswith(g.stems):
        return False
    if "(" in piece:
        piece = _TRAILING_BRACKET.sub("", piece)  # 市发改委（牵头）
    return g.suffix_index.ends(piece) and not has_cue(piece, g) or not g.cue_words.search(piece)


def _false_ending(piece: str, g: Grammar) -> bool:
    """Ends with a unit-like ending of another word (布局, 农村, 同志), unless a longer body
    holds it (负责同志)."""
    end = next((e for e in g.endings if piece.endswith(e)), None)  # longest first
    if end is None:
        return False
    return not any(piece.endswith(x) and len(x) > len(end) for x in g.suffix_index.ending(piece))


def _a_class(piece: str, g: Grammar) -> bool:
    """``试点城市``, ``各农村``, ``有条件的城市``: a qualifier makes a class of actors of a place word."""
    return any(piece.startswith(q) and piece[len(q):] in g.endings for q in g.qualifiers
               if q == "各" or len(q) > 1 and q not in g.places)


def _verb_inside(piece: str, g: Grammar) -> bool:
    """A verb inside a name, unless it only qualifies the body after it (农技推广单位,
    投资促进局, 海洋研究所: a verb right before the suffix names what the body does)."""
    return any(piece[m.end():] not in g.suffix_index.words for m in g.verbs_inside.finditer(piece))


def has_cue(piece: str, g: Grammar) -> bool:
    """Whether a modal or role word stands inside ``piece`` (not 负责人, 应急: not-cues)."""
    return any(not g.not_cues_index.starts(piece, m.start())
               and not g.suffixes_2_index.starts(piece, m.end())
               for m in g.cue_words.finditer(piece, 1))  # 各承办单位: a role word naming a unit


def _de_class(piece: str, g: Grammar) -> bool:
    """``其他承担科研任务的单位``: a class of units, ``…的`` and a bare head noun."""
    head = piece.rsplit("的", 1)[1]
    return head in g.generic and piece.count("的") == 1


def ends_unit(text: str, g: Grammar) -> bool:
    """Whether ``text`` ends like a unit's name (a trailing ``（局）`` set aside)."""
    if "(" in text:
        text = _TRAILING_BRACKET.sub("", text)
    return text not in g.excluded and g.suffix_index.ends(text)


_TRAILING_BRACKET = re.compile(r"(?<=.)\([^()]{1,12}\)$")
_INNER_BRACKET = re.compile(r"(?<=.)\([^()]{1,12}\)")
_NOT_IN_NAME = re.compile(r"[\d“”\"'《》()]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def split_units(norm: str, a: int, b: int, g: Grammar,
                strict: bool = True) -> list[tuple[int, int]] | None:
    """Spans of the units listed in ``norm[a:b]``; None unless the whole stretch is a list.

    ``、`` always separates; ``和 及 与`` only when the left side is already a unit
    (``工业和信息化部`` stays whole); ``A、B等相关部门`` lists A and B; a bare head noun joined
    on (``各有关部门和单位``) and bare places before a body (``各省、自治区、直辖市人民政府``)
    stay one unit.
    """
    if strict and not may_end_list(norm, a, b, g):
        return None
    return _split(norm, a, b, g, strict)


def _split(norm: str, a: int, b: int, g: Grammar, strict: bool) -> list[tuple[int, int]] | None:
    """:func:`split_units` without its quick test."""
    out: list[tuple[int, int]] = []
    for i, j in _merge(norm, _pieces(norm, a, b, g), g):
        k = norm.find("等", i, j)
        stop = k > i and ends_unit(norm[i:k], g)
        if stop:
            j = k  # what follows 等 is a hypernym: 相关部门, 服务窗口
        for x, y in _split_each(norm, i, j, g):
            if not is_unit(norm[x:y], g, strict):
                return None
            out.append((x, y))
        if stop and strict:
            break
    return out or None


def may_end_list(norm: str, a: int, b: int, g: Grammar) -> bool:
    """A quick test that fails only where :func:`split_units` (strict) would, or where the
    last unit of its list would not end like a unit (:func:`ends_unit`): that unit ends the
    stretch (unless 等 stands in it) and ends with a suffix (or a bracket)."""
    if norm.find("等", a, b) >= 0:
        return True
    e = trim(norm, a, b)[1]
    return norm[e - 1:e] == ")" or g.suffix_index.ends(norm[a:e])


def _pieces(norm: str, a: int, b: int, g: Grammar) -> list[tuple[int, int, str]]:
    """The stretch cut at its conjunctions: (start, end, the conjunction before it)."""
    inner = ([(m.start(), m.end()) for m in _INNER_BRACKET.finditer(norm[a:b])]
             if norm.find("(", a, b) >= 0 else [])
    out: list[tuple[int, int, str]] = []
    start, conj = a, ""
    for m in g.conj.finditer(norm, a, b):
        if inner and any(x < m.start() - a < y for x, y in inner):
            continue  # 各县(市、区)
        left = norm[start:m.start()]
        if m.group(0) != "、" and not ends_unit(left, g) or _its(norm, m.end()):
            continue
        out.append((*trim(norm, start, m.start()), conj))
        start, conj = m.end(), m.group(0)
    out.append((*trim(norm, start, b), conj))
    return out


def _its(norm: str, k: int) -> bool:
    """``及其部门``: 其 (its) after a conjunction joins a unit's own parts; 其他 does not."""
    return norm.startswith("其", k) and not norm.startswith(("其他", "其它"), k)


def _merge(norm: str, pieces: list[tuple[int, int, str]], g: Grammar) -> list[tuple[int, int]]:
    """Join a bare head noun to the unit before it, and bare places to the body after them
    (``各省、自治区、直辖市人民政府``) or to each other when the list ends with them (``各州、市``)."""
    out: list[tuple[int, int]] = []
    run = 0  # how many bare places end ``out``
    for i, j, conj in pieces:
        piece = norm[i:j]
        if out and conj != "、" and piece in g.generic:
            out[-1] = (out[-1][0], j)
            run = 0
            continue
        place = piece.removeprefix("各") in g.places
        if run and not place and piece.startswith(tuple(g.places)) and ends_unit(piece, g):
            out[len(out) - run:] = [(out[len(out) - run][0], j)]
            run = 0
            continue
        out.append((i, j))
        run = run + 1 if place and conj in ("、", "") else 0
    if run > 1:
        out[len(out) - run:] = [(out[len(out) - run][0], out[-1][1])]
    return out


def _split_each(norm: str, i: int, j: int, g: Grammar) -> list[tuple[int, int]]:
    """``各地区各部门`` names two units: split before 各 when the left part is a unit that
    opens with 各 itself (``政府各部门``, ``国务院各有关部门`` are one unit each)."""
    if norm[i:i + 1] != "各":
        return [(i, j)]
    out = []
    start = i
    k = norm.find("各", i + 2, j - 1)
    while k >= 0:
        if ends_unit(norm[start:k], g) and norm[start:k] not in g.names:
            out.append((start, k))
            start = k
        k = norm.find("各", k + 1, j - 1)
    out.append((start, j))
    return out


def trim(norm: str, i: int, j: int) -> tuple[int, int]:
    while i < j and norm[i] in " \u3000,，、":
        i += 1
    while j > i and norm[j - 1] in " \u3000,，、":
        j -= 1
    return i, j
