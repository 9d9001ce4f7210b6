"""The task model: trained deterministically, shipped in sync with corpora/, loaded safely."""
from __future__ import annotations

import json
import shutil

import pytest

from speechkit import taskmodel, training
from speechkit.errors import ModelError

from .conftest import ROOT

MODELS = ROOT / "speechkit" / "models"  # shipped in the wheel; ROOT / "models" links here


@pytest.fixture(scope="module")
def sidecar():
    return json.loads((MODELS / taskmodel.SIDECAR_NAME).read_text(encoding="utf-8"))


def test_shipped_model_matches_the_corpus(sidecar):
    """Retrain (`speechkit train corpora seeds -o models`) after changing any annotation."""
    assert sidecar["data_sha256"] == training.corpus_hash([ROOT / "corpora", ROOT / "seeds"])


def test_sidecar_has_what_a_reviewer_needs(sidecar):
    assert sidecar["labels"] == [False, True]
    assert set(sidecar["versions"]) >= {"python", "scikit-learn", "skops"}
    cv = sidecar["cross_validated"]
    assert cv["folds"] == 5 and cv["f1"] >= 0.9
    assert sidecar["documents"] >= 31
    assert (MODELS / taskmodel.MODEL_NAME).stat().st_size < 20 * 1024 * 1024


def test_training_is_byte_for_byte_reproducible(tmp_path):
    src = tmp_path / "gold"
    src.mkdir()
    for stem in ("a01", "a09", "b04", "b11"):
        for suffix in (".txt", ".gold.json"):
            shutil.copy(ROOT / "corpora" / f"{stem}{suffix}", src)
    a = training.train([src], tmp_path / "m1", folds=2)
    b = training.train([src], tmp_path / "m2", folds=2)
    assert a == b
    assert (tmp_path / "m1" / taskmodel.MODEL_NAME).read_bytes() == \
        (tmp_path / "m2" / taskmodel.MODEL_NAME).read_bytes()


class Smuggled:
    """A type no speechkit model holds."""


def test_untrusted_types_are_refused(tmp_path):
    import skops.io as sio
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer

    path = tmp_path / "evil.skops"
    sio.dump(Pipeline([("f", FunctionTransformer(kw_args={"x": Smuggled()}))]), path)
    with pytest.raises(ModelError, match="trusted"):
        taskmodel.load_pipeline(str(path))


def test_a_corrupt_model_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.skops"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ModelError, match="cannot load"):
        taskmodel.load_pipeline(str(path))


def test_speechkit_train_reproduces_the_shipped_model(tmp_path):
    """In a fresh process with another hash seed: the very bytes that ship."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, PYTHONHASHSEED="12345")
    r = subprocess.run([sys.executable, "-m", "speechkit", "train", "corpora", "seeds",
                        "-o", str(tmp_path)], cwd=ROOT, env=env, capture_output=True, text=True,
                       check=False)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / taskmodel.MODEL_NAME).read_bytes() == (MODELS / taskmodel.MODEL_NAME).read_bytes()
    assert json.loads((tmp_path / taskmodel.SIDECAR_NAME).read_text(encoding="utf-8")) == \
        json.loads((MODELS / taskmodel.SIDECAR_NAME).read_text(encoding="utf-8"))


@pytest.mark.parametrize("engine", ["python", "numpy"])
def test_the_runtime_export_scores_as_the_pipeline_does(engine):
    """Every annotated sentence: the same probability from both, so the same verdict."""
    from pathlib import Path

    from speechkit import gold, runtime

    pipe = taskmodel.load_pipeline()
    fast = runtime.load(taskmodel.runtime_path(), engine=engine)
    assert pipe is not None
    docs = training.tables(d for f in (ROOT / "corpora", ROOT / "seeds") for d in gold.read_dir(Path(f)))
    n = 0
    for t in docs[::2]:
        a = taskmodel.predict(pipe, t.sents, t.body, t.year, t.plan)
        b = taskmodel.predict(fast, t.sents, t.body, t.year, t.plan)
        assert a.keys() == b.keys()
        for k in a:
            assert abs(a[k] - b[k]) < 1e-9
            n += 1
    assert n > 500


@pytest.mark.parametrize("texts", [[""], ["", "^"], ["^要要要要", "^\x00要\ud800", "^ 要  抓好  "],
                                   ["^镇规建办要抓好落实。" * 50, "^" + "要" * 300]])
@pytest.mark.parametrize("chunk", [7, 250_000])
def test_both_scorers_agree_on_odd_texts(texts, chunk, monkeypatch):
    from speechkit import runtime

    monkeypatch.setattr(runtime, "_CHUNK", chunk)  # batches cut anywhere give the same scores
    a = runtime.load(taskmodel.runtime_path(), engine="python").char_scores(texts)
    b = runtime.load(taskmodel.runtime_path(), engine="numpy").char_scores(texts)
    assert len(a) == len(b) == len(texts)
    assert all(abs(x - y) < 1e-12 for x, y in zip(a, b))


def test_the_runtime_refuses_a_pipeline_it_cannot_reproduce():
    from speechkit import runtime

    pipe = training.build_pipeline()
    pipe.set_params(features__chars__sublinear_tf=False)
    docs = training.tables(training_docs()[:2])
    x, y = training._rows(docs)
    pipe.fit(x, y)
    with pytest.raises(ModelError, match="cannot export"):
        runtime.export(pipe)


def training_docs():
    from speechkit import gold

    return list(gold.read_dir(ROOT / "corpora"))


def test_the_shipped_model_is_a_real_folder_of_the_package():
    """A symlink would not survive into a wheel; ``models/`` at the top is the link."""
    assert MODELS.is_dir() and not MODELS.is_symlink()
    for name in (taskmodel.MODEL_NAME, taskmodel.RUNTIME_NAME, taskmodel.SIDECAR_NAME):
        assert (MODELS / name).is_file() and not (MODELS / name).is_symlink()
    assert (ROOT / "models").resolve() == MODELS.resolve()
    assert taskmodel.runtime_path().resolve() == (MODELS / taskmodel.RUNTIME_NAME).resolve()


def test_a_missing_model_is_an_error_not_a_fallback(tmp_path, monkeypatch):
    import speechkit

    monkeypatch.setattr(taskmodel, "runtime_path", lambda: tmp_path / taskmodel.RUNTIME_NAME)
    taskmodel.load.cache_clear()
    try:
        with pytest.raises(ModelError, match="task model is missing"):
            speechkit.extract("镇规建办要在年底前完成3个村的改造。", date="2025-07-15")
        results = list(speechkit.extract_many(["镇规建办要在年底前完成改造。"]))
        assert not results[0].ok and "task model is missing" in (results[0].error or "")
    finally:
        taskmodel.load.cache_clear()


@pytest.mark.parametrize("content", [b"", b"{not json", b'{"format": "other"}',
                                     b'{"format": "speechkit-linear-1"}', b"\xff\xfe"])
def test_an_unreadable_runtime_model_is_a_clear_error(tmp_path, content):
    path = tmp_path / taskmodel.RUNTIME_NAME
    path.write_bytes(content)
    with pytest.raises(ModelError, match="runtime"):
        taskmodel.load(str(path))
