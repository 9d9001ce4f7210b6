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
    return lexicon.kind_patterns("cues.tsv")


@lru_cache(maxsize=2048)
def mask(norm: str) -> str:
    """Blank out words that hold a cue's characters but are no cue (重要, 应用…).

    Cached: the model's features, the rules and the force all ask about the same sentence."""
    cues = patterns()
    if "not_cue" not in cues:
        return norm
    return cues["not_cue"].sub(lambda m: "□" * len(m.group(0)), norm)


@cache
def _initials() -> dict[str, frozenset[str]]:
    """The first characters of each kind's words: a kind none of whose initials a sentence
    holds cannot match it (the patterns are alternations of literal words)."""
    groups: dict[str, set[str]] = {}
    for word, kind in lexicon.table("cues.tsv", 2):
        groups.setdefault(kind, set()).add(word[:1])
    return {k: frozenset(v) for k, v in groups.items()}


def cue_kinds(norm: str) -> list[str]:
    """Which kinds of cue word a sentence holds (``plan0`` when it opens with a plan verb)."""
    cues = patterns()
    norm = mask(norm)
    held, initials = set(norm), _initials()
    kinds = [k for k, pat in cues.items()
             if k != "not_cue" and not initials[k].isdisjoint(held) and pat.search(norm)]
    if "plan" in cues and cues["plan"].match(norm):
        kinds.append("plan0")
    return kinds


def force_of(norm: str) -> str | None:
    """The strongest directive force a sentence states.

    >>> force_of("各村必须在年底前完成整改。"), force_of("持续改善办学条件。")
    ('must', None)
    """
    cues = patterns()
    norm = mask(norm)
    for f in FORCE_ORDER:
        if f in cues and cues[f].search(norm):
            return f
    return None
