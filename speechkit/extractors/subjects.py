"""Subjects as owners: a list of units at the start of a clause, before what it must do.

A clause's subject is read before a modal or role word (``镇规建办、社会事业办要…``,
``X牵头，Y配合``) and, when the clause has none, before a word that opens a predicate
(``试点地区完成…``, ``机构编制部门按程序做好…``; ``data/owner_subjects.tsv``). What stands
between the clause's start (after its openers: ``同时``, ``请``, ``由``) and that word must parse,
as a whole, as a list of units (:mod:`speechkit.extractors.units`). Never an object: a unit
after a verb (``报送人力资源社会保障部``) is not at a clause's start; never after ``鼓励``/``支持``.

Linear: clause starts and brackets are found once per sentence; a subject is at most
:data:`LIST_MAX` characters long.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from .. import lexicon
from ..fastinit import evolve, fast_init
from ..records import Owner
from ..sentences import Sentence
from . import notes
from .units import SUBJECT_MAX, Grammar, OwnerLexicon, ends_unit, grammar, split_units

#: Clause delimiters: a subject starts after one of them.
_CLAUSE = re.compile(r"[,:;。!?，：；]")
#: The longest stretch read as a list of units before its modal (several long names).
LIST_MAX = 96


@dataclass(frozen=True)
class _Frame:
    opener: re.Pattern[str]
    adverb: re.Pattern[str]
    predicate: re.Pattern[str]
    preposition: re.Pattern[str]
    verb: re.Pattern[str]
    not_by: tuple[str, ...]
    heads: tuple[str, ...]  # what no predicate-less subject opens with
    report: re.Pattern[str]
    frame: re.Pattern[str]  # how often or by when, right after a clause's subject
    opener_first: frozenset[str]  # the characters an opener starts with
    adverb_last: frozenset[str]  # the characters an adverb ends with (and \n: $ stops before it)


@cache
def _frame() -> _Frame:
    kinds: dict[str, list[str]] = {}
    for w, k in lexicon.table("owner_subjects.tsv", 2):
        kinds.setdefault(k, []).append(w)
    return _Frame(
        opener=re.compile(f"(?:{lexicon.alternation(kinds['opener'])})+"),
        adverb=re.compile(f"(?:{lexicon.alternation(kinds['adverb'])})+$"),
        predicate=re.compile(lexicon.alternation(kinds["predicate"] + kinds["preposition"])),
        preposition=re.compile(lexicon.alternation(kinds["preposition"])),
        verb=re.compile(lexicon.alternation(kinds["predicate"])),
        not_by=tuple(kinds.get("not-by", ())),
        heads=tuple(kinds["verb-head"] + kinds["predicate"] + kinds["preposition"]),
        report=re.compile(lexicon.alternation(kinds["report"])),
        frame=re.compile(lexicon.alternation(kinds["frame"])),
        opener_first=frozenset(w[0] for w in kinds["opener"]),
        adverb_last=frozenset(w[-1] for w in kinds["adverb"]) | {"\n"},
    )


def find(sent: Sentence, lex: OwnerLexicon | None = None, loose: bool = True) -> list[Owner]:
    """Owners written as the subject of a clause of the sentence (not its notes).

    ``loose=False`` reads only subjects before a modal or role word (for headings, whose
    owners reach the rows under them: ``三、县财政局按季度拨付…`` names none).
    """
    g = grammar(lex or OwnerLexicon())
    norm = sent.norm
    unit_end = g.first_unit_end(norm)  # every subject is a list of units (strict)
    if unit_end > len(norm):
        return []
    skip = notes.top_brackets(norm)
    skip_starts = [x for x, _ in skip]
    clause_ends = [m.end() for m in _CLAUSE.finditer(norm)]
    ctx = _Ctx(sent, g, clause_ends, skip, skip_starts, unit_end)
    out: list[Owner] = []
    at: dict[tuple[int, int], int] = {}
    done_until = len(sent.marker)
    for m in g.cue_words.finditer(norm):
        word, s, e = m.group(0), m.start(), m.end()
        if s < max(done_until, unit_end) or _inside(s, skip, skip_starts) or g.not_cues_index.starts(norm, s):
            continue
        c = ctx.clause_start(s)
        if c < done_until < s and norm[done_until] == "、":  # X牵头、Y配合: Y's list starts after 、
            c = done_until + 1
        kind = g.roles[word]
        if kind != "owner" and norm.startswith("的", e):
            continue  # 企业牵头的平台: a role inside a noun phrase assigns nothing
        if norm[s - 1:s] == "所" and not (norm[:s].endswith(g.suffixes_2)
                                         or norm.startswith(g.qualifiers, c)):
            continue  # 发展所需, 所要: no subject before it, unless 镇财政所要
        units = _subject(norm, c, s, g)
        if not units or kind != "owner" and any(_opens_with_verb(norm[x:y], g) for x, y in units):
            continue  # 形成领军企业牵头…: a role word's subject is a name, not a verb phrase
        role = "owner" if kind == "owner" else notes.role_of(kind, any(o.role == "lead" for o in out))
        for x, y in units:
            text, span = sent.surface(x, y)
            if span not in at:
                at[span] = len(out)
                out.append(Owner(text, span, role=role))
            elif role != "owner":  # 市卫健委要牵头…: the role word says more than 要
                out[at[span]] = evolve(out[at[span]], role=role)
        if word == "会同":
            out.extend(_after_huitong(sent, e, g))
        done_until = e
    if not loose:
        return out
    extra = _agents(ctx) + _topic_clause(ctx) + _framed(ctx)
    if not out:
        extra = _before_predicate(ctx) + extra
    if not out and not extra:
        extra = _reporter(ctx)
    for o in extra:
        if o.span not in at:
            at[o.span] = len(out)
            out.append(o)
    return out


@fast_init
@dataclass(frozen=True)
class _Ctx:
    """A sentence with its clause ends and brackets, found once."""

    sent: Sentence
    g: Grammar
    clause_ends: list[int]
    skip: list[tuple[int, int]]
    skip_starts: list[int]
    unit_end: int  # no subject ends before it (:meth:`Grammar.first_unit_end`)

    def clause_start(self, k: int) -> int:
        """Where the clause holding ``k`` starts: after its delimiter, past a bracket (a note
        of the item before) that opens it."""
        c = bisect.bisect_right(self.clause_ends, k) - 1
        return _past_note(max(self.clause_ends[c] if c >= 0 else 0, len(self.sent.marker)), self.skip)

    def clause_end(self, i: int) -> int:
        k = bisect.bisect_right(self.clause_ends, i)
        return self.clause_ends[k] - 1 if k < len(self.clause_ends) else len(self.sent.norm)

    def first_outside(self, pat: re.Pattern[str], i: int, end: int) -> re.Match[str] | None:
        """The first match of ``pat`` in ``norm[i:end]`` outside brackets."""
        if not self.skip:
            return pat.search(self.sent.norm, i, end)
        return next((p for p in pat.finditer(self.sent.norm, i, end)
                     if not _inside(p.start(), self.skip, self.skip_starts)), None)

    def verbs_after(self, i: int, end: int) -> list[re.Match[str]]:
        """Role words and predicate verbs (no prepositions) in ``norm[i:end]`` outside
        brackets, in order: where the agent before them may end."""
        norm = self.sent.norm
        found = [m for pat in (self.g.cue_words, _frame().verb)
                 for m in pat.finditer(norm, i, min(end, i + LIST_MAX))
                 if not _inside(m.start(), self.skip, self.skip_starts)
                 and not self.g.not_cues_index.starts(norm, m.start())]
        return sorted(found, key=lambda m: m.start())


def _agents(ctx: _Ctx) -> list[Owner]:
    """Agents after 由 (``应当由教育行政部门办成…``, ``分别由A和B依法办理…``), unless the
    phrase modifies a noun (``建立由X牵头、Y参与的工作机制``)."""
    norm, g, fr = ctx.sent.norm, ctx.g, _frame()
    out: list[Owner] = []
    if "由" not in norm:
        return out
    for k in (m.start() for m in re.finditer("由", norm)):
        if (_inside(k, ctx.skip, ctx.skip_starts) or norm.startswith(fr.not_by, k)
                or norm.startswith(fr.not_by, k - 1)):
            continue
        end = ctx.clause_end(k)
        for v in ctx.verbs_after(k + 3, end):  # the agent ends where a verb starts
            units = _subject(norm, k + 1, v.start(), g)
            if not units:
                continue
            if "的" not in norm[v.end():end]:
                kind = g.roles.get(v.group(0), "owner")
                role = "owner" if kind == "owner" else notes.role_of(kind, False)
                out += [Owner(*ctx.sent.surface(x, y), role=role) for x, y in units]
            break
    return out


def _reporter(ctx: _Ctx) -> list[Owner]:
    """``各地贯彻落实本意见的情况，要及时报送…``: in a sentence that asks for a report, the
    units its topic opens with (named, qualified: 各地, 各省（自治区、直辖市）) report."""
    norm, g = ctx.sent.norm, ctx.g
    if not _frame().report.search(norm):
        return []
    i = _past_note(len(ctx.sent.marker), ctx.skip)
    end = min(ctx.clause_end(i), i + LIST_MAX)
    best = None
    if not norm.startswith(g.qualifiers, i):
        return []
    for j in range(max(i + 2, ctx.unit_end), end):
        if ends_unit(norm[i:j], g):
            units = split_units(norm, i, j, g)
            if units and looks_named(norm, units, g):
                best = units  # the longest list of units the topic opens with
    return [Owner(*ctx.sent.surface(x, y)) for x, y in best or ()]


def _topic_clause(ctx: _Ctx) -> list[Owner]:
    """A first clause that is only a list of units, its predicate after the comma:
    ``有条件的城市，将…``, ``其他省（区、市）和国务院部门，可参照…``."""
    norm, fr = ctx.sent.norm, _frame()
    if not ctx.clause_ends or norm[ctx.clause_ends[0] - 1] not in ",，":
        return []
    j = ctx.clause_ends[0] - 1
    if j < ctx.unit_end:
        return []
    nxt = j + 1
    if not (ctx.g.cue_words.match(norm, nxt) or fr.predicate.match(norm, nxt)):
        return []
    i = len(ctx.sent.marker)
    op = fr.opener.match(norm, i)
    i = op.end() if op else i
    units = split_units(norm, i, j, ctx.g) if j - i >= 2 else None
    if not units or _loose_misfit(norm, units, ctx.g):
        return []
    return [Owner(*ctx.sent.surface(x, y)) for x, y in units]


def _past_note(c: int, skip: list[tuple[int, int]]) -> int:
    """A clause opened by a bracket (a note of the item before, ``（X指导）Y实施…``) starts after it."""
    k = bisect.bisect_left(skip, (c, c))
    return skip[k][1] if k < len(skip) and skip[k][0] == c else c


def _inside(pos: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _subject(norm: str, i: int, j: int, g: Grammar) -> list[tuple[int, int]] | None:
    """The units of a clause's subject ``norm[i:j]``, without openers, adverbs and the people
    of a unit (``各责任单位主要负责同志`` → ``各责任单位``); after ``由`` when a topic comes first
    (``农贸市场改造由县商务局牵头``), never inside a verb's object (``建立由X牵头的机制``)."""
    if j - i > LIST_MAX:
        return None
    fr = _frame()
    op = fr.opener.match(norm, i, j)
    if op:
        i = op.end()
    by = norm.rfind("由", i, j)
    if by > i and (norm.startswith(fr.not_by, by - 1) or norm.startswith(fr.not_by, by)):
        return None  # 交由相关部门办理, 由于…: a verb, no subject
    if by > i:
        if g.leads_index.starts(norm, i):
            return None  # 建立由政府负责人牵头…的工作机制: the agent of a modifier
        i = by + 1
    adv = fr.adverb.search(norm, i, j) if norm[j - 1:j] in fr.adverb_last else None
    if adv and adv.start() > i:
        j = adv.start()
    for tail in g.person_tails:
        k = j - len(tail)
        if (norm.endswith(tail, i, j) and k - i >= 2
                and not any(m.end() == k for m in g.conj.finditer(norm, max(i, k - 3), k))):
            j -= len(tail)  # not after a conjunction: 各级领导干部特别是主要负责同志 lists both
            break
    if j - i < 2 or norm[i:j] in g.person_tails:
        return None  # 主要负责同志要…: the people of a unit named before own nothing of their own
    return split_units(norm, i, j, g) or _after_modifier(norm, i, j, g)


