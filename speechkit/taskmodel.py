"""The task model: char n-grams of a sentence plus its context, a linear classifier.

Everything the persisted pipeline holds is a stock scikit-learn object (no custom
callables): context is written as a string of feature words before it reaches the model.
It is saved with ``skops.io`` and loaded with an explicit list of trusted types
(:func:`load_pipeline`). Extraction scores with the runtime export written beside it
(:mod:`speechkit.runtime`, :func:`load`), which gives the same probabilities without importing
scikit-learn. Scoring only: building, fitting and saving the pipeline is
:mod:`speechkit.training`'s, and the rules that use the scores are
:mod:`speechkit.extractors.tasks`' (this module imports neither).
"""
from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .cues import cue_tuple
from .errors import ModelError
from .sentences import Sentence

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from sklearn.pipeline import Pipeline

    from .runtime import LinearRuntime

MODEL_NAME = "task_model.skops"
SIDECAR_NAME = "task_model.json"
RUNTIME_NAME = "task_model.runtime.json"
#: What the shipped model may contain; anything else in the file is refused.
TRUSTED = [
    "collections.defaultdict",
    "numpy.dtype",
    "numpy.float64",
    "numpy.int64",
    "numpy.ndarray",
    "scipy.sparse._csr.csr_matrix",
    "sklearn.compose._column_transformer.ColumnTransformer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.feature_extraction.text.CountVectorizer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.pipeline.Pipeline",
    "builtins.slice",
    "builtins.dict",
    "builtins.list",
    "builtins.str",
    "builtins.int",
    "builtins.float",
    "builtins.tuple",
]

_PAST_SEC = re.compile(r"回顾|成绩|过去|去年|上年|总结|成效|进展|工作情况|肯定")
_PLAN_SEC = re.compile(r"安排|任务|部署|措施|要求|目标|举措|重点|保障|工作|推进|加快|建设|意见|计划|下半年|今年|\d{4}年")
_YEAR = re.compile(r"(?:19|20)\d{2}(?=年)")
_PLAN_NOTE = re.compile(r"[(（][^()（）]{0,80}(?:牵头单位|责任单位|牵头|按职责分工负责)")


def is_plan_doc(norm: str) -> bool:
    """A work plan: items closed by owner notes."""
    return len(_PLAN_NOTE.findall(norm)) >= 2


def context_words(sents: Sequence[Sentence], k: int, doc_year: int | None, plan_doc: bool) -> str:
    """The context of sentence ``k`` as feature words."""
    return " ".join(context_list(sents, k, doc_year, plan_doc))


def context_list(sents: Sequence[Sentence], k: int, doc_year: int | None, plan_doc: bool
                 ) -> list[str]:
    """:func:`context_words` as a list (what the runtime scorer sums, never joined and split).
    It reads no further back than a list member looks for its opener."""
    start = max(0, k - _LIST_BACK)
    return _Context(sents[start:k + 1], doc_year, plan_doc).words(k - start)


#: A count announcing a list (``5项：``, ``三个方面：``): what follows names items.
_COUNTED = re.compile(r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})(?:项|条|个方面)\)?:")
_LIST_BACK = 30  # the furthest a list member looks back for its opener
_LENGTHS = tuple(sys.intern(f"LEN_{n}") for n in range(9))


