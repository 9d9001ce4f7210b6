"""``speechkit train``: fit the task model on annotated speeches, deterministically.

Everything that needs scikit-learn or skops to write a model lives here: the pipeline's
settings (:func:`build_pipeline`), fitting, cross-validation and saving (:func:`save`, with the
skops zip normalised so the same data gives the same bytes). :mod:`speechkit.taskmodel` only
reads a saved model and scores with it.
"""
from __future__ import annotations

import hashlib
import json
import platform
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import cleaning, gold, runtime, taskmodel
from .extractors import tasks
from .segment import segment
from .sentences import Sentence

SEED = 13


def doc_sentences(text: str) -> list[Sentence]:
    """The speech's sentences, outlined exactly as :func:`pipeline.analyse` sees them."""
    return segment(text)[1]


@dataclass(frozen=True)
class DocTable:
    """One annotated speech as the model sees it."""

    name: str
    sents: list[Sentence]
    year: int | None
    plan: bool
    body: list[int]  # sentences the rules leave to the model
    labels: dict[int, bool]  # sentence index -> gold task label, where scored


def tables(docs: Iterable[gold.GoldDoc]) -> list[DocTable]:
    out = []
    for doc in docs:
        sents = doc_sentences(doc.text)
        labels = {}
        for k, s in enumerate(sents):
            g = gold.best_match(s.span, doc.sentences)
            if g is not None and g.get("task") is not None and s.kind == "body":
                labels[k] = bool(g["task"])
        out.append(DocTable(doc.name, sents, int(doc.date[:4]) if doc.date else None,
                            taskmodel.is_plan_doc(cleaning.normalise(doc.text)),
                            tasks.candidates(sents), labels))
    return out


def _rows(docs: list[DocTable]) -> tuple[Any, list[bool]]:
    import pandas as pd

    frames, y = [], []
    for t in docs:
        keep = sorted(t.labels)
        frames.append(taskmodel.frame(t.sents, t.year, t.plan).iloc[keep])
        y += [t.labels[k] for k in keep]
    return pd.concat(frames, ignore_index=True), y


def _folds(n: int, folds: int) -> list[tuple[list[int], list[int]]]:
    """Documents dealt round-robin into folds: deterministic, every fold mixes genres."""
    k = min(folds, n)
    return [([i for i in range(n) if i % k != f], [i for i in range(n) if i % k == f])
            for f in range(k)]


def fit(docs: list[DocTable]) -> Any:
    x, y = _rows(docs)
    return build_pipeline().fit(x, y)


def corpus_hash(folders: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for folder in folders:
        for p in sorted(folder.glob("*.gold.json")) + sorted(folder.glob("*.txt")):
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def cross_validate(docs: list[DocTable], folds: int = 5) -> dict[str, float]:
    """Task P/R/F1 of the whole classifier (rules and both stages) on held-out documents."""
    tp = fp = fn = 0
    for train_idx, test_idx in _folds(len(docs), folds):
        model = fit([docs[i] for i in train_idx])
        for i in test_idx:
            t = docs[i]
            scores = taskmodel.predict(model, t.sents, t.body, t.year, t.plan)
            verdicts = tasks.classify(t.sents, scores)
            for k, gold_label in t.labels.items():
                pred = verdicts[k].is_task
                tp += pred and gold_label
                fp += pred and not gold_label
                fn += gold_label and not pred
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "folds": folds}