def _after_modifier(norm: str, i: int, j: int, g: Grammar) -> list[tuple[int, int]] | None:
    """``未纳入试点范围的其他省（区、市）和国务院部门``: the units a relative clause modifies, when
    they are named in full (a bare head, ``…的单位``, is the whole name's)."""
    k = norm.rfind("的", i, j)
    if k < 0 or norm[k + 1:j] in g.generic or not norm.startswith(g.qualifiers, k + 1):
        return None  # 符合条件的企业: a class of beneficiaries, not named units
    if norm.startswith(g.leads, i):
        return None  # 鼓励和支持有优势的各类企业: the object of a lead verb, never its subject
    return split_units(norm, k + 1, j, g) if j - k > 2 else None


def _before_predicate(ctx: _Ctx) -> list[Owner]:
    """Subjects of clauses with no modal: a list of units, then a predicate word
    (``试点地区完成…``, ``各地以县为单位…``). Only the sentence's first two clauses (a time may
    come first), or a clause opened by an opener (``请财政部落实…``), are read."""
    norm = ctx.sent.norm
    fr = _frame()
    starts = [_past_note(len(ctx.sent.marker), ctx.skip)] + [c for c in ctx.clause_ends if c < len(norm)]
    for n, c in enumerate(starts):
        op = fr.opener.match(norm, c) if norm[c:c + 1] in fr.opener_first else None
        if n > 1 and not op:
            continue
        i = op.end() if op else c
        end = ctx.clause_end(i)
        if min(end, i + LIST_MAX) <= ctx.unit_end:
            continue  # its predicate would come before any unit could end
        lim = min(end, i + LIST_MAX)
        p = ctx.first_outside(fr.predicate, i + 2, lim)  # the predicate words hold the prepositions
        if p is not None and _modal(norm, i, end, ctx.g):  # X新建教学楼必须…: X is no subject
            p = ctx.first_outside(fr.preposition, i + 2, lim)
        units = _subject(norm, i, p.start(), ctx.g) if p and p.start() >= ctx.unit_end else None
        if units and not _loose_misfit(norm, units, ctx.g):
            return [Owner(*ctx.sent.surface(x, y)) for x, y in units]
    return []


