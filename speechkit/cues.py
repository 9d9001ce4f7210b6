"""Directive cue words and their force: what both the task rules and the task model read.

A leaf: it reads ``data/cues.tsv`` through :mod:`speechkit.lexicon` and imports nothing else
of the package, so the rules (:mod:`speechkit.extractors.tasks`) and the model's features
(:mod:`speechkit.taskmodel`) share one list without importing each other.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

from . import lexicon

#: Directive forces, strongest first: the first a sentence states is its force.
FORCE_ORDER = ("forbid", "must", "strive", "encourage", "should")


@cache
def patterns() -> dict[str, re.Pattern[str]]:
    """One regex per cue kind of ``cues.tsv`` (``must``, ``plan``, ``review``, ``not_cue``…)."""
    groups: dict[str, list[str]] = {}
    for word, kind in lexicon.table("cues.tsv", 2):
        groups.setdefault(kind, []).append(word)
    return {k: re.compile(lexicon.alternation(v)) for k, v in groups.items()}


@lru_cache(maxsize=2048)
def mask(norm: str) -> str:
    """Blank out words that hold a cue's characters but are no cue (重要, 应用…).

    Cached: the model's features, the rules and the force all ask about the same sentence."""
    cues = patterns()
    if "not_cue" not in cues:
        return norm
    return cues["not_cue"].sub(lambda m: "□" * len(m.group(0)), norm)


@cache
def _scanner() -> tuple[re.Pattern[str], dict[str, frozenset[str]], tuple[str, ...]]:
    """One pass finds every cue kind: a lookahead alternation (longest word first) stops at
    each position where a cue word starts, and the word found there stands for the kinds of
    every cue word that is a prefix of it (they all match there too)."""
    kinds_of: dict[str, set[str]] = {}
    order: list[str] = []
    for word, kind in lexicon.table("cues.tsv", 2):
        if kind == "not_cue":
            continue
        kinds_of.setdefault(word, set()).add(kind)
        if kind not in order:
            order.append(kind)
    closure = {w: frozenset(k for u, ks in kinds_of.items() if w.startswith(u) for k in ks)
               for w in kinds_of}
    return re.compile(f"(?=({lexicon.alternation(kinds_of)}))"), closure, tuple(order)


@lru_cache(maxsize=2048)
def _kinds(masked: str) -> tuple[frozenset[str], frozenset[str]]:
    """The cue kinds anywhere in a masked sentence, and those of the words opening it."""
    pattern, closure, _ = _scanner()
    found: set[str] = set()
    opening: frozenset[str] = frozenset()
    for m in pattern.finditer(masked):
        kinds = closure[m.group(1)]
        found |= kinds
        if m.start() == 0:
            opening = kinds
    return frozenset(found), opening


def cue_kinds(norm: str) -> list[str]:
    """Which kinds of cue word a sentence holds (``plan0`` when it opens with a plan verb).

    >>> cue_kinds("要加快推进项目建设。")
    ['should', 'plan']
    """
    found, opening = _kinds(mask(norm))
    kinds = [k for k in _scanner()[2] if k in found]
    if "plan" in opening:
        kinds.append("plan0")
    return kinds


def force_of(norm: str) -> str | None:
    """The strongest directive force a sentence states.

    >>> force_of("各村必须在年底前完成整改。"), force_of("持续改善办学条件。")
    ('must', None)
    """
    found = _kinds(mask(norm))[0]
    return next((f for f in FORCE_ORDER if f in found), None)
