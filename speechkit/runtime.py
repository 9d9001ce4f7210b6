"""A runtime export of the task model: the same arithmetic, in plain Python, from plain JSON.

The model of record is the scikit-learn pipeline saved with ``skops`` (``task_model.skops``).
Importing scikit-learn and skops to use it costs about 1.7 s in a fresh process, more than a
whole speech takes to extract, so training also writes what the pipeline computes — the
vocabularies, idf weights, coefficients and intercept — to ``task_model.runtime.json``. Scoring
from it needs neither scikit-learn nor numpy nor pandas; ``tests/test_training.py`` checks that
both give the same probabilities on every annotated sentence.

What is reproduced (and nothing else is supported; :func:`export` refuses other settings):
char n-grams of ``TfidfVectorizer(analyzer="char", lowercase=False, sublinear_tf=True,
norm="l2", smooth_idf=True)``, word counts of ``CountVectorizer(token_pattern=r"\\S+",
lowercase=False)``, side by side as in a ``ColumnTransformer``, and a binary
``LogisticRegression``.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import ModelError

FORMAT = "speechkit-linear-1"
_WHITE = re.compile(r"\s\s+")
_TOKEN = re.compile(r"\S+")


class LinearRuntime:
    """Scores sentences as the exported pipeline does."""

    def __init__(self, spec: dict[str, Any]) -> None:
        if spec.get("format") != FORMAT:
            raise ModelError(f"unknown runtime model format {spec.get('format')!r}")
        self.classes_ = [False, True]
        self.ngram_range: tuple[int, int] = tuple(spec["ngram_range"])
        self.chars: dict[str, tuple[float, float]] = {k: (v[0], v[1]) for k, v in spec["chars"].items()}
        self.context: dict[str, float] = spec["context"]
        self.intercept: float = spec["intercept"]

    def _char_score(self, text: str) -> float:
        text = _WHITE.sub(" ", text)
        lo, hi = self.ngram_range
        counts = Counter(text[i:i + n] for n in range(lo, hi + 1) for i in range(len(text) - n + 1))
        norm2 = 0.0
        dot = 0.0
        for gram, tf in counts.items():
            known = self.chars.get(gram)
            if known is None:
                continue
            idf, coef = known
            value = (1.0 + math.log(tf)) * idf
            norm2 += value * value
            dot += value * coef
        return dot / math.sqrt(norm2) if norm2 else 0.0

    def probabilities(self, texts: Sequence[str], contexts: Sequence[str]) -> list[float]:
        """The probability of the class ``True`` (a task) for every sentence."""
        out = []
        for text, context in zip(texts, contexts):
            z = self.intercept + self._char_score(text)
            for word, n in Counter(_TOKEN.findall(context)).items():
                z += n * self.context.get(word, 0.0)
            out.append(1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0)
        return out


def export(pipe: Any) -> dict[str, Any]:
    """The runtime spec of a fitted pipeline built by ``taskmodel.build_pipeline``."""
    features, clf = pipe.named_steps["features"], pipe.named_steps["clf"]
    chars, context = features.named_transformers_["chars"], features.named_transformers_["context"]
    expected = {"analyzer": "char", "lowercase": False, "sublinear_tf": True, "norm": "l2",
                "smooth_idf": True, "use_idf": True, "preprocessor": None, "strip_accents": None}
    got = {k: getattr(chars, k) for k in expected}
    if got != expected or context.lowercase or context.token_pattern != r"\S+" \
            or list(clf.classes_) != [False, True] or features.remainder != "drop":
        raise ModelError(f"cannot export this pipeline to the runtime format: {got}")
    n_chars = len(chars.vocabulary_)
    coef = [float(c) for c in clf.coef_[0]]
    idf = [float(x) for x in chars.idf_]
    return {
        "format": FORMAT,
        "ngram_range": list(chars.ngram_range),
        "chars": {g: [idf[i], coef[i]] for g, i in sorted(chars.vocabulary_.items())},
        "context": {w: coef[n_chars + i] for w, i in sorted(context.vocabulary_.items())},
        "intercept": float(clf.intercept_[0]),
    }


def write(pipe: Any, path: Path) -> None:
    path.write_text(json.dumps(export(pipe), ensure_ascii=False, sort_keys=True,
                               separators=(",", ":")) + "\n", encoding="utf-8")


def load(path: Path) -> LinearRuntime:
    try:
        spec = json.loads(path.read_text(encoding="utf-8"))
        return LinearRuntime(spec)
    except ModelError:
        raise
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ModelError(f"{path}: cannot load the runtime task model ({e})") from None
