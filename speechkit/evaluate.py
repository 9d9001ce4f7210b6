"""``speechkit eval``: per-field precision, recall and F1 against gold annotations.

The semantics are those of the project's reference scorer: a predicted task counts for the gold
sentence its span overlaps most; owners compare as written (NFKC, no spaces); a deadline
matches when one text contains the other, and ``date`` is the accuracy of ``end`` on matched
deadlines; a quantity matches when its span overlaps the gold text and its value, scaled by
万/亿/千 in the unit, is equal. Sentences whose task is null are not scored.
"""
from __future__ import annotations

import json
import re
import shlex
import subprocess
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .gold import GoldDoc, best_match, overlap

FIELDS = ("task", "owner", "deadline", "date", "quantity")
_SCALES = (("万亿", 1e12), ("亿", 1e8), ("千万", 1e7), ("百万", 1e6), ("万", 1e4), ("千", 1e3))


def _norm(s: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


def _scaled(value: Any, unit: str | None) -> float | None:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    u = _norm(unit)
    for prefix, factor in _SCALES:
        if u.startswith(prefix):
            return v * factor
    return v


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Report:
    docs: dict[str, dict[str, Counts]] = field(default_factory=dict)

    def total(self) -> dict[str, Counts]:
        out = {f: Counts() for f in FIELDS}
        for counts in self.docs.values():
            for f, c in counts.items():
                out[f].add(c.tp, c.fp, c.fn)
        return out

    def f1(self) -> dict[str, float]:
        return {f: c.prf()[2] for f, c in self.total().items()}

    def render(self, verbose: bool = True) -> str:
        lines = []
        if verbose:
            for name, counts in self.docs.items():
                lines.append(f"{name} " + " ".join(
                    f"{f}={counts[f].prf()[0]:.2f}/{counts[f].prf()[1]:.2f}/{counts[f].prf()[2]:.2f}"
                    for f in FIELDS))
        lines.append(f"{'field':10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
        for f, c in self.total().items():
            p, r, f1 = c.prf()
            lines.append(f"{f:10} {p:6.3f} {r:6.3f} {f1:6.3f} {c.tp:5d} {c.fp:5d} {c.fn:5d}")
        return "\n".join(lines)


def score_doc(doc: GoldDoc, pred: dict[str, Any]) -> dict[str, Counts]:
    """Counts of one speech's predicted JSON record against its gold."""
    c = {f: Counts() for f in FIELDS}
    sents = doc.sentences
    by_sent: dict[int, list[dict[str, Any]]] = {}
    for t in pred.get("tasks", []):
        s = best_match(tuple(t["span"]), sents)
        if s is None:
            c["task"].add(0, 1, 0)
        else:
            by_sent.setdefault(id(s), []).append(t)
    for s in sents:
        if s.get("task") is None:
            continue
        preds = by_sent.get(id(s), [])
        gold_task = bool(s["task"])
        c["task"].add(int(gold_task and bool(preds)), int(bool(preds) and not gold_task),
                      int(gold_task and not preds))
        if not gold_task:
            continue
        g_own = {_norm(o) for o in s.get("owners") or []}
        p_own = {_norm(o.get("text")) for t in preds for o in t.get("owners") or []} - {""}
        c["owner"].add(len(g_own & p_own), len(p_own - g_own), len(g_own - p_own))
        g_dl = s.get("deadline")
        p_dls = [t["deadline"] for t in preds if t.get("deadline")]
        hit = None
        if g_dl:
            g_text = _norm(g_dl["text"])
            hit = next((d for d in p_dls if _norm(d.get("text")) and (
                _norm(d.get("text")) in g_text or g_text in _norm(d.get("text")))), None)
        c["deadline"].add(int(hit is not None), len(p_dls) - int(hit is not None),
                          int(bool(g_dl) and hit is None))
        if hit is not None and g_dl and g_dl.get("end"):
            ok = hit.get("end") == g_dl["end"]
            c["date"].add(int(ok), int(not ok), int(not ok))
    _score_quantities(doc, pred, c["quantity"])
    return c


def _score_quantities(doc: GoldDoc, pred: dict[str, Any], c: Counts) -> None:
    seen: set[tuple[Any, ...]] = set()
    qs = []
    for q in [q for t in pred.get("tasks", []) for q in t.get("targets") or []] + pred.get("figures", []):
        key = (tuple(q.get("span") or ()), str(q.get("value")))
        if key not in seen:
            seen.add(key)
            qs.append(q)
    text = doc.text
    for s in doc.sentences:
        if s.get("task") is None:
            continue
        inside = [q for q in qs if q.get("span") and overlap(tuple(q["span"]), s["span"]) > 0]
        matched: set[int] = set()
        after: dict[str, int] = {}
        for g in s.get("quantities") or []:
            gi = text.find(g["text"], after.get(g["text"], s["span"][0]), s["span"][1])
            while gi > 0 and (text[gi - 1].isdigit() or text[gi - 1] == "."):
                gi = text.find(g["text"], gi + 1, s["span"][1])
            if gi >= 0:
                after[g["text"]] = gi + len(g["text"])
            gspan = (gi, gi + len(g["text"])) if gi >= 0 else s["span"]
            gv = _scaled(g["value"], g.get("unit"))
            for k, q in enumerate(inside):
                if k in matched or overlap(tuple(q["span"]), gspan) == 0:
                    continue
                qv = _scaled(q.get("value"), q.get("unit"))
                if gv is not None and qv is not None and abs(gv - qv) <= 1e-6 * max(1.0, abs(gv)):
                    matched.add(k)
                    break
        c.add(len(matched), len(inside) - len(matched), len(s.get("quantities") or []) - len(matched))


Predictor = Callable[[GoldDoc], dict[str, Any]]


def in_process(doc: GoldDoc) -> dict[str, Any]:
    from .api import extract

    return extract(doc.text, date=doc.date, source=str(doc.path)).to_dict()


def by_command(template: str, timeout: float = 120) -> Predictor:
    """Run a command per speech (``{path}`` and ``{date}`` filled in); it prints the JSON."""
    def run(doc: GoldDoc) -> dict[str, Any]:
        cmd = [a.format(path=str(doc.path), date=doc.date or "") for a in shlex.split(template)]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        if r.returncode != 0:
            return {}
        try:
            out: dict[str, Any] = json.loads(r.stdout)
        except json.JSONDecodeError:
            return {}
        return out

    return run


def evaluate(docs: Iterable[GoldDoc], predict: Predictor = in_process) -> Report:
    report = Report()
    for doc in docs:
        report.docs[doc.name] = score_doc(doc, predict(doc))
    return report