class _Context:
    """The context words of the sentences of one document. What several of them ask is
    worked out once: which sentences end with ``;`` (members of a list), whether a list's
    opener announces a count (every member asks), the words of a section (its sentences ask
    one after another)."""

    __slots__ = ("_counted", "_section", "doc_year", "plan_doc", "semi", "sents")

    def __init__(self, sents: Sequence[Sentence], doc_year: int | None, plan_doc: bool) -> None:
        self.sents = sents
        self.doc_year = doc_year
        self.plan_doc = plan_doc
        self.semi = [s.norm.rstrip().endswith(";") for s in sents]
        self._counted: dict[int, bool] = {}
        self._section: tuple[object, str | None, tuple[str, ...]] = (None, None, ())  # none yet

    def words(self, k: int) -> list[str]:
        """The context of sentence ``k`` as a list of feature words."""
        s = self.sents[k]
        norm = s.norm
        words = [_kind_word(s.kind), _LENGTHS[min(len(norm) // 15, 8)]]
        words += _cue_words(cue_tuple(norm))
        if s.marker:
            words.append("MARKED")
        if s.line_start:
            words.append("LINE_START")
        section, part, known = self._section
        if s.section is not section or s.part != part:
            known = _section_words(s.section, s.part)
            self._section = (s.section, s.part, known)
        words += known
        if self.plan_doc:
            words.append("DOC_PLAN")
        if self.doc_year and "年" in norm:
            for y in _YEAR.findall(norm):
                words.append("YEAR_PAST" if int(y) < self.doc_year
                             else "YEAR_NOW" if int(y) == self.doc_year else "YEAR_FUTURE")
        if (self.semi[k] or k and self.semi[k - 1]) and self._counted_list(k):
            words.append("LIST_COUNTED")
        if k and self.sents[k - 1].kind == "heading":
            words.append("AFTER_HEADING")
        return words

    def _counted_list(self, k: int) -> bool:
        """The sentence is a member of a ``;``-separated list whose opener announces a count
        (it ends with ``;`` or follows one that does)."""
        j = k
        while j > 0 and k - j < _LIST_BACK and self.semi[j - 1]:
            j -= 1
        counted = self._counted.get(j)
        if counted is None:
            counted = self._counted[j] = bool(_COUNTED.search(self.sents[j].norm))
        return counted


@cache
def _kind_word(kind: str) -> str:
    return sys.intern(f"KIND_{kind}")


@lru_cache(maxsize=1024)
def _cue_words(kinds: tuple[str, ...]) -> tuple[str, ...]:
    """The feature words of a sentence's cue kinds (a few hundred tuples recur)."""
    return tuple(sys.intern(f"CUE_{c}") for c in kinds)


@lru_cache(maxsize=4096)
def _section_words(section: tuple[str, ...], part: str | None) -> tuple[str, ...]:
    """The words of a sentence's section path and part (cached: a section's sentences ask)."""
    words = []
    path = "".join(section)
    if _PAST_SEC.search(path) and part != "deploy":  # the part decides where it can
        words.append("SEC_PAST")
    if _PLAN_SEC.search(path):
        words.append("SEC_PLAN")
    if not section:
        words.append("SEC_NONE")
    else:  # a heading in the imperative (着力推动…) deploys work; a descriptive one reviews it
        words += [f"SECIN_{c}" for c in _title_cues(section[-1])]
        words += [f"SECTOP_{c}" for c in _title_cues(section[0])]
    words.append(f"DEPTH_{min(len(section), 4)}")
    if part:  # review parts report work done in the verbs of a deployment
        words.append(f"PART_{part}")
    return tuple(map(sys.intern, words))


@lru_cache(maxsize=4096)
def _title_cues(title: str) -> tuple[str, ...]:
    """Cue kinds of a heading's words (cached: every sentence of a section asks)."""
    return cue_tuple(_strip_marker(title))


def _strip_marker(title: str) -> str:
    from .cleaning import normalise
    from .outline import marker_of

    norm = normalise(title)
    mk = marker_of(norm)
    return norm[len(mk[1]):] if mk else norm


def features(sents: Sequence[Sentence], doc_year: int | None, plan_doc: bool
             ) -> tuple[list[str], list[str]]:
    """What the model reads of every sentence: its text and its context words."""
    texts = [model_text(s) for s in sents]
    context = _Context(sents, doc_year, plan_doc)
    return texts, [" ".join(context.words(k)) for k in range(len(sents))]


def model_text(s: Sentence) -> str:
    """The text the char n-grams read: ``^`` and ``$`` let them see how it opens and ends."""
    return f"^{s.norm.rstrip()}$"


def frame(sents: Sequence[Sentence], doc_year: int | None, plan_doc: bool) -> pd.DataFrame:
    """:func:`features` as the DataFrame the scikit-learn pipeline takes."""
    import pandas as pd

    texts, context = features(sents, doc_year, plan_doc)
    return pd.DataFrame({"text": texts, "context": context})


def predict(model: Pipeline | LinearRuntime, sents: Sequence[Sentence], body: Sequence[int],
            doc_year: int | None, plan_doc: bool) -> dict[int, float]:
    """Task probability of the ``body`` sentences, from the runtime export or the pipeline."""
    from .runtime import LinearRuntime

    if not body:
        return {}
    if isinstance(model, LinearRuntime):  # the features of the body sentences only
        context = _Context(sents, doc_year, plan_doc)
        probs = model.probabilities([model_text(sents[k]) for k in body],
                                    [context.words(k) for k in body])
        return dict(zip(body, probs))
    x = frame(sents, doc_year, plan_doc).iloc[list(body)]
    pos = list(model.classes_).index(True)
    return {k: float(p) for k, p in zip(body, model.predict_proba(x)[:, pos])}


def default_path() -> Path:
    return Path(str(resources.files("speechkit").joinpath("models", MODEL_NAME)))


def runtime_path() -> Path:
    return default_path().with_name(RUNTIME_NAME)


@cache
def load(path: str | None = None) -> LinearRuntime:
    """The shipped model's runtime export (or one at ``path``), loaded once.

    A missing or unreadable model raises :class:`~speechkit.errors.ModelError`: extraction
    never falls back to rules quietly (task F1 would drop by a fifth without saying so).
    """
    from .runtime import load as load_runtime

    p = Path(path) if path else runtime_path()
    if not p.is_file():
        raise ModelError(f"{p}: the task model is missing; reinstall speechkit, or train one "
                         "with `speechkit train corpora seeds -o models`")
    return load_runtime(p)


def load_pipeline(path: str | None = None) -> Pipeline | None:
    """The model of record: the scikit-learn pipeline, loaded with skops against
    :data:`TRUSTED` (never a pickle); None when there is none."""
    p = Path(path) if path else default_path()
    if not p.exists():
        return None
    try:
        import skops.io as sio

        untrusted = set(sio.get_untrusted_types(file=p))
        unknown = untrusted - set(TRUSTED)
        if unknown:
            raise ModelError(f"{p}: refusing to load types not on the trusted list: {sorted(unknown)}")
        pipe: Pipeline = sio.load(p, trusted=sorted(untrusted))
        return pipe
    except ModelError:
        raise
    except Exception as e:  # noqa: BLE001 - a corrupt or foreign file fails in many ways
        raise ModelError(f"{p}: cannot load task model ({e})") from None
