"""The task model: trained deterministically, shipped in sync with corpora/, loaded safely."""
from __future__ import annotations

import json
import shutil

import pytest

from speechkit import taskmodel, training
from speechkit.errors import ModelError

from .conftest import ROOT

MODELS = ROOT / "models"


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
        taskmodel.load.__wrapped__(str(path))


def test_a_corrupt_model_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.skops"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ModelError, match="cannot load"):
        taskmodel.load.__wrapped__(str(path))


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
