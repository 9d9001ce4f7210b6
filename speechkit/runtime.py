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
_LAST_SPACE = 0x3000  # the last whitespace character (ideographic space)
#: The most pairs of characters looked up in a table of every pair (2 bytes each).
_DIRECT = 1 << 22


class LinearRuntime:
    """Scores sentences as the exported pipeline does.

    Two scorers give the same sums (in another order, so equal to ~1e-15):

    - pure Python, for small calls: n-grams cut and counted by C-level built-ins (``map``,
      ``Counter``); each n-gram's idf·coef and idf² looked up at once, as the real and imaginary
      parts of one complex number; only n-grams seen more than once take the sublinear-tf
      correction in a Python loop;
    - numpy, once a process has asked for :data:`NUMPY_FROM` characters (or numpy is loaded):
      characters numbered by the vocabulary's alphabet, pairs looked up in a table of every
      pair of them, trigrams in a hash table (:class:`_Table`); the grams found sorted by
      sentence and vocabulary index, counted and summed per sentence with ``np.bincount``.
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
        #: the words interned: a feature word made once (``taskmodel``) is found by identity
        self.context: dict[str, float] = {sys.intern(w): c for w, c in spec["context"].items()}
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
        table = self._vocabulary()
        out: list[float] = []
        for batch in _batches(texts, _CHUNK):
            out.extend(_sums(table, self._found(table, batch), len(batch)))
        return out

    def _found(self, table: _Table, batch: Sequence[str]) -> Any:
        """The key of every gram of the vocabulary found in ``batch``: its text's number, then
        its vocabulary index, in one int (``index_bits`` for the index)."""
        import numpy as np

        lo, hi = self.ngram_range
        size = len(table.idf)
        raw = np.frombuffer("\0".join(batch).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        if table.spaced(raw):  # some run of whitespace: squeezed, as the analyzer reads it
            batch = list(map(_squeeze, batch))
            raw = np.frombuffer("\0".join(batch).encode("utf-32-le", "surrogatepass"),
                                dtype=np.uint32)
        ch = np.take(table.letter, raw, mode="clip")  # each character's number (0: none)
        lens = np.fromiter(map(len, batch), dtype=np.int32, count=len(batch))
        ch[np.cumsum(lens + 1)[:-1] - 1] = 0  # the separators: no gram runs across one
        wide: Any = np.int32 if len(batch) << table.index_bits < 1 << 31 else np.int64
        base = np.repeat(np.left_shift(np.arange(len(batch), dtype=wide), table.index_bits),
                         lens + 1)[:len(ch)]  # the key of index 0, at each place
        found = [base[:0]]
        if lo == 1:
            v = np.take(table.singles, ch)
            found.append((base + v)[v >= 0])
        if hi >= 2 and len(ch) >= 2:
            pair = table.pairs(ch)
            if lo <= 2:
                v = np.where(pair < size, pair, -1) if table.extra_pairs else pair
                found.append((base[:-1] + v)[v >= 0])
            if hi == 3 and len(ch) >= 3:  # where a trigram's two pairs are known
                at = np.flatnonzero((pair[:-1] >= 0) & (pair[1:] >= 0))
                v = table.triples(pair, ch, at)
                hit = v >= 0
                found.append(base[at[hit]] + v[hit])
        return np.concatenate(found)

    def char_scores(self, texts: Sequence[str]) -> list[float]:
        """The char n-gram part of the score of every text, as the pipeline computes it."""
        if self.engine == "numpy" or self.engine == "auto" and "numpy" in sys.modules:
            return self._numpy_scores(texts)  # it squeezes whitespace where there is any
        texts = list(map(_squeeze, texts))
        if self.engine == "auto":  # numpy once this process has scored enough to pay for it
            self._python_chars += sum(map(len, texts))
            if self._python_chars >= NUMPY_FROM:
                return self._numpy_scores(texts)
        return [self._char_score(t) for t in texts]

    def probabilities(self, texts: Sequence[str], contexts: Sequence[str | list[str]]) -> list[float]:
        """The probability of the class ``True`` (a task) for every sentence; a context is its
        words, joined by spaces or as a list."""
        out = []
        get, zeros, intercept = self.context.get, repeat(0.0), self.intercept  # zeros: endless
        for char, words in zip(self.char_scores(texts), contexts):
            ws = words.split() if isinstance(words, str) else words  # split: \S+
            z = intercept + char + sum(map(get, ws, zeros))
            out.append(1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0)
        return out


class _Table:
    """The vocabulary as arrays for numpy lookups of a whole batch at once.

    Its characters are numbered 1… (the most frequent, by idf, first; 0: any other character),
    so a character's single gram is an index into a small array, and a character pair is one
    into a table of every pair of them (or a hash table, where that would be too big). A
    trigram is its first pair's number and its last character, looked up in a hash table.
    Pairs get numbers as their vocabulary index, and the pairs a trigram starts or ends with
    that are no gram themselves numbers from ``len(vocabulary)`` on.
    """

    def __init__(self, idf_coef: dict[str, tuple[float, float]]) -> None:
        import numpy as np

        grams = list(idf_coef)
        size = len(grams)
        self.idf = np.array([idf_coef[g][0] for g in grams])
        self.coef = np.array([idf_coef[g][1] for g in grams])
        #: a gram's share of the dot product and of the squared norm at tf 1, as one complex
        #: number (one take for both), as the scorer computes them
        self.shares = np.empty(size, dtype=complex)
        self.shares.real, self.shares.imag = self.idf * self.coef, self.idf * self.idf
        self.index_bits = max(size - 1, 1).bit_length()
        by_idf = {g: idf_coef[g][0] for g in grams if len(g) == 1}
        letters = sorted(set("".join(grams)), key=lambda c: (by_idf.get(c, math.inf), c))
        number = {c: k for k, c in enumerate(letters, 1)}
        self.alphabet = len(letters) + 1
        self.letter = np.zeros(max(map(ord, letters), default=0) + 2, dtype=np.intp)  # last: 0
        self.letter[[ord(c) for c in letters]] = list(number.values())
        spaces = [c for c in range(_LAST_SPACE + 1) if chr(c).isspace()]
        self._space = np.zeros(max(spaces) + 2, dtype=bool)  # the last: none
        self._space[spaces] = True
        self.singles = np.full(self.alphabet, -1, dtype=np.int32)
        self.singles[[number[g] for g in grams if len(g) == 1]] = \
            [k for k, g in enumerate(grams) if len(g) == 1]
        pair_of = {g: k for k, g in enumerate(grams) if len(g) == 2}
        n_pairs = len(pair_of)
        for g in grams:
            for p in (g[:2], g[1:]) if len(g) == 3 else ():
                pair_of.setdefault(p, size + len(pair_of) - n_pairs)
        self.extra_pairs = len(pair_of) > n_pairs

        def code(p: str) -> int:
            return number[p[0]] * self.alphabet + number[p[1]]

        self._direct = self.alphabet ** 2 <= _DIRECT
        if self._direct:
            dtype = np.int16 if size + len(pair_of) < 1 << 15 else np.int32
            self._pairs: Any = np.full(self.alphabet ** 2, -1, dtype=dtype)
            self._pairs[[code(p) for p in pair_of]] = list(pair_of.values())
        else:
            self._pairs = _Hash({code(p): k for p, k in pair_of.items()})
        self._triples = _Hash({pair_of[g[:2]] * self.alphabet + number[g[2]]: k
                               for k, g in enumerate(grams) if len(g) == 3})

    def spaced(self, raw: Any) -> bool:
        """Whether two whitespace characters (``\\s``) follow one another in ``raw`` (code points)."""
        import numpy as np

        space = np.take(self._space, raw, mode="clip")
        return bool(np.logical_and(space[:-1], space[1:]).any())

    def pairs(self, ch: Any) -> Any:
        """The number of the pair at every place of ``ch`` (letters) but the last (-1: none)."""
        import numpy as np

        code = np.multiply(ch[:-1], self.alphabet)
        code += ch[1:]
        return np.take(self._pairs, code) if self._direct else self._pairs.find(code)

    def triples(self, pair: Any, ch: Any, at: Any) -> Any:
        """The vocabulary index of the trigram at each place ``at`` (-1 where none), given the
        numbers of the letters and pairs."""
        import numpy as np

        key = np.multiply(pair[at], self.alphabet, dtype=self._triples.dtype)
        key += np.take(ch, at + 2)
        return self._triples.find(key)


class _Hash:
    """A hash table of non-negative int keys, looked up for a whole array of keys at once:
    each key is at its home slot, or (when another key has it) in a short sorted list of
    the displaced ones, searched only for the keys whose home slot has some; no probing loop."""

    def __init__(self, items: dict[int, int]) -> None:
        import numpy as np

        self.dtype = np.int32 if max(items, default=0) < 1 << 31 else np.int64
        width = np.dtype(self.dtype).itemsize * 8
        self.bits = max(4, (4 * len(items)).bit_length())  # load factor <= 1/4
        unsigned = np.dtype(f"u{width // 8}").type
        self._mult = unsigned(0x9E3779B97F4A7C15 >> (64 - width))  # Fibonacci hashing
        self._shift = unsigned(width - self.bits)
        keys, values = [-1] * (1 << self.bits), [-1] * (1 << self.bits)  # -1: empty
        displaced: dict[int, int] = {}
        spilled = [False] * (1 << self.bits)
        mult, high = int(self._mult), (1 << width) - 1
        for k, v in items.items():
            slot = ((k * mult) & high) >> (width - self.bits)
            if keys[slot] < 0:
                keys[slot], values[slot] = k, v
            else:
                displaced[k], spilled[slot] = v, True
        self.keys = np.array(keys, dtype=self.dtype)
        self.values = np.array(values, dtype=np.int32)
        self.spilled = np.array(spilled, dtype=bool)
        self.displaced = np.array(sorted(displaced), dtype=self.dtype)
        self.displaced_values = np.array([displaced[k] for k in sorted(displaced)], dtype=np.int32)

    def find(self, key: Any) -> Any:
        """The value of every key (-1 where none)."""
        import numpy as np

        key = key.astype(self.dtype, copy=False)
        slot = key.view(self._mult.dtype) * self._mult
        slot >>= self._shift
        slot = slot.astype(np.intp)  # once, not at each take
        held = np.take(self.keys, slot)
        out = np.take(self.values, slot)
        miss = held != key
        out[miss] = -1
        rest = np.flatnonzero(miss & np.take(self.spilled, slot))
        if len(rest) and len(self.displaced):
            at = np.searchsorted(self.displaced, key[rest])
            at[at == len(self.displaced)] = 0
            hit = self.displaced[at] == key[rest]
            out[rest[hit]] = self.displaced_values[at[hit]]
        return out


def _sums(table: _Table, keys: Any, count: int) -> list[float]:
    """The char score of ``count`` sentences from the keys (sentence, vocabulary index) of
    the grams found in them: each gram weighs (1 + log tf) · idf, l2-normalised, times its
    coefficient. Summed per sentence in the order of the vocabulary, as ever, so the same to
    the last bit: a gram's first key carries its weight, the others 0."""
    import numpy as np

    keys.sort()
    s = np.right_shift(keys, table.index_bits, dtype=np.intp)  # indices: no cast at each use
    v = np.bitwise_and(keys, (1 << table.index_bits) - 1, dtype=np.intp)
    shares = np.take(table.shares, v)  # tf 1: weight idf
    dot, norm2 = shares.real, shares.imag
    again = np.flatnonzero(keys[1:] == keys[:-1]) + 1  # a gram's second key, third…
    if len(again):
        shares[again] = 0
        run = np.empty(len(again), dtype=bool)  # the first repeat of each gram
        run[0] = True
        np.not_equal(again[1:] - 1, again[:-1], out=run[1:])
        starts = np.flatnonzero(run)
        first = again[starts] - 1
        tf = np.diff(starts, append=len(again)) + 1
        vf = v[first]
        value = (1.0 + np.log(tf)) * np.take(table.idf, vf)
        dot[first] = value * np.take(table.coef, vf)
        norm2[first] = value * value
    dot = np.bincount(s, weights=dot, minlength=count)
    norm2 = np.bincount(s, weights=norm2, minlength=count)
    safe = np.where(norm2 > 0, norm2, 1.0)
    out: list[float] = np.where(norm2 > 0, dot / np.sqrt(safe), 0.0).tolist()
    return out


def _squeeze(text: str) -> str:
    """``text`` with each run of whitespace (two or more) as one space, as the vectoriser's
    char analyzer reads it. A text that is printable holds no whitespace but the space (every
    other is a control or separator character), so two spaces in a row are the only run."""
    if text.isprintable() and "  " not in text:
        return text
    return _WHITE.sub(" ", text)


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
