"""Lexicons: editable UTF-8 data files under ``speechkit/data``, loaded lazily and cached,
and the regexes built from them (:func:`alternation`, :func:`trie`, :class:`Scan`).

Format: one entry a line, fields separated by a tab, ``#`` starts a comment line.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import LexiconError


def _parse(text: str, name: str, fields: int | None) -> tuple[tuple[str, ...], ...]:
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        row = tuple(map(str.strip, line.split("\t")))
        if fields is not None and len(row) < fields:
            raise LexiconError(f"{name}:{n}: expected {fields} tab-separated fields, got {len(row)}")
        rows.append(row)
    return tuple(rows)


@cache
def table(name: str, fields: int | None = None) -> tuple[tuple[str, ...], ...]:
    """Rows of the packaged data file ``name``."""
    text = resources.files("speechkit").joinpath("data", name).read_text(encoding="utf-8")
    return _parse(text, name, fields)


def read_user_table(path: str | Path, fields: int | None = None) -> tuple[tuple[str, ...], ...]:
    """Rows of a user's own lexicon file, same format as the packaged ones."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise LexiconError(f"{p}: cannot read lexicon ({e})") from None
    return _parse(text, str(p), fields)


@cache
def words(name: str) -> frozenset[str]:
    """The first column of a data file, as a set."""
    return frozenset(r[0] for r in table(name))


def alternation(items: object) -> str:
    """A regex matching any of the literal strings, the longest first where several match at
    one place, as ``A|AB`` sorted longest first would: written as a :func:`trie`, which the
    engine tries one branch per character instead of one per word. Empty for no strings."""
    found = set(items)  # type: ignore[call-overload]
    return trie(found) if found else ""


def kind_patterns(name: str) -> dict[str, re.Pattern[str]]:
    """One regex per kind of a two-column ``word<TAB>kind`` data file (``cues.tsv``,
    ``parts.tsv``): the alternation of that kind's words, longest first."""
    groups: dict[str, list[str]] = {}
    for word, kind in table(name, 2):
        groups.setdefault(kind, []).append(word)
    return {k: re.compile(alternation(v)) for k, v in groups.items()}


def trie(words: object) -> str:
    """A regex matching the longest of ``words`` first, as a trie (千(?:瓦时?|伏安?|克|米)): the
    engine tries one branch per character instead of every word at every position."""
    root: dict[str, dict] = {}
    for w in set(words):  # type: ignore[call-overload]
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return (body + "?") if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"
        return body

    return emit(root) or "(?!)"


class Scan:
    """``re.finditer`` of a pattern, quicker where few places can start a match.

    A pattern that opens with a group, a lookaround or a class per branch (the rows of
    ``quantity_exclusions.tsv``) is tried by ``re`` at every character. Here it is wrapped as
    ``[first](?<=(?=(pattern))[\\s\\S])``: the class of the characters a match can begin with
    (:func:`first_class`) lets the engine skip to the next of them, and the lookbehind tries
    the pattern there. The matches are those of ``finditer``: each scan resumes where the
    previous match ended.
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern)
        first = first_class(pattern)
        self._wrapped = re.compile(f"{first}(?<=(?=({pattern}))[\\s\\S])") if first else None

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, text)`` of every match, as ``finditer`` finds them."""
        return list(self.each(text))

    def each(self, text: str) -> Iterator[tuple[int, int, str]]:
        """:meth:`spans` one at a time, found as they are asked for."""
        if self._wrapped is None:
            yield from ((m.start(), m.end(), m[0]) for m in self.pattern.finditer(text))
            return
        pos, search = 0, self._wrapped.search
        while (m := search(text, pos)) is not None:
            i, pos = m.span(1)
            yield i, pos, m[1]


def first_class(pattern: str) -> str | None:
    """A character class of every character a match of ``pattern`` can begin with, read
    from ``re``'s own parse; None when a match may be empty or the pattern holds what this
    does not read (``.``, a negated class, a flag), so a caller scans as usual.

    >>> first_class(r"第?[一二]季度|\\d{4}年|(?<!本)年底")
    '[第一二\\\\d年]'
    """
    try:
        from re import _constants, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern)
        if parsed.state.flags & (re.IGNORECASE | re.LOCALE) or parsed.state.groups > 1 and (
                "(?P=" in pattern or re.search(r"\\[1-9]", pattern)):
            return None  # a back-reference would point elsewhere once the pattern is wrapped
        chars, empty = _first(parsed.data, _constants)
    except (ImportError, AttributeError, ValueError, re.error):
        return None
    return None if empty or not chars else "[" + "".join(dict.fromkeys(chars)) + "]"


def _first(items: Any, c: Any) -> tuple[list[str], bool]:
    """The characters that can begin a sequence of parsed items, and whether it can be empty."""
    chars: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            return chars + [re.escape(chr(av))], False
        if op is c.IN:
            return chars + [_member(o, a, c) for o, a in av], False
        if op is c.BRANCH:
            found = [_first(branch.data, c) for branch in av[1]]
            chars += [ch for f, _ in found for ch in f]
            if not any(empty for _, empty in found):
                return chars, False
        elif op is c.SUBPATTERN:
            if av[1] or av[2]:
                raise ValueError("inline flags")
            got, empty = _first(av[3].data, c)
            chars += got
            if not empty:
                return chars, False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            got, empty = _first(av[2].data, c)
            chars += got
            if not empty and av[0] > 0:
                return chars, False
        elif op not in (c.ASSERT, c.ASSERT_NOT, c.AT):  # zero width: they only narrow
            raise ValueError(f"cannot read {op}")
    return chars, True


def _member(op: Any, av: Any, c: Any) -> str:
    if op is c.LITERAL:
        return re.escape(chr(av))
    if op is c.RANGE:
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    if op is c.CATEGORY and av in (c.CATEGORY_DIGIT, c.CATEGORY_SPACE, c.CATEGORY_WORD):
        return {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_SPACE: r"\s", c.CATEGORY_WORD: r"\w"}[av]
    raise ValueError(f"cannot read {op}")
