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


@lru_cache(maxsize=64)
def any_of(*kinds: str) -> re.Pattern[str]:
    """One regex of the words of ``kinds`` (a trie): at each place it matches the longest of
    them, as their alternations (longest first) do, so it finds and replaces what they do."""
    return re.compile(lexicon.trie(w for w, k in lexicon.table("cues.tsv", 2) if k in kinds))


#: Sentences whose cue facts are kept: the model's features, the rules and the force all ask
#: about the same sentence, one pass after another over a speech.
_KEPT = 1 << 14


@lru_cache(maxsize=_KEPT)
def mask(norm: str) -> str:
    """Blank out words that hold a cue's characters but are no cue (重要, 应用…)."""
    if "not_cue" not in patterns():
        return norm
    return any_of("not_cue").sub(lambda m: "□" * len(m.group(0)), norm)


@cache
def _scanner() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """Every cue word in one regex (a trie: it matches the longest word at a place), and for
    each word the kinds of the words inside it, itself included."""
    kinds: dict[str, set[str]] = {}
    for word, kind in lexicon.table("cues.tsv", 2):
        kinds.setdefault(word, set()).add(kind)
    inside = {w: frozenset(k for v, ks in kinds.items() if v in w for k in ks) for w in kinds}
    return re.compile(lexicon.trie(kinds)), inside


def kinds_in(text: str) -> frozenset[str]:
    """The kinds of the cue words ``text`` holds anywhere (``not_cue`` too; no masking): what a
    ``search`` of every kind's pattern finds, in one scan. Each match is the longest word at
    its place, so the words starting there are the ones inside it; the scan resumes at the
    match's next character, where another word may start."""
    pattern, inside = _scanner()
    held: set[str] = set()
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        held |= inside[m[0]]
        pos = m.start() + 1
    return frozenset(held)


@lru_cache(maxsize=_KEPT)
def unmasked(norm: str) -> frozenset[str]:
    """:func:`kinds_in` of a sentence as written (cached): ``"forecast" in unmasked(norm)`` is
    a search of the forecast words, and with no ``not_cue`` in it the sentence needs no mask."""
    return kinds_in(norm)


@lru_cache(maxsize=_KEPT)
def held(norm: str) -> frozenset[str]:
    """The kinds of cue word a sentence holds once :func:`mask` has blanked the false ones
    (a sentence holding no false one is its own mask: one scan)."""
    found = unmasked(norm)
    return found if "not_cue" not in found else kinds_in(mask(norm))


@lru_cache(maxsize=1024)
def _listed(found: frozenset[str], plan0: bool) -> tuple[str, ...]:
    """The cue kinds of ``found`` in the order of ``cues.tsv``, and ``plan0`` (a few hundred
    sets recur)."""
    kinds = tuple(k for k in patterns() if k != "not_cue" and k in found)
    return kinds + ("plan0",) if plan0 else kinds


def cue_tuple(norm: str) -> tuple[str, ...]:
    """:func:`cue_kinds` as a tuple, the same object for every sentence of the same kinds."""
    found = held(norm)  # plan0: a plan word opens it (the mask turns no first character into
    plan0 = "plan" in found and norm[:1] in _plan_starts() \
        and patterns()["plan"].match(mask(norm)) is not None  # the first of one: □ is none)
    return _listed(found, plan0)


@cache
def _plan_starts() -> frozenset[str]:
    """The characters a plan word begins with."""
    return frozenset(w[:1] for w, k in lexicon.table("cues.tsv", 2) if k == "plan")


def cue_kinds(norm: str) -> list[str]:
    """Which kinds of cue word a sentence holds (``plan0`` when it opens with a plan verb), in
    the order of ``cues.tsv``."""
    return list(cue_tuple(norm))


def force_of(norm: str) -> str | None:
    """The strongest directive force a sentence states.

    >>> force_of("各村必须在年底前完成整改。"), force_of("持续改善办学条件。")
    ('must', None)
    """
    found = held(norm)
    return next((f for f in FORCE_ORDER if f in found), None)
