"""Tasks: which sentences direct future work, and with what force (first rules)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import lexicon
from ..sentences import Sentence

FORCE_ORDER = ("forbid", "must", "strive", "encourage", "should")


@dataclass(frozen=True)
class Verdict:
    is_task: bool
    confidence: float
    force: str | None


@cache
def _cues() -> dict[str, re.Pattern[str]]:
    groups: dict[str, list[str]] = {}
    for word, kind in lexicon.table("cues.tsv", 2):
        groups.setdefault(kind, []).append(word)
    return {k: re.compile(lexicon.alternation(v)) for k, v in groups.items()}


def force_of(norm: str) -> str | None:
    cues = _cues()
    for f in FORCE_ORDER:
        if f in cues and cues[f].search(norm):
            return f
    return None


def classify(sent: Sentence) -> Verdict:
    if sent.kind != "body":
        return Verdict(False, 1.0, None)
    cues = _cues()
    norm = sent.norm
    force = force_of(norm)
    if cues["meta"].search(norm[:8]) or cues["forecast"].search(norm):
        return Verdict(False, 0.8, force)
    directive = force is not None or bool(cues["plan"].search(norm))
    review = bool(cues["review"].search(norm))
    if force in ("must", "forbid", "strive", "should") and not review:
        return Verdict(True, 0.8, force)
    if directive and not review:
        return Verdict(True, 0.6, force or None)
    return Verdict(False, 0.6, force)