def _framed(ctx: _Ctx) -> list[Owner]:
    """Subjects framed by how often or by when (``…，县级河长每季度巡河…``, ``镇督查办每周通报…``):
    in any clause, a list of units right before a word of kind ``frame``."""
    norm, fr, out = ctx.sent.norm, _frame(), []
    for m in fr.frame.finditer(norm):
        k = m.start()
        if k < ctx.unit_end or _inside(k, ctx.skip, ctx.skip_starts):
            continue
        c = ctx.clause_start(k)
        op = fr.opener.match(norm, c, k) if norm[c:c + 1] in fr.opener_first else None
        i = op.end() if op else c
        if k - i < 2 or _modal(norm, i, k, ctx.g):
            continue
        units = _subject(norm, i, k, ctx.g)
        if units and not _loose_misfit(norm, units, ctx.g):
            out += [Owner(*ctx.sent.surface(x, y)) for x, y in units]
    return out


def _modal(norm: str, i: int, end: int, g: Grammar) -> bool:
    """Whether a modal or role word (not a not-cue) stands in ``norm[i:end]``."""
    if not g.cue_words.search(norm, i, end):
        return False
    return any(not g.not_cues_index.starts(norm, m.start()) for m in g.cue_words.finditer(norm, i, end))


def _loose_misfit(norm: str, units: list[tuple[int, int]], g: Grammar) -> bool:
    """A subject read with no modal must look like one: no unit opens with a verb or a
    preposition (建设法治政府, 从制度上保证审判机关) or ends in a bare place (…全县)."""
    heads = _frame().heads + g.leads
    return any(norm.startswith(heads, x) or _bare_place(norm, x, y, g)
               or _opens_with_verb(norm[x:y], g) for x, y in units)


