"""The numpy scorer's tables give the pure-Python scorer's sums on vocabularies the shipped model
does not exercise: trigrams whose pairs are no grams, a gram holding the separator, pairs
looked up in the hash table instead of the direct one, a hash table with displaced keys."""
from __future__ import annotations

import random
import re
import sys

import pytest

from speechkit import runtime, taskmodel

_ALPHABET = "要抓好落实推进^$ \0a"


def _spec(seed: int, ngram_range: tuple[int, int] = (1, 3)) -> dict:
    rnd = random.Random(seed)
    grams = {"".join(rnd.choice(_ALPHABET) for _ in range(rnd.randint(*ngram_range)))
             for _ in range(120)}
    return {"format": runtime.FORMAT, "ngram_range": list(ngram_range), "intercept": -0.5,
            "context": {"KIND_body": 0.25},
            "chars": {g: [rnd.uniform(1.0, 6.0), rnd.uniform(-2.0, 2.0)] for g in sorted(grams)}}


def _texts(seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(_ALPHABET + "村") for _ in range(rnd.randint(0, 30)))
            for _ in range(200)]


@pytest.mark.parametrize("ngram_range", [(1, 3), (2, 3), (1, 2), (3, 3), (1, 1)])
@pytest.mark.parametrize("direct", [True, False])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_numpy_sums_as_python_does(seed, ngram_range, direct, monkeypatch):
    if not direct:
        monkeypatch.setattr(runtime, "_DIRECT", 0)  # every pair through the hash table
    spec = _spec(seed, ngram_range)
    texts = _texts(seed)
    fast = runtime.LinearRuntime(spec, engine="numpy").char_scores(texts)
    slow = runtime.LinearRuntime(spec, engine="python").char_scores(texts)
    assert any(fast)
    assert all(abs(a - b) < 1e-12 for a, b in zip(fast, slow))


def test_the_spec_has_what_the_test_means_to_cover():
    grams = set(_spec(0)["chars"])
    assert any("\0" in g for g in grams)
    assert any(len(g) == 3 and g[:2] not in grams for g in grams)


def test_a_crowded_hash_table_finds_every_key():
    import numpy as np

    items = {k: v for v, k in enumerate(random.Random(0).sample(range(10 ** 7), 5000))}
    table = runtime._Hash(items)
    assert len(table.displaced) > 100  # keys whose home slot another has
    absent = list(range(10 ** 7, 10 ** 7 + 2000))
    keys = np.array(list(items) + absent, dtype=np.int64)
    assert table.find(keys).tolist() == list(items.values()) + [-1] * len(absent)
    keys = np.array([2 ** 40 + 1, 2 ** 40], dtype=np.int64)
    assert runtime._Hash({2 ** 40: 7}).find(keys).tolist() == [-1, 7]  # int64 keys


def test_an_empty_hash_table_finds_nothing():
    import numpy as np

    items: dict[int, int] = {}
    table = runtime._Hash(items)
    keys = np.array([1, 2, 3], dtype=np.int64)
    assert table.find(keys).tolist() == [-1, -1, -1]  # an empty table


def test_only_the_space_is_printable_whitespace():
    r"""What ``_squeeze`` relies on: a printable text's only whitespace (``\s``) is the space;
    and the numpy scorer's table of whitespace holds every one."""
    space = re.compile(r"\s")
    every = [c for c in map(chr, range(sys.maxunicode + 1)) if space.match(c)]
    assert [c for c in every if c.isprintable()] == [" "]
    table = runtime.load(taskmodel.runtime_path(), engine="numpy")._vocabulary()
    assert [chr(c) for c in table._space.nonzero()[0]] == every


@pytest.mark.parametrize("texts", [["a  b", "^要 \u3000抓"], ["^要\t\t", "", "\n\n"], ["^要 抓"]])
def test_the_numpy_scorer_squeezes_whitespace(texts):
    model = runtime.load(taskmodel.runtime_path(), engine="numpy")
    squeezed = [runtime._WHITE.sub(" ", t) for t in texts]
    assert model.char_scores(texts) == model.char_scores(squeezed)


@pytest.mark.parametrize("text", ["", "a", "a  b", "a \n b", "a\u3000\u3000b", "a\tb", "\0 \0"])
def test_squeeze_is_the_regex(text):
    assert runtime._squeeze(text) == runtime._WHITE.sub(" ", text)
