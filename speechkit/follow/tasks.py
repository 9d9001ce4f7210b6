"""Tasks of an earlier report linked to the later report's account of them.

Each task of the earlier report's deployment parts is compared with every sentence of the
later report's review parts by their character n-grams (TF-IDF weighted, so that the words
every sentence uses, 推进 and 建设, count little). The best sentence above :data:`REPORT_AT`
is the report; its words (``data/follow_status.tsv``: 完成, 建成, 全面实行 · 推进, 开工) give
the status, ``done`` or ``partly``; a task with no such sentence is ``not_reported``.
The comparison is one sparse product of the two reports' n-gram matrices.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .. import lexicon
from ..records import Span, Speech
from ..serial import Record
from .parts import Parts

#: A sentence reports on a task when their similarity (cosine of TF-IDF character 2–3-grams)
#: reaches REPORT_AT, or reaches DISTINCT_AT and is MARGIN times that of any other sentence
#: (a few rare words shared by one sentence only: 黑羊站水厂). Set on the dev pairs.
REPORT_AT = 0.2
DISTINCT_AT = 0.09
MARGIN = 1.8

_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]*")


@dataclass(frozen=True)
class Report(Record):
    """The later report's sentence on a task."""

    text: str
    span: Span


@dataclass(frozen=True)
class TaskLink(Record):
    """A task of the earlier report, the later report's sentence on it, and how far it got."""

    text: str
    span: Span
    report: Report | None
    status: str  # done, partly, not_reported
    score: float = field(default=0.0, metadata={"round": 3})


@cache
def _status_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    rows = lexicon.table("follow_status.tsv", 2)
    done = lexicon.alternation(w for w, s in rows if s == "done") or "(?!)"
    partly = lexicon.alternation(w for w, s in rows if s == "partly") or "(?!)"
    return re.compile(done), re.compile(partly)


def status(report: str) -> str:
    """``done`` when the report says so (完成, 建成) and hedges nowhere (推进, 开工), else ``partly``.

    >>> status("市场准入负面清单制度全面实行。"), status("提标改造工程进展顺利。")
    ('done', 'partly')
    """
    done, partly = _status_words()
    return "done" if done.search(report) and not partly.search(report) else "partly"


def review_sentences(speech: Speech) -> list[Span]:
    """The sentences of a report's review parts (all of them when it has no parts)."""
    parts = Parts(speech)
    out = []
    for m in _SENTENCE.finditer(speech.text):
        a, b = m.span()
        while a < b and speech.text[a].isspace():
            a += 1
        if b - a >= 6 and parts.is_review(a):
            out.append((a, b))
    return out


def link_tasks(earlier: Speech, later: Speech) -> list[TaskLink]:
    """Every task of ``earlier``'s deployment parts with ``later``'s sentence on it, if any."""
    parts = Parts(earlier)
    tasks = [t for t in earlier.tasks if parts.is_deploy(t.span[0])]
    sents = review_sentences(later)
    if not tasks:
        return []
    if not sents:
        return [TaskLink(t.text, t.span, None, "not_reported") for t in tasks]
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), sublinear_tf=True)
    vec.fit([t.text for t in tasks] + [later.text[a:b] for a, b in sents])
    sim = vec.transform([t.text for t in tasks]) @ vec.transform(
        [later.text[a:b] for a, b in sents]).T
    sim = sim.toarray()
    out = []
    for k, t in enumerate(tasks):
        order = sim[k].argsort()[::-1]
        best = int(order[0])
        s = float(sim[k, best])
        second = float(sim[k, order[1]]) if len(order) > 1 else 0.0
        if s < REPORT_AT and (s < DISTINCT_AT or s < MARGIN * second):
            out.append(TaskLink(t.text, t.span, None, "not_reported", s))
            continue
        a, b = sents[best]
        text = later.text[a:b]
        out.append(TaskLink(t.text, t.span, Report(text, (a, b)), status(text), s))
    return out