def _opens_with_verb(piece: str, g: Grammar) -> bool:
    """A name whose first word is a verb taking the rest as its object (筹建一批实验室,
    争创示范中心, 建好研究院), an adverb or a preposition (不断提升…, 高质量建设…, 通过…机关), unless it
    only qualifies the body after it (审批局, 推进办) or the name is known, qualified or a stem
    (相关单位, 发展改革委). The first word is the longest of ``data/name_verbs.tsv`` it opens with."""
    if piece in g.names or piece.startswith(g.qualifiers + g.stems):
        return False
    heads, longest = _name_heads()
    for n in range(min(len(piece), longest), 0, -1):
        kind = heads.get(piece[:n])
        if kind is not None:
            rest = piece[n:]
            body = len(rest) <= 2 and rest in g.suffixes  # 审批局, 推进办; not 激励党员干部
            return bool(rest) and (kind in _NO_NAME or kind == "verb" and not body)
    return False


#: First words no name opens with: 不断提升…, 通过国家机关…
_NO_NAME = ("adverb", "preposition")


@cache
def _name_heads() -> tuple[dict[str, str], int]:
    """First words of names: verbs, and the longer non-verbs that open with one."""
    heads = {row[0]: row[1] for row in lexicon.table("name_verbs.tsv", 2)}
    return heads, max(map(len, heads), default=0)


def looks_named(norm: str, units: list[tuple[int, int]], g: Grammar) -> bool:
    """Whether units read without a modal (a heading's whole title, a subject before a
    predicate) look like names: none opens with a verb or ends in a long bare place."""
    return not _loose_misfit(norm, units, g)


def _bare_place(norm: str, x: int, y: int, g: Grammar) -> bool:
    """A long name ending in a bare place (今冬明春全县, …综合保税区): with no modal, no
    subject; a short one is a district or town by name (历下区完成…, 城关镇建成…)."""
    return norm[y - 1] in g.places and y - x > 4 and not norm.startswith(g.qualifiers, x)


def _after_huitong(sent: Sentence, e: int, g: Grammar) -> list[Owner]:
    """``X会同Y制定…``: Y supports; Y is the longest list of units right after 会同."""
    norm = sent.norm
    end = next((m.start() for m in _CLAUSE.finditer(norm, e)), len(norm))
    for j in range(min(end, e + SUBJECT_MAX * 2), e + 1, -1):
        units = split_units(norm, e, j, g)
        if units:
            return [Owner(*sent.surface(x, y), role="support") for x, y in units]
    return []
