"""Other projects' quantity cases (``../shared/eval/peer/quantities.tsv``: cn2an's and jionlp's
tests), judged one way for the suite and for ``benchmarks/bench_quantities.py``.

A case is right when its expected value (and the upper end of a range) is among the values,
base values and lower ends of the quantities speechkit finds in it, scaled to base units.
"""
from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

# shared/ stands beside the repository; SPEECHKIT_SHARED names it elsewhere (a git worktree)
PEER = (Path(os.environ.get("SPEECHKIT_SHARED", Path(__file__).resolve().parent.parent.parent
                            / "shared")) / "eval" / "peer" / "quantities.tsv")

SCALES = {"万亿": Decimal("1e12"), "千亿": Decimal("1e11"), "百亿": Decimal("1e10"),
          "亿": Decimal("1e8"), "千万": Decimal("1e7"), "百万": Decimal("1e6"), "万": Decimal("1e4")}


def scaled(value: float, unit: str) -> float:
    """``value`` in base units: 22.8 with 亿元 → 2.28e9."""
    for s in sorted(SCALES, key=len, reverse=True):
        if unit.startswith(s):
            return float(Decimal(repr(float(value))) * SCALES[s])
    return float(value)


@dataclass(frozen=True)
class Verdict:
    text: str
    want: float
    upper: float | None
    found: tuple[float, ...]  # values and base values, then lower ends
    hit: bool  # reading lower ends too
    plain: bool  # from values and base values alone
    comparator: bool | None  # None when the case expects none


def _has(values: set[float], x: float) -> bool:
    return any(abs(v - x) <= 1e-6 * max(1.0, abs(x)) for v in values)


def judge() -> Iterator[Verdict]:
    """Every case with a numeric expectation, run through ``speechkit.extract``."""
    import speechkit

    with PEER.open(encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            try:
                want = float(r["expected_value(scaled)"])
            except ValueError:
                continue
            sp = speechkit.extract(r["sentence_run"], date="2025-07-15")
            qs = list(sp.figures) + [q for t in sp.tasks for q in t.targets]
            plain = {v for q in qs for v in (q.base_value, scaled(q.value, q.unit)) if v is not None}
            vals = plain | {scaled(q.lower, q.unit) for q in qs if q.lower is not None}
            upper = float(r["expected_upper"]) if r["expected_upper"] not in ("", "-") else None
            wants = [want] + ([upper] if upper is not None else [])
            cmp = r["expected_comparator"]
            yield Verdict(r["input"], want, upper, tuple(sorted(vals)),
                          all(_has(vals, w) for w in wants), all(_has(plain, w) for w in wants),
                          None if cmp in ("", "-") else any(q.comparator == cmp for q in qs))
