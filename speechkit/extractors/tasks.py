"""Tasks: which sentences direct future work, with what force and confidence.

A learned model (``speechkit.taskmodel``) scores every candidate sentence (:func:`candidates`);
the pipeline computes those scores and hands them to :func:`classify`, which never imports the
model. Rules decide where rules are certain: headings, titles and meta lines are never tasks,
forecasts (``预计``) and quoted instructions of higher leaders are not, meeting formalities are
not. :func:`rule_scores` are cue-word scores for callers who choose to do without a model.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..cues import FORCE_ORDER, any_of, cue_kinds, force_of, held, mask
from ..cues import patterns as _cues
from ..sentences import Sentence

__all__ = ["FORCE_ORDER", "STRONG", "THRESHOLD", "Verdict", "candidates", "classify", "cue_kinds",
           "force_of", "rule_score", "rule_scores", "strong_directive", "veto"]
THRESHOLD = 0.5
STRONG = 0.75  # the score a strong directive gets at least


@dataclass(frozen=True)
class Verdict:
    is_task: bool
    confidence: float  # of the verdict, not of the label "task"
    force: str | None


_NONE = Verdict(False, 1.0, None)  # a sentence the rules leave out (frozen: one serves all)


def veto(sent: Sentence) -> bool:
    """Rules that say "not a task" whatever the model thinks."""
    if sent.kind != "body":
        return True
    cues = _cues()
    norm = sent.norm
    if cues["meta"].search(norm[:8]) or cues["quoted_open"].match(norm):
        return True
    if any_of("forecast", "quoted").search(norm):
        return True
    return "evaluative" in held(norm) and not strong_directive(sent)


_STRONG_OPEN = re.compile(
    r"^(?:[^,;:。]{1,8},)?[^,;:。]{0,12}?(?:(?<!需)要|必须|务必|确保|力争|争取|严禁|不得|坚决|切实)"
    r"|,(?:更|还|就|尤其)要")  # 广东是制造大省，更要顺势而为


def strong_directive(sent: Sentence) -> bool:
    """The first clause carries a directive cue (``要…``, ``镇规建办要…``, ``必须…``) and the
    sentence reports nothing of the past: a task whatever its context."""
    return _strong(sent.norm)


@lru_cache(maxsize=1 << 14)
def _strong(norm: str) -> bool:
    found = held(norm)
    return "review" not in found and "quoted" not in found and bool(_STRONG_OPEN.search(mask(norm)))


def _reported(sent: Sentence) -> bool:
    """A sentence of a review part reports work done, written in the verbs of a deployment
    (``加强市场监管``): the part decides, unless the sentence turns to the work ahead (a strong
    directive, ``下一步``, ``明年``)."""
    if sent.part != "review":
        return False
    return not (strong_directive(sent) or "forward" in held(sent.norm))


def rule_score(sent: Sentence) -> float:
    """Probability-like score from cue words alone (the fallback without a model)."""
    found = held(sent.norm)
    force = force_of(sent.norm)
    review = "review" in found
    if force in ("must", "forbid", "strive", "should") and not review:
        return 0.8
    if (force or "plan" in found) and not review:
        return 0.6
    return 0.3


def candidates(sents: Sequence[Sentence]) -> list[int]:
    """Indices of the sentences the rules leave open: the ones a model scores."""
    return [k for k, s in enumerate(sents) if not veto(s)]


def rule_scores(sents: Sequence[Sentence]) -> dict[int, float]:
    """:func:`rule_score` of every candidate: what :func:`classify` takes without a model."""
    return {k: rule_score(sents[k]) for k in candidates(sents)}


def classify(sents: Sequence[Sentence], scores: Mapping[int, float]) -> list[Verdict]:
    """A verdict for every sentence of a speech, from the task probability of each
    candidate (:func:`candidates`) in ``scores`` (keyed by index; give no others); a strong
    directive scores at least :data:`STRONG` whatever ``scores`` says. A sentence without a
    score is no task."""
    out = []
    for k, s in enumerate(sents):
        if k not in scores:
            out.append(_NONE)
            continue
        p = scores[k]
        if p < STRONG and strong_directive(s):
            p = STRONG
        is_task = p >= THRESHOLD and not _reported(s)
        out.append(Verdict(is_task, p if is_task else 1 - p, force_of(s.norm) if is_task else None))
    return out
