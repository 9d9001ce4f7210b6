"""Tasks: which sentences direct future work, with what force and confidence.

A learned model (``speechkit.taskmodel``) scores every body sentence; rules decide where rules
are certain: headings, titles and meta lines are never tasks, forecasts (``预计``) and quoted
instructions of higher leaders are not, meeting formalities are not. Without a model the
rules decide alone.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from .. import lexicon
from ..sentences import Sentence

FORCE_ORDER = ("forbid", "must", "strive", "encourage", "should")
THRESHOLD = 0.5
STRONG = 0.75  # the score a strong directive gets at least


@dataclass(frozen=True)
class Verdict:
    is_task: bool
    confidence: float  # of the verdict, not of the label "task"
    force: str | None


@cache
def _cues() -> dict[str, re.Pattern[str]]:
    groups: dict[str, list[str]] = {}
    for word, kind in lexicon.table("cues.tsv", 2):
        groups.setdefault(kind, []).append(word)
    return {k: re.compile(lexicon.alternation(v)) for k, v in groups.items()}


def _mask(norm: str) -> str:
    """Blank out words that hold a cue's characters but are no cue (重要, 应用…)."""
    cues = _cues()
    if "not_cue" not in cues:
        return norm
    return cues["not_cue"].sub(lambda m: "□" * len(m.group(0)), norm)


def cue_kinds(norm: str) -> list[str]:
    """Which kinds of cue word a sentence holds (``plan0`` when it opens with a plan verb)."""
    cues = _cues()
    norm = _mask(norm)
    kinds = [k for k, pat in cues.items() if k != "not_cue" and pat.search(norm)]
    if "plan" in cues and cues["plan"].match(norm):
        kinds.append("plan0")
    return kinds


def force_of(norm: str) -> str | None:
    """The strongest directive force a sentence states."""
    cues = _cues()
    norm = _mask(norm)
    for f in FORCE_ORDER:
        if f in cues and cues[f].search(norm):
            return f
    return None


def veto(sent: Sentence) -> bool:
    """Rules that say "not a task" whatever the model thinks."""
    if sent.kind != "body":
        return True
    cues = _cues()
    norm = sent.norm
    if cues["meta"].search(norm[:8]) or cues["forecast"].search(norm):
        return True
    if cues["quoted"].search(norm) or cues["quoted_open"].match(norm):
        return True
    return bool(cues["evaluative"].search(_mask(norm))) and not strong_directive(sent)


_STRONG_OPEN = re.compile(
    r"^(?:[^,;:。]{1,8},)?[^,;:。]{0,12}?(?:(?<!需)要|必须|务必|确保|力争|争取|严禁|不得|坚决|切实)"
    r"|,(?:更|还|就|尤其)要")  # 广东是制造大省，更要顺势而为


def strong_directive(sent: Sentence) -> bool:
    """The first clause carries a directive cue (``要…``, ``镇规建办要…``, ``必须…``) and the
    sentence reports nothing of the past: a task whatever its context."""
    cues = _cues()
    norm = _mask(sent.norm)
    if not _STRONG_OPEN.search(norm):
        return False
    return not (cues["review"].search(norm) or cues["quoted"].search(norm))


def rule_score(sent: Sentence) -> float:
    """Probability-like score from cue words alone (the fallback without a model)."""
    cues = _cues()
    norm = _mask(sent.norm)
    force = force_of(norm)
    review = bool(cues["review"].search(norm))
    if force in ("must", "forbid", "strive", "should") and not review:
        return 0.8
    if (force or cues["plan"].search(norm)) and not review:
        return 0.6
    return 0.3


def classify(sents: Sequence[Sentence], doc_year: int | None = None, plan_doc: bool = False,
             model: object | None = None) -> list[Verdict]:
    """A verdict for every sentence of a speech."""
    body = [k for k, s in enumerate(sents) if not veto(s)]
    scores = {k: rule_score(sents[k]) for k in body}
    if model is not None and body:
        from ..taskmodel import predict

        scores = predict(model, sents, body, doc_year, plan_doc)
        for k in body:  # where the rule is certain it wins
            if strong_directive(sents[k]):
                scores[k] = max(scores[k], STRONG)
    out = []
    for k, s in enumerate(sents):
        if k not in scores:
            out.append(Verdict(False, 1.0, None))
            continue
        p = scores[k]
        is_task = p >= THRESHOLD
        out.append(Verdict(is_task, p if is_task else 1 - p, force_of(s.norm) if is_task else None))
    return out
