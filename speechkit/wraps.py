"""Hard wraps: line breaks that are no sentence boundary.

Old archives and text taken from PDFs are broken at a fixed width in the middle of sentences
and words (``…力争在年`` / ``内完成…``). A break is *soft* when

- the text is wrapped at a fixed width (many lines of nearly the same length, most of them
  ending without sentence punctuation) and the line before is full, does not end a sentence,
  and the next line is not indented (an indented line starts a paragraph); or
- whatever the width, the next line starts with punctuation that continues a sentence
  (``，`` ``、`` ``）`` ``》``) or the line before ends with an opening bracket or quote
  (a link or a title set on a line of its own by a web page).

The sentences splitter joins across soft breaks; offsets keep indexing the text as read.
All work is one pass over the lines.
"""
from __future__ import annotations

from collections import Counter

from .records import Span

#: Characters that end a sentence or a clause that heads what follows: no wrap after them.
_ENDS = frozenset("。!?;:…")
#: A line that starts with one of these continues the sentence before.
_CONTINUES = frozenset(",、。;:!?)）》」』】]”’")
#: A line that ends with one of these continues on the next.
_OPENS = frozenset("(（《「『【[“‘")
_INDENT = frozenset(" \t\u3000")
#: A wrapped text has at least this many full lines, this share of its long lines.
MIN_FULL_LINES = 4
MIN_FULL_SHARE = 0.4


def _lines(norm: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without its newline."""
    out = []
    a = 0
    n = len(norm)
    while a <= n:
        b = norm.find("\n", a)
        if b < 0:
            b = n
        out.append((a, b))
        a = b + 1
    return out


def _content(norm: str, a: int, b: int) -> tuple[int, int]:
    """``[a, b)`` without the whitespace at its ends."""
    if a >= b or not (norm[a].isspace() or norm[b - 1].isspace()):
        return a, b
    line = norm[a:b]
    left = line.lstrip()
    a += len(line) - len(left)
    return a, a + len(left.rstrip())


def wrap_width(norm: str) -> int | None:
    """The width the text is hard-wrapped at, or None when it is not."""
    return _width(norm, [_content(norm, a, b) for a, b in _lines(norm)])


def _width(norm: str, contents: list[tuple[int, int]]) -> int | None:
    """:func:`wrap_width` from the content span of every line."""
    lengths = [(b - a, norm[b - 1] in _ENDS) for a, b in contents if b > a]
    long = Counter(n for n, _ in lengths if n >= 16)
    if not long:
        return None
    width = max(long.items(), key=lambda kv: (kv[1], kv[0]))[0]
    # a wrap breaks at the width or a character or two short of it (punctuation kept on the line)
    width = max((n for n in long if width <= n <= width + 2), default=width)
    full = [end for n, end in lengths if width - 2 <= n <= width]
    if len(full) < MIN_FULL_LINES or len(full) < MIN_FULL_SHARE * sum(long.values()):
        return None
    if sum(full) * 2 > len(full):  # full lines mostly end sentences: a list, not a wrap
        return None
    return width


def soft_breaks(norm: str) -> tuple[Span, ...]:
    """The stretches to leave out when joining lines: a soft break's newline with the spaces
    around it. Sorted, disjoint."""
    lines = _lines(norm)
    contents = [_content(norm, a, b) for a, b in lines]
    width = _width(norm, contents)
    out: list[Span] = []
    for k in range(len(lines) - 1):
        (ca, cb), (na, nb) = contents[k], contents[k + 1]
        if cb <= ca or nb <= na:  # a blank line is a paragraph break
            continue
        last, first = norm[cb - 1], norm[na]
        soft = first in _CONTINUES or last in _OPENS
        if not soft and width is not None:
            c, d = lines[k + 1]
            soft = (cb - ca >= width - 2 and last not in _ENDS
                    and not (c < d and norm[c] in _INDENT))
        if soft:
            out.append((cb, na))
    return tuple(out)
