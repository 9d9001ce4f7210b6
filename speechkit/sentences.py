"""Sentences with offsets: split at 。！？；!?; and at line breaks, never inside brackets."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from .cleaning import Cleaned
from .records import Span

_T = TypeVar("_T")

_ENDERS = frozenset("。!?;")  # on the normalised text: ！？； are already ASCII
_CLOSERS = frozenset("”’\"')）】》」』")
_OPEN = {"(": ")", "（": "）", "【": "】"}
_MAX_BRACKET = 200  # a bracket left open longer than this is a typo, not a note
_STOPS = re.compile(r"[(（【)）】。!?;]")  # the characters _split_line acts on
_BRACKETS = re.compile(r"[(（【)）】]")
#: An ender with the closers and enders after it: where a line without brackets breaks.
_END_RUN = re.compile("[{}][{}]*".format(re.escape("".join(sorted(_ENDERS))),
                                         re.escape("".join(sorted(_ENDERS | _CLOSERS)))))
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"  # zero-width debris of web pages
_ALNUM = re.compile(r"[^\W_]")  # what ``str.isalnum`` accepts
_NONSPACE = re.compile(r"\S")  # what ``str.strip`` keeps


@cache
def _blank() -> str:
    """The characters :func:`_strip` removes: whitespace (``str.isspace``: none lies above
    U+3000) and the invisible ones."""
    return "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + _INVISIBLE


if TYPE_CHECKING:
    from typing_extensions import dataclass_transform

    @dataclass_transform(frozen_default=True)
    def _read_only(cls: type[_T]) -> type[_T]: ...
else:
    def _read_only(cls: type[Any]) -> type[Any]:
        """A slotted dataclass, hashed and compared by its fields as a frozen one is."""
        return dataclass(slots=True, unsafe_hash=True)(cls)


@_read_only
class Sentence:
    """One sentence of a speech: its place, its raw and normalised text, its context.

    :func:`split` makes it with its place and text; the later steps of
    :func:`speechkit.segment.segment` fill in the rest in place (:data:`settle`): the table
    fields (``kind``, ``row``, ``cell``), the outline's (``kind``, ``section``, ``marker``,
    ``head``) and ``part``. To everyone after them it is read-only.

    Read-only to the type checker, which treats it as a frozen dataclass and rejects an
    assignment to a field; at run time it is not frozen, since a frozen dataclass's
    ``__init__`` sets every field through ``object.__setattr__`` (3 µs a sentence, a third
    of :func:`split`). Slotted: no dict per sentence.
    """

    start: int
    end: int
    text: str  # the surface, source_text[start:end]
    norm: str  # the same characters, normalised for matching (same length)
    line_start: bool = False  # the sentence opens its line
    line_end: bool = False  # the sentence closes its line
    kind: str = "body"  # body, heading, title, note, meta
    section: tuple[str, ...] = ()
    marker: str = ""  # the outline marker that opens it, if any
    index: int = 0  # position among the speech's sentences
    #: Hard wraps left out of ``norm``: (position in ``norm``, characters left out up to there).
    #: Empty for a sentence on one line, whose ``norm`` is as long as its ``text``.
    joins: tuple[tuple[int, int], ...] = ()
    head: int = -1  # index of its innermost section among the speech's sections, -1 if none
    part: str = ""  # review, deploy or other: the part of the speech it stands in
    row: int = -1  # in a pasted table: index of its row's first sentence
    cell: str = ""  # in a pasted table: its column's role (tab-separated: the roles, by tab)

    @property
    def span(self) -> Span:
        return (self.start, self.end)

    def surface(self, i: int, j: int) -> tuple[str, Span]:
        """Raw text and absolute span of the local slice ``[i, j)`` of ``norm``."""
        if self.joins:
            i, j = self._raw(i), (self._raw(j - 1) + 1 if j > i else self._raw(i))
        return self.text[i:j], (self.start + i, self.start + j)

    def _raw(self, i: int) -> int:
        """The offset in ``text`` of position ``i`` of ``norm``."""
        off = 0
        for p, removed in self.joins:
            if p > i:
                break
            off = removed
        return i + off


#: Set one field of a frozen :class:`Sentence` (or record) in place: for the step that fills
#: in a field known only after the object was made, before any later step has seen it
#: (the outline's fields of a sentence, a section's part, a task's item).
settle = object.__setattr__


def split(text: str, cleaned: Cleaned) -> list[Sentence]:
    """Split the text; debris and cut markers are left out, their neighbours kept.

    A hard wrap (:func:`wraps.soft_breaks`) is no boundary: the sentence runs on across it, its
    ``text`` keeps the newline and its ``norm`` leaves the break out (see :attr:`Sentence.joins`).
    """
    from .wraps import soft_breaks

    norm = cleaned.norm
    soft = soft_breaks(norm)
    soft_nl = [norm.find("\n", a, b) for a, b in soft]
    pieces: list[tuple[int, int, bool, bool]] = []
    n = len(norm)
    line_start = k = 0
    while line_start < n:
        line_end = norm.find("\n", line_start)
        while line_end >= 0 and k < len(soft_nl) and soft_nl[k] <= line_end:
            if soft_nl[k] == line_end:  # a soft break: the line runs on
                line_end = norm.find("\n", line_end + 1)
            k += 1
        if line_end < 0:
            line_end = n
        _split_line(norm, line_start, line_end, pieces)
        line_start = line_end + 1
    return _sentences(text, norm, pieces, cleaned.gaps + cleaned.debris, soft)


def _sentences(text: str, norm: str, pieces: list[tuple[int, int, bool, bool]],
               skip: tuple[Span, ...], soft: tuple[Span, ...]) -> list[Sentence]:
    """Sentences of the pieces, skipped regions cut out (one pass: pieces and spans are sorted)."""
    skip = tuple(sorted(skip))
    out: list[Sentence] = []
    si = wi = 0
    for s, e, first, last in pieces:
        while si < len(skip) and skip[si][1] <= s:
            si += 1
        opening, end = _strip(norm, s, e)
        if si < len(skip) and skip[si][0] < e:
            parts = [_strip(norm, a, b) for a, b in _cut(s, e, skip, si)]
        else:  # the usual piece: nothing to cut out
            parts = [(opening, end)]
        for a, b in parts:
            if b <= a or not _ALNUM.search(norm, a, b):
                continue
            while wi < len(soft) and soft[wi][1] <= a:
                wi += 1
            raw = text[a:b]
            if wi < len(soft) and soft[wi][0] < b:
                joined, joins = _join(norm, a, b, soft, wi)
            else:  # on one line: ``norm`` is ``text`` unless the normalising changed it
                joined, joins = norm[a:b], ()
            out.append(Sentence(a, b, raw, raw if joined == raw else joined,
                                line_start=first and a == opening, line_end=last,
                                index=len(out), joins=joins))
    return out


def _cut(s: int, e: int, skip: tuple[Span, ...], j: int) -> list[Span]:
    """``[s, e)`` without the skipped regions from ``skip[j]`` on that overlap it."""
    parts = [(s, e)]
    while j < len(skip) and skip[j][0] < e:
        ks, ke = skip[j]
        nxt = []
        for a, b in parts:
            if ke <= a or ks >= b:
                nxt.append((a, b))
                continue
            if a < ks:
                nxt.append((a, ks))
            if ke < b:
                nxt.append((ke, b))
        parts = nxt
        j += 1
    return parts


def _join(norm: str, a: int, b: int, soft: tuple[Span, ...], k: int
          ) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``norm[a:b]`` without the soft breaks inside it (``soft[k]`` the first), and where
    they were."""
    chunks, joins = [], []
    pos, removed = a, 0
    while k < len(soft) and soft[k][0] < b:
        ra, rb = max(soft[k][0], a), min(soft[k][1], b)
        chunks.append(norm[pos:ra])
        removed += rb - ra
        joins.append((ra - a - removed + (rb - ra), removed))
        pos = rb
        k += 1
    chunks.append(norm[pos:b])
    return "".join(chunks), tuple(joins)


