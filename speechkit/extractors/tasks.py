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
from functools import cache, lru_cache

from .. import lexicon
from ..cues import FORCE_ORDER, cue_kinds, force_of, held, mask, unmasked
from ..cues import patterns as _cues
from ..fastinit import fast_init
from ..sentences import Sentence

__all__ = ["FORCE_ORDER", "STRONG", "THRESHOLD", "Verdict", "assigns_work", "candidates", "classify",
           "cue_kinds", "force_of", "rule_score", "rule_scores", "strong_directive", "veto"]
THRESHOLD = 0.5
STRONG = 0.75  # the score a strong directive gets at least


@fast_init
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
    if not unmasked(norm).isdisjoint(("forecast", "quoted")):  # a forecast or quoted word anywhere
        return True
    return "evaluative" in held(norm) and not strong_directive(sent)


#: Modals that direct work by themselves; the openers after them direct it only at a clause's
#: start (争取资金4700亿元 in a review part reports a result).
_MODALS = r"(?<!需)要|必须|务必|确保|力争"
_STRONG_OPEN = re.compile(
    rf"^(?:[^,;:。]{{1,8}},)?[^,;:。]{{0,12}}?(?:{_MODALS}|争取|严禁|不得|坚决|切实)"
    r"|,(?:更|还|就|尤其)要")  # 广东是制造大省，更要顺势而为


@cache
def _assignment() -> re.Pattern[str]:
    """A first clause that assigns the work: units and their role words, then a comma
    (``县住建局牵头,``, ``由县农业农村局牵头、县卫健局配合,``; roles from ``owner_roles.tsv``,
    not 指导, which closes a clause of guidance: ``以…为指导,``, ``考察指导,``)."""
    roles = lexicon.alternation(w for w, k in lexicon.table("owner_roles.tsv", 2)
                                if k in ("lead", "support", "lead-or-support") and w != "指导")
    unit = r"[^,;:。!?的]{2,40}?"
    return re.compile(rf"^(?:由)?{unit}(?:{roles})(?:、{unit}(?:{roles}))*,(?=.*[\u4e00-\u9fff])")


def strong_directive(sent: Sentence) -> bool:
    """The first clause carries a directive cue (``要…``, ``镇规建办要…``, ``必须…``) and the
    sentence reports nothing of the past: a task whatever its context."""
    return _strong(sent.norm)


@lru_cache(maxsize=1 << 14)
def _strong(norm: str) -> bool:
    found = held(norm)
    return "review" not in found and "quoted" not in found and bool(_STRONG_OPEN.search(mask(norm)))


def assigns_work(sent: Sentence) -> bool:
    """The first clause assigns the work to units by their roles (``县住建局牵头、县财政局配合,…``)
    and the sentence reports nothing of the past: a task outside a review part (in one, the
    same words report who did the work)."""
    return "review" not in held(sent.norm) and bool(_assignment().match(mask(sent.norm)))


def _reported(sent: Sentence) -> bool:
    """A sentence of a review part reports work done, written in the verbs of a deployment
    (``加强市场监管``): the part decides, unless the sentence turns to the work ahead (``下一步``,
    ``明年``, or a strong directive that reports no figure of its own)."""
    if sent.part != "review" or "forward" in held(sent.norm):
        return False
    if not strong_directive(sent):
        return True
    return bool(_RESULT.search(sent.norm)) and not _MODAL.search(mask(sent.norm))


#: A figure other than a year (``开发岗位35万个``, ``达43%``): in a review part, an opener of a
#: directive without a modal (争取, 坚决, 切实) that comes with one reports what it achieved
#: (``争取国家资金4700多亿元``); ``X要…确保完成3个…`` still directs.
_RESULT = re.compile(r"\d(?![\d.]*\s*年)")
_MODAL = re.compile(_MODALS)


#: Cue kinds that direct work (or turn to the work ahead) whatever the aspect of another clause.
_DIRECTING = frozenset(("must", "should", "strive", "encourage", "forbid", "forward"))


def perfective(norm: str) -> bool:
    """The sentence reports work done: a verb with the perfective marker (``编制了《纲要》``,
    ``积累了丰富经验``; ``data/aspect.tsv``) and no word that directs (``…，要继续…``) or looks
    ahead (``将``, ``今后``)."""
    marker, ahead, blocked, verbs, longest = _aspect()
    k = norm.find(marker)
    if k < 0 or any(w in norm for w in ahead) or held(norm) & _DIRECTING:
        return False
    while k >= 0:
        if not any(norm.startswith(w, k - at) for w, at in blocked) and any(
                norm[max(0, k - n):k] in verbs for n in range(1, longest + 1) if k >= n):
            return True
        k = norm.find(marker, k + 1)
    return False


#: The longest verb read before the marker (longer verbs end with a shorter one).
_VERB_MAX = 4


@cache
def _aspect() -> tuple[str, tuple[str, ...], tuple[tuple[str, int], ...], frozenset[str], int]:
    """The perfective marker, the look-ahead words, the words holding the marker that are
    none (each with the marker's place in it), the verbs (``data/name_verbs.tsv``) and the
    longest verb read."""
    rows = lexicon.table("aspect.tsv", 2)
    marker = next(w for w, k in rows if k == "perfective-marker")
    ahead = tuple(w for w, k in rows if k == "look-ahead")
    blocked = tuple((w, w.index(marker)) for w, k in rows if k == "not-perfective")
    verbs = frozenset(w for w, k in lexicon.table("name_verbs.tsv", 2) if k == "verb")
    return marker, ahead, blocked, verbs, min(_VERB_MAX, max(map(len, verbs), default=1))


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
    directive, or an assignment of the work outside a review part, scores at least
    :data:`STRONG` whatever ``scores`` says. A sentence without a
    score is no task."""
    out = []
    for k, s in enumerate(sents):
        if k not in scores:
            out.append(_NONE)
            continue
        p = scores[k]
        if p < STRONG and (strong_directive(s) or assigns_work(s) and s.part != "review"):
            p = STRONG
        is_task = p >= THRESHOLD and not _reported(s) and not perfective(s.norm)
        out.append(Verdict(is_task, p if is_task else 1 - p, force_of(s.norm) if is_task else None))
    return out
