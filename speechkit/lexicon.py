"""Lexicons: editable UTF-8 data files under ``speechkit/data``, loaded lazily and cached.

Format: one entry a line, fields separated by a tab, ``#`` starts a comment line.
"""
from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

from .errors import LexiconError


def _parse(text: str, name: str, fields: int | None) -> tuple[tuple[str, ...], ...]:
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        row = tuple(f.strip() for f in line.rstrip("\n").split("\t"))
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
    """A regex alternation, longest first, of literal strings."""
    return "|".join(re.escape(w) for w in sorted(set(items), key=len, reverse=True))  # type: ignore[call-overload]


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
