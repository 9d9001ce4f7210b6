"""Sentences with offsets: split at 。！？；!?; and at line breaks, never inside brackets."""
from __future__ import annotations

from dataclasses import dataclass

from .cleaning import Cleaned
from .records import Span

_ENDERS = frozenset("。!?;")  # on the normalised text: ！？； are already ASCII
_CLOSERS = frozenset("”’\"')）】》」』")
_OPEN = {"(": ")", "（": "）", "【": "】"}
_MAX_BRACKET = 200  # a bracket left open longer than this is a typo, not a note
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"  # zero-width debris of web pages


@dataclass(frozen=True)
class Sentence:
    """One sentence of a speech: its place, its raw and normalised text, its context."""

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

    @property
    def span(self) -> Span:
        return (self.start, self.end)

    def surface(self, i: int, j: int) -> tuple[str, Span]:
        """Raw text and absolute span of the local slice ``[i, j)``."""
        return self.text[i:j], (self.start + i, self.start + j)


def _inside(pos: int, spans: tuple[Span, ...]) -> bool:
    return any(s <= pos < e for s, e in spans)


def split(text: str, cleaned: Cleaned) -> list[Sentence]:
    """Split the text; debris and cut markers are left out, their neighbours kept."""
    norm = cleaned.norm
    skip = cleaned.gaps + cleaned.debris
    pieces: list[tuple[int, int, bool, bool]] = []
    n = len(norm)
    line_start = 0
    while line_start < n:
        line_end = norm.find("\n", line_start)
        if line_end < 0:
            line_end = n
        _split_line(norm, line_start, line_end, pieces)
        line_start = line_end + 1
    out: list[Sentence] = []
    for s, e, first, last in pieces:
        # cut skipped regions out of the piece, keep what is left on either side
        parts = [(s, e)]
        for ks, ke in skip:
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
        for a, b in parts:
            a, b = _strip(norm, a, b)
            if b <= a or not any(ch.isalnum() for ch in norm[a:b]):
                continue
            out.append(Sentence(a, b, text[a:b], norm[a:b], line_start=first and a == _strip(norm, s, e)[0],
                                line_end=last, index=len(out)))
    return out


def _strip(norm: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (norm[a].isspace() or norm[a] in _INVISIBLE):
        a += 1
    while b > a and (norm[b - 1].isspace() or norm[b - 1] in _INVISIBLE):
        b -= 1
    return a, b


def _split_line(norm: str, a: int, b: int, pieces: list[tuple[int, int, bool, bool]]) -> None:
    start = a
    depth: list[str] = []
    opened_at = 0
    i = a
    first = True
    while i < b:
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
            pieces.append((start, j, first, j >= b or not norm[j:b].strip()))
            first = False
            start = i = j
            continue
        i += 1
    if norm[start:b].strip():
        pieces.append((start, b, first, True))
