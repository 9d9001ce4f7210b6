"""Cleaning that keeps every offset: a same-length normalised copy, and the debris marked.

The normalised text ``norm`` has exactly the length of the text as read, so a span found in
``norm`` is a span of the original: full-width digits, letters and punctuation become ASCII
where NFKC maps one character to one character; everything else is left alone.
"""
from __future__ import annotations

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


def normalise(text: str) -> str:
    """Per-character NFKC where it keeps the length; ``\\u3000`` and NBSP become spaces."""
    return text.translate(_NFKC_TABLE)


_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]{0,300})?/?>")


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p, re.MULTILINE), kind) for p, kind in lexicon.table("debris.tsv", 2))


def clean(text: str) -> Cleaned:
    norm = normalise(text)
    gaps: list[Span] = []
    debris: list[Span] = []
    warnings: list[str] = []
    html = len(_TAG.findall(norm[:20000])) >= 3
    for pat, kind in _patterns():
        if kind == "html" and not html:
            continue
        for m in pat.finditer(norm):
            if m.end() <= m.start():
                continue
            span = (m.start(), m.end())
            if any(s <= span[0] < e for s, e in gaps + debris):
                continue
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
    if "\ufffd" in text:
        warnings.append("text contains U+FFFD replacement characters (damaged bytes)")
    return Cleaned(norm, tuple(sorted(gaps)), tuple(sorted(debris)), tuple(warnings))