def _strip(norm: str, a: int, b: int) -> tuple[int, int]:
    """``[a, b)`` without the whitespace and invisible characters at its ends."""
    blank = _blank()
    if a >= b or (norm[a] not in blank and norm[b - 1] not in blank):
        return a, b
    piece = norm[a:b]
    left = piece.lstrip(blank)
    a += len(piece) - len(left)
    return a, a + len(left.rstrip(blank))


def _split_line(norm: str, a: int, b: int, pieces: list[tuple[int, int, bool, bool]]) -> None:
    """Pieces of ``norm[a:b]``: a jump from one bracket or ender to the next, not a per-character walk."""
    if not _BRACKETS.search(norm, a, b):  # nothing to stay inside: every ender breaks
        start, first = a, True
        for run in _END_RUN.finditer(norm, a, b):
            j = run.end()
            pieces.append((start, j, first, not _NONSPACE.search(norm, j, b)))
            start, first = j, False
        if _NONSPACE.search(norm, start, b):
            pieces.append((start, b, first, True))
        return
    start = a
    depth: list[str] = []
    opened_at = 0
    first = True
    m = _STOPS.search(norm, a, b)
    while m is not None:
        i = m.start()
        if depth and i - 1 - opened_at > _MAX_BRACKET:  # it ran too long before this character
            depth.clear()
        ch = norm[i]
        if ch in _OPEN:
            depth.append(_OPEN[ch])
            opened_at = i
        elif depth and ch == depth[-1]:
            depth.pop()
        elif depth and ch in ")）】":
            depth.clear()
        if depth and i - opened_at > _MAX_BRACKET:
            depth.clear()
        if ch in _ENDERS and not depth:
            j = i + 1
            while j < b and (norm[j] in _CLOSERS or norm[j] in _ENDERS):
                j += 1
            pieces.append((start, j, first, not _NONSPACE.search(norm, j, b)))
            first = False
            start = j
            m = _STOPS.search(norm, j, b)
            continue
        m = _STOPS.search(norm, i + 1, b)
    if norm[start:b].strip():
        pieces.append((start, b, first, True))
