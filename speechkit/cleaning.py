"""Cleaning that keeps every offset: a same-length normalised copy, and the debris marked.

The normalised text ``norm`` has exactly the length of the text as read, so a span found in
``norm`` is a span of the original: full-width digits, letters and punctuation become ASCII
where NFKC maps one character to one character; everything else is left alone.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from . import lexicon
from .records import Span


@dataclass(frozen=True)
class Cleaned:
    norm: str
    gaps: tuple[Span, ...]  # where a download site cut the text
    debris: tuple[Span, ...]  # page furniture: never a sentence, task or heading
    warnings: tuple[str, ...]


class _NFKC(dict[int, str]):
    """Code point -> its NFKC form where that keeps one character (else itself), for
    ``str.translate``: computed once per distinct character, looked up in C after."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch.isascii() or "\u4e00" <= ch <= "\u9fff":
            n = ch
        else:
            n = unicodedata.normalize("NFKC", ch)
            n = n if len(n) == 1 else ch
        if len(self) < 65536:  # a text of every code point must not grow it without bound
            self[code] = n
        return n


_NFKC_TABLE = _NFKC()
#: Blocks read for characters NFKC leaves alone (Latin-1, general punctuation, symbols, CJK
#: punctuation, full-width forms), so that a scan for what may change skips them.
_STABLE_BLOCKS = ((0x80, 0x100), (0x2000, 0x2070), (0x2100, 0x2600), (0x3000, 0x3040),
                  (0xFE30, 0xFE50), (0xFF00, 0xFFF0))
#: Up to this many distinct characters to change, each is replaced in one pass of its own.
_FEW = 32


@cache
def _changing() -> re.Pattern[str]:
    """Runs of characters that NFKC may change: all but ASCII, CJK ideographs and the stable
    characters of :data:`_STABLE_BLOCKS`."""
    stable = "".join(chr(c) for a, b in _STABLE_BLOCKS for c in range(a, b)
                     if _NFKC_TABLE[c] == chr(c))
    return re.compile(f"[^\\x00-\\x7f\\u4e00-\\u9fff{re.escape(stable)}]+")


def normalise(text: str) -> str:
    """Per-character NFKC where it keeps the length; ``\\u3000`` and NBSP become spaces.

    What changes is found first: a speech holds a handful of such characters (``，：（）``),
    each replaced in one pass. A character's form never changes again (NFKC is idempotent),
    so the order of the replacements does not matter.
    """
    found = set("".join(_changing().findall(text)))
    if len(found) > _FEW:
        return text.translate(_NFKC_TABLE)
    for ch in found:
        to = _NFKC_TABLE[ord(ch)]
        if to != ch:
            text = text.replace(ch, to)
    return text


class _Covered:
    """Spans already taken, for "does a later match start inside one?" in log time."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []  # the furthest end among spans starting at or before

    def inside(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos)
        return i > 0 and pos < self.ends[i - 1]

    def add(self, span: Span) -> None:
        i = bisect.bisect_right(self.starts, span[0])
        self.starts.insert(i, span[0])
        self.ends.insert(i, max(span[1], self.ends[i - 1] if i else 0))
        for j in range(i + 1, len(self.ends)):  # later spans inherit the furthest end
            if self.ends[j] >= self.ends[i]:
                break
            self.ends[j] = self.ends[i]


_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]{0,300})?/?>")


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...]:
    """(pattern, kind, the words a text must hold one of for the pattern to be tried: none
    when it is always tried)."""
    return tuple((re.compile(row[0], re.MULTILINE), row[1],
                  tuple(row[2].split("|")) if len(row) > 2 and row[2] else ())
                 for row in lexicon.table("debris.tsv", 2))


def clean(text: str) -> Cleaned:
    norm = normalise(text)
    gaps: list[Span] = []
    debris: list[Span] = []
    warnings: list[str] = []
    covered = _Covered()
    html = len(_TAG.findall(norm[:20000])) >= 3
    for pat, kind, needs in _patterns():
        if (kind == "html" and not html) or (needs and not any(w in norm for w in needs)):
            continue
        for m in pat.finditer(norm):
            if m.end() <= m.start():
                continue
            span = (m.start(), m.end())
            if covered.inside(span[0]):
                continue
            covered.add(span)
            if kind == "html":
                debris.append(span)
            elif kind == "gap":
                gaps.append(span)
                warnings.append(f"text cut at {span[0]}-{span[1]}: {text[span[0]:span[1]].strip()}")
            else:
                debris.append(span)
    if html:
        warnings.append("HTML markup found: tags and entities ignored")
    if debris:
        warnings.append(f"{len(debris)} line(s) of web-page debris ignored")
    warnings += _repeated(norm)
    if "\ufffd" in text:
        warnings.append("text contains U+FFFD replacement characters (damaged bytes)")
    return Cleaned(norm, tuple(sorted(gaps)), tuple(sorted(debris)), tuple(warnings))


#: A paragraph this long that appears twice was pasted twice (short lines repeat by nature).
REPEAT_MIN = 20


def _repeated(norm: str) -> list[str]:
    """Paragraphs repeated verbatim (sources paste twice): flagged, both copies kept."""
    seen: dict[str, int] = {}
    out = []
    pos = 0
    for line in norm.split("\n"):
        body = line.strip()
        if len(body) >= REPEAT_MIN:
            at = pos + line.find(body[0])
            if body in seen:
                out.append(f"paragraph at {at} repeats the one at {seen[body]} verbatim: both kept")
            else:
                seen[body] = at
        pos += len(line) + 1
    return out
