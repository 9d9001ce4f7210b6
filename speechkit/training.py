"""``speechkit train``: fit the task model on annotated speeches, deterministically."""
from __future__ import annotations

import hashlib
import platform
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import cleaning, gold, outline, sentences, taskmodel
from .sentences import Sentence

_PLAN_NOTE = re.compile(r"[(（][^()（）]{0,80}(?:牵头单位|责任单位|牵头|按职责分工负责)")


def is_plan_doc(norm: str) -> bool:
    """A work plan: items closed by owner notes."""
    return len(_PLAN_NOTE.findall(norm)) >= 2


def doc_sentences(text: str) -> list[Sentence]:
    cleaned = cleaning.clean(text)
    return outline.build(sentences.split(text, cleaned), cleaned.gaps)[0]


def labelled(docs: Iterable[gold.GoldDoc]) -> tuple[Any, list[bool], list[str]]:
    """Features, labels and document names of every scored sentence."""
    import pandas as pd

    frames, labels, groups = [], [], []
    for doc in docs:
        sents = doc_sentences(doc.text)
        year = int(doc.date[:4]) if doc.date else None
        x = taskmodel.frame(sents, year, is_plan_doc(cleaning.normalise(doc.text)))
        keep = []
        for k, s in enumerate(sents):
            g = gold.best_match(s.span, doc.sentences)
            if g is None or g.get("task") is None or s.kind != "body":
                continue
            keep.append(k)
            labels.append(bool(g["task"]))
            groups.append(doc.name)
        frames.append(x.iloc[keep])
    return pd.concat(frames, ignore_index=True), labels, groups


def corpus_hash(folders: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for folder in folders:
        for p in sorted(folder.glob("*.gold.json")) + sorted(folder.glob("*.txt")):
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def cross_validate(x: Any, y: list[bool], groups: list[str], folds: int = 5) -> dict[str, float]:
    from sklearn.metrics import precision_recall_fscore_support
    from sklearn.model_selection import GroupKFold

    pred = [False] * len(y)
    for train, test in GroupKFold(n_splits=folds).split(x, y, groups):
        pipe = taskmodel.build_pipeline().fit(x.iloc[train], [y[i] for i in train])
        for i, p in zip(test, pipe.predict(x.iloc[test])):
            pred[i] = bool(p)
    p, r, f, _ = precision_recall_fscore_support(y, pred, average="binary", pos_label=True)
    return {"precision": round(float(p), 4), "recall": round(float(r), 4), "f1": round(float(f), 4),
            "folds": folds}


def train(folders: list[Path], out: Path, folds: int = 5) -> dict[str, Any]:
    """Fit on every gold document under ``folders``, save to ``out``; return the sidecar."""
    import numpy
    import scipy
    import skops
    import sklearn

    docs = [d for f in folders for d in gold.read_dir(f)]
    x, y, groups = labelled(docs)
    scores = cross_validate(x, y, groups, folds=min(folds, len(set(groups))))
    pipe = taskmodel.build_pipeline().fit(x, y)
    sidecar = {
        "model": "task sentence classifier: char 1-3-gram TF-IDF + context words, LogisticRegression",
        "labels": [False, True],
        "documents": len(docs), "sentences": len(y), "positives": sum(y),
        "data_sha256": corpus_hash(folders),
        "cross_validated": scores,
        "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
                     "skops": skops.__version__, "numpy": numpy.__version__,
                     "scipy": scipy.__version__},
    }
    taskmodel.save(pipe, out, sidecar)
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
