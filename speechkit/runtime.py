"""A runtime export of the task model: the same arithmetic, in plain Python, from plain JSON.

The model of record is the scikit-learn pipeline saved with ``skops`` (``task_model.skops``).
Importing scikit-learn and skops to use it costs about 1.7 s in a fresh process, more than a
whole speech takes to extract, so training also writes what the pipeline computes — the
vocabularies, idf weights, coefficients and intercept — to ``task_model.runtime.json``. Scoring
from it needs neither scikit-learn nor pandas, and numpy only for large calls (where it pays
for its import); ``tests/test_training.py`` checks that both scorers give the pipeline's
probabilities on every annotated sentence.

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
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import repeat
from operator import add
from pathlib import Path
from typing import Any

from .errors import ModelError

FORMAT = "speechkit-linear-1"
_WHITE = re.compile(r"\s\s+")


#: From this many characters scored in a process, numpy pays for its import (~0.1 s).
NUMPY_FROM = 60_000
#: Characters scored per numpy batch: bounds the arrays (a 20 MB speech stays small).
_CHUNK = 64_000
_BITS = 21  # a code point (+1) fits in 21 bits: three of them in one int64 key


class LinearRuntime:
    """Scores sentences as the exported pipeline does.

    Two scorers give the same sums (in another order, so equal to ~1e-15):

    - pure Python, for small calls: n-grams cut and counted by C-level built-ins (``map``,
      ``Counter``); each n-gram's idf·coef and idf² looked up at once, as the real and imaginary
      parts of one complex number; only n-grams seen more than once take the sublinear-tf
      correction in a Python loop;
    - numpy, once a process has asked for :data:`NUMPY_FROM` characters (or numpy is loaded):
      n-grams as int64 keys of their code points, looked up in the sorted vocabulary, counted
      per sentence with ``np.unique`` and summed per sentence with ``np.bincount``.
    """

    def __init__(self, spec: dict[str, Any], engine: str = "auto") -> None:
        if engine not in ("auto", "python", "numpy"):
            raise ValueError(f"engine must be auto, python or numpy, not {engine!r}")
        self.engine = engine
        if spec.get("format") != FORMAT:
            raise ModelError(f"unknown runtime model format {spec.get('format')!r}")
        self.classes_ = [False, True]
        lo, hi = (int(n) for n in spec["ngram_range"])
        if not 1 <= lo <= hi <= 3:
            raise ModelError(f"cannot score char n-grams of range {spec['ngram_range']!r}")
        self.ngram_range = (lo, hi)
        #: per n-gram: idf·coef (its share of the score when it occurs once) + 1j·idf² (its
        #: share of the squared l2 norm)
        self.chars: dict[str, complex] = {g: complex(idf * coef, idf * idf)
                                          for g, (idf, coef) in spec["chars"].items()}
        self._idf_coef = {g: (float(v[0]), float(v[1])) for g, v in spec["chars"].items()}
        self.context: dict[str, float] = spec["context"]
        self.intercept: float = spec["intercept"]
        self._table: _Table | None = None
        self._python_chars = 0  # characters this runtime has been asked to score

    def _grams(self, text: str) -> Counter[str]:
        lo, hi = self.ngram_range
        counts: Counter[str] = Counter()
        grams: Iterable[str] = text
        for n in range(1, hi + 1):
            if n > 1:
                grams = list(map(add, grams, text[n - 1:]))
            if n >= lo:
                counts.update(grams)
        return counts

    def _char_score(self, text: str) -> float:
        counts = self._grams(text)
        chars = self.chars
        both = sum(map(chars.get, counts, repeat(0j)))
        dot, norm2 = both.real, both.imag
        if len(counts) < counts.total():  # some n-grams repeat: (1 + log tf) instead of 1
            for gram, tf in counts.most_common():
                if tf == 1:
                    break
                c = chars.get(gram)
                if c is not None:
                    w = 1.0 + math.log(tf)
                    dot += (w - 1.0) * c.real
                    norm2 += (w * w - 1.0) * c.imag
        return dot / math.sqrt(norm2) if norm2 > 0 else 0.0

    def _vocabulary(self) -> _Table:
        if self._table is None:
            self._table = _Table(self._idf_coef)
        return self._table

    def _numpy_scores(self, texts: Sequence[str]) -> list[float]:
        import numpy as np

        table = self._vocabulary()
        lo, hi = self.ngram_range
        out: list[float] = []
        for batch in _batches(texts, _CHUNK):
            joined = "\0".join(batch)
            raw = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            cp = np.add(raw, 1, dtype=np.uint64)
            lens = np.fromiter(map(len, batch), dtype=np.int64, count=len(batch))
            sid = np.repeat(np.arange(len(batch), dtype=np.int64), lens + 1)[:len(cp)]
            sid[np.cumsum(lens + 1)[:-1] - 1] = -1  # the separators belong to no sentence
            found_sid, found_v = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
            for n in range(lo, hi + 1):
                m = len(cp) - n + 1
                if m <= 0:
                    continue
                if n == 1:
                    at = table.find_single(cp)
                else:
                    key = cp[:m] << np.uint64(2 * _BITS)
                    for j in range(1, n):
                        key |= cp[j:j + m] << np.uint64((2 - j) * _BITS)
                    at = table.find(key)
                ok = at >= 0
                if table.holds_separator:  # else no gram found runs across a separator
                    ok &= (sid[:m] >= 0) & (sid[:m] == sid[n - 1:n - 1 + m])
                found_sid.append(sid[:m][ok])
                found_v.append(at[ok])
            size = len(table.idf)
            keys = np.concatenate(found_sid) * size + np.concatenate(found_v)
            if len(batch) * size < 1 << 31:
                keys = keys.astype(np.int32)  # sorted twice as fast
            pairs, tf = np.unique(keys, return_counts=True)
            v, s = pairs % size, pairs // size
            value = (1.0 + np.log(tf)) * table.idf[v]
            dot = np.bincount(s, weights=value * table.coef[v], minlength=len(batch))
            norm2 = np.bincount(s, weights=value * value, minlength=len(batch))
            safe = np.where(norm2 > 0, norm2, 1.0)
            out.extend(np.where(norm2 > 0, dot / np.sqrt(safe), 0.0).tolist())
        return out

    def char_scores(self, texts: Sequence[str]) -> list[float]:
        """The char n-gram part of the score of every text, as the pipeline computes it."""
        texts = [_WHITE.sub(" ", t) for t in texts]
        if self.engine == "auto":  # numpy once this process has scored enough to pay for it
            self._python_chars += sum(map(len, texts))
        if self.engine == "numpy" or self.engine == "auto" and (
                "numpy" in sys.modules or self._python_chars >= NUMPY_FROM):
            return self._numpy_scores(texts)
        return [self._char_score(t) for t in texts]

    def probabilities(self, texts: Sequence[str], contexts: Sequence[str | list[str]]) -> list[float]:
        """The probability of the class ``True`` (a task) for every sentence; a context is its
        words, joined by spaces or as a list."""
        out = []
        context = self.context
        for char, words in zip(self.char_scores(texts), contexts):
            ws = words.split() if isinstance(words, str) else words  # split: \S+
            z = self.intercept + char + sum(map(context.get, ws, repeat(0.0)))
            out.append(1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0)
        return out


class _Table:
    """The vocabulary as an open-addressing hash table of int64 n-gram keys (:func:`_key`),
    looked up for a whole array of keys at once: far quicker than a binary search; single
    characters in an array indexed by code point, quicker still."""

    _MULT = 0x9E3779B97F4A7C15  # Fibonacci hashing

    def __init__(self, idf_coef: dict[str, tuple[float, float]]) -> None:
        import numpy as np

        grams = list(idf_coef)
        self.idf = np.array([idf_coef[g][0] for g in grams])
        self.coef = np.array([idf_coef[g][1] for g in grams])
        self.bits = max(4, (4 * len(grams)).bit_length())  # load factor <= 1/4
        self.mask = (1 << self.bits) - 1
        keys = [0] * (1 << self.bits)  # 0: empty (every real key holds a code point + 1)
        values = [-1] * (1 << self.bits)
        self.probes = 1
        for i, g in enumerate(grams):
            k = _key(g)
            slot, n = ((k * self._MULT) & 0xFFFFFFFFFFFFFFFF) >> (64 - self.bits), 1
            while keys[slot]:
                slot, n = (slot + 1) & self.mask, n + 1
            keys[slot], values[slot] = k, i
            self.probes = max(self.probes, n)
        self.keys = np.array(keys, dtype=np.uint64)
        self.values = np.array(values, dtype=np.int64)
        self.holds_separator = any("\0" in g for g in grams)
        singles = {ord(g) + 1: i for i, g in enumerate(grams) if len(g) == 1}
        self.singles = np.full(max(singles, default=0) + 2, -1, dtype=np.int64)  # last: none
        self.singles[list(singles)] = list(singles.values())

    def find_single(self, cp: Any) -> Any:
        """The vocabulary index of every character, given as its code point + 1 (-1 where none)."""
        import numpy as np

        return self.singles[np.minimum(cp, len(self.singles) - 1)]

    def find(self, key: Any) -> Any:
        """The vocabulary index of every key (-1 where none)."""
        import numpy as np

        slot = ((key * np.uint64(self._MULT)) >> np.uint64(64 - self.bits)).astype(np.int64)
        held = self.keys[slot]  # the first probe settles most keys: done on whole arrays
        out = self.values[slot]
        miss = held != key
        out[miss] = -1
        todo = np.flatnonzero(miss & (held != 0))  # another key holds the slot: probe on
        slot = (slot[todo] + 1) & self.mask
        for _ in range(1, self.probes):
            if not len(todo):
                break
            held = self.keys[slot]
            hit = held == key[todo]
            out[todo[hit]] = self.values[slot[hit]]
            more = ~hit & (held != 0)
            todo, slot = todo[more], (slot[more] + 1) & self.mask
        return out


def _key(gram: str) -> int:
    """An n-gram (n ≤ 3) as one int: its code points + 1, 21 bits each, left-aligned."""
    key = 0
    for k, ch in enumerate(gram):
        key |= (ord(ch) + 1) << ((2 - k) * _BITS)
    return key


def _batches(texts: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    start, total = 0, 0
    for k, t in enumerate(texts):
        total += len(t) + 1
        if total >= size:
            yield texts[start:k + 1]
            start, total = k + 1, 0
    if start < len(texts):
        yield texts[start:]


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


def load(path: Path, engine: str = "auto") -> LinearRuntime:
    try:
        spec = json.loads(path.read_text(encoding="utf-8"))
        return LinearRuntime(spec, engine)
    except ModelError:
        raise
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ModelError(f"{path}: cannot load the runtime task model ({e})") from None