def train(folders: list[Path], out: Path, folds: int = 5) -> dict[str, Any]:
    """Fit on every gold document under ``folders``, save to ``out``; return the sidecar."""
    import numpy
    import scipy
    import sklearn
    import skops
    from threadpoolctl import threadpool_limits

    docs = tables(d for f in folders for d in gold.read_dir(f))
    folds = min(folds, len(docs))
    # one thread for every native pool (OpenMP, BLAS): the sums, and so the bytes, must not
    # depend on how many threads the machine or an OMP_NUM_THREADS setting grants
    with threadpool_limits(limits=1):
        scores = cross_validate(docs, folds)
        pipe = fit(docs)
    y = [v for t in docs for v in t.labels.values()]
    sidecar = {
        "model": "task sentence classifier: hashed char 1-3-gram TF-IDF + context words, "
                 "LogisticRegression; cross-validated with the rules, by document",
        "labels": [False, True],
        "documents": len(docs), "sentences": len(y), "positives": sum(y),
        "data_sha256": corpus_hash(folders),
        "cross_validated": scores,
        "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
                     "skops": skops.__version__, "numpy": numpy.__version__,
                     "scipy": scipy.__version__},
    }
    save(pipe, out, sidecar)
    return sidecar


def _normalise_zip(path: Path) -> None:
    """Rewrite the skops zip so the same data gives the same bytes.

    skops names array files and memo entries after ``id()`` and stamps the current time; all
    are replaced by stable values (files numbered in order of their first mention in the schema).
    """
    with zipfile.ZipFile(path) as zin:
        items = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    schema = items.pop("schema.json").decode("utf-8")
    order = sorted(items, key=lambda n: schema.find(f'"{n}"'))
    renamed = {old: f"{k:06d}{Path(old).suffix}" for k, old in enumerate(order)}
    for old, new in renamed.items():
        schema = schema.replace(f'"{old}"', f'"{new}"')
    ids: dict[str, int] = {}  # memo ids of shared objects, also from id(): renumber in order
    schema = re.sub(r'"__id__": (\d+)',
                    lambda m: f'"__id__": {ids.setdefault(m.group(1), len(ids) + 1)}', schema)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for name, data in [("schema.json", schema.encode("utf-8"))] + [
                (renamed[n], items[n]) for n in order]:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, data)


def build_pipeline() -> Any:
    """Char n-grams of the sentence and its context words, a logistic regression.

    Only settings :mod:`speechkit.runtime` reproduces: change them together.
    """
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    chars = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True,
                            lowercase=False)
    context = CountVectorizer(token_pattern=r"\S+", lowercase=False)
    features = ColumnTransformer([("chars", chars, "text"), ("context", context, "context")])
    clf = LogisticRegression(C=16.0, class_weight="balanced", max_iter=2000, solver="liblinear",
                             random_state=SEED)
    return Pipeline([("features", features), ("clf", clf)])




def _forget_ids(obj: object, seen: set[int] | None = None) -> None:
    """Drop what would make the saved bytes depend on the process rather than the data:
    ``_stop_words_id`` (an ``id()`` scikit-learn's text vectorisers keep to warn about changed
    stop words, recomputed when missing) and ``stop_words_`` (the n-grams ``min_df`` dropped,
    a set, documented as safe to delete before saving)."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, (list, tuple)):
        for x in obj:
            _forget_ids(x, seen)
        return
    attrs = getattr(obj, "__dict__", None)
    if not isinstance(attrs, dict) or not type(obj).__module__.startswith("sklearn"):
        return
    attrs.pop("_stop_words_id", None)
    attrs.pop("stop_words_", None)  # a set (order varies by hash seed), kept for introspection only
    for value in list(attrs.values()):
        _forget_ids(value, seen)


def save(pipe: Any, folder: Path, sidecar: dict[str, Any]) -> Path:
    import skops.io as sio

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / taskmodel.MODEL_NAME
    runtime_path = folder / taskmodel.RUNTIME_NAME
    _forget_ids(pipe)
    sio.dump(pipe, path)
    runtime.write(pipe, runtime_path)
    _normalise_zip(path)
    sidecar = dict(sidecar, sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
                   runtime_sha256=hashlib.sha256(runtime_path.read_bytes()).hexdigest())
    (folder / taskmodel.SIDECAR_NAME).write_text(json.dumps(sidecar, ensure_ascii=False, indent=1) + "\n",
                                       encoding="utf-8")
    return path
