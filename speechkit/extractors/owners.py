"""Owners: the units a task is assigned to (a first grammar over unit suffixes)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from .. import lexicon
from ..records import Owner
from ..sentences import Sentence

_SUFFIX = (r"(?:办公室|领导小组|管委会|委员会|政府|党委|党组织|中心|办|局|委|厅|部|站|所|院|村|社区|"
           r"单位|部门|公司|集团|街道|乡镇|镇|各地区|各地|场所|地区)")
_UNIT = rf"(?:[\u4e00-\u9fff*]{{0,12}}?{_SUFFIX})"
_SUBJECT = re.compile(rf"(?P<units>{_UNIT}(?:(?:、|和|及|与|以及){_UNIT})*)(?:要|必须|务必|负责|牵头|应当|应)")
_SPLIT = re.compile(r"、|和|及|与|以及")
_NOTE = re.compile(r"^[(（](?P<body>[^()（）]*(?:牵头|负责|责任单位|配合)[^()（）]*)[)）][。.]?$")
_NOT_OWNERS = frozenset({"我们", "大家", "同志们", "我", "你们"})


@cache
def _lead_words() -> re.Pattern[str]:
    return re.compile(r"(牵头单位|责任单位|配合单位|参与单位|完成时限|牵头|负责|配合|按职责分工负责)")


@dataclass(frozen=True)
class OwnerLexicon:
    """Users' own unit names, added to the packaged grammar."""

    names: frozenset[str] = frozenset()


@cache
def load_lexicon(paths: tuple[str, ...] = ()) -> OwnerLexicon:
    names: set[str] = set()
    for p in paths:
        names.update(r[0] for r in lexicon.read_user_table(p))
    return OwnerLexicon(frozenset(names))


def assign(sents: list[Sentence], is_task: list[bool],
           lex: OwnerLexicon | None = None) -> tuple[dict[int, tuple[Owner, ...]], set[int]]:
    """Owners of every task sentence (by ``Sentence.index``), and which sentences are notes.

    A sentence's own owner wins; a plan item's closing note assigns its owners to every
    sentence of the item.
    """
    notes, note_at = _item_notes(sents)
    out: dict[int, tuple[Owner, ...]] = {}
    for s in sents:
        if not is_task[s.index] or s.index in note_at:
            continue
        own = tuple(find(s))
        seen = {o.text for o in own}
        own += tuple(replace(o, inherited=True) for o in notes.get(s.index, ()) if o.text not in seen)
        if own:
            out[s.index] = own
    return out, note_at


def _item_notes(sents: list[Sentence]) -> tuple[dict[int, tuple[Owner, ...]], set[int]]:
    """A plan item's closing note assigns its owners to every sentence of the item."""
    out: dict[int, tuple[Owner, ...]] = {}
    note_at: set[int] = set()
    item_start = 0
    for k, s in enumerate(sents):
        if s.kind == "heading" or s.marker:
            item_start = k
        note = parse_note(s) if s.norm.startswith(("(", "（")) else None
        if note:
            note_at.add(k)
            for j in range(item_start, k):
                out.setdefault(j, tuple(note))
            item_start = k + 1
    return out, note_at


def find(sent: Sentence) -> list[Owner]:
    """Owners named as the subject of the sentence."""
    m = _SUBJECT.search(sent.norm)
    if not m or m.start() > 40:
        return []
    out = []
    pos = m.start("units")
    for piece in _SPLIT.split(m.group("units")):
        i = sent.norm.find(piece, pos)
        pos = i + len(piece)
        if piece and piece not in _NOT_OWNERS:
            text, span = sent.surface(i, i + len(piece))
            out.append(Owner(text, span, role="lead" if "牵头" in m.group(0) else "owner"))
    return out


def parse_note(sent: Sentence) -> list[Owner] | None:
    """The owners of a plan item's closing note ``（牵头单位：…；责任单位：…）``, else None."""
    m = _NOTE.match(sent.norm)
    if not m:
        return None
    out: list[Owner] = []
    body_start = m.start("body")
    body = m.group("body")
    role = "lead"
    for part in re.split(r"([;；,，:：])", body):
        pass
    pos = 0
    for seg in re.finditer(r"[^;；,，:：]+", body):
        seg_text = seg.group(0)
        if re.search(r"完成时限|时限", seg_text):
            continue
        if re.search(r"配合|参与", seg_text):
            role = "support"
        for unit in re.finditer(r"[^、和及与]+", seg_text):
            u = unit.group(0)
            u2 = re.sub(r"^(牵头单位|责任单位|配合单位|参与单位)", "", u)
            u2 = re.sub(r"(牵头|配合|负责|按职责分工负责|等相关部门|等)$", "", u2)
            u2 = re.sub(r"(按职责分工负责|分别负责|负责)$", "", u2)
            if not u2 or u2 in _NOT_OWNERS or not re.search(_SUFFIX + "$", u2):
                continue
            k = body.find(u2, seg.start() + unit.start())
            text, span = sent.surface(body_start + k, body_start + k + len(u2))
            out.append(Owner(text, span, role=role, inherited=False))
        if re.search(r"牵头", seg_text):
            role = "support"
        pos = seg.end()
    return out or None
