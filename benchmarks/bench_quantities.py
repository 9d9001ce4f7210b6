"""Quantities benchmark: speechkit beside jionlp's ``extract_money`` and cn2an, on the table of
tests/data/quantities.tsv (invented phrases with their expected quantities), then on the peer
cases of ../shared/eval/peer/quantities.tsv (other projects' tests, when that folder is there),
then the time of ``quantities.find`` on hostile shapes at n and 4n characters.

    .venv/bin/pip install jionlp cn2an      # or: pip install -e '.[bench]'
    .venv/bin/python benchmarks/bench_quantities.py [-v] [--no-speed]

Scores, per tool:
- extraction P/R/F1: a found quantity counts when its value, scaled to base units (22.8亿元 →
  2.28e9), equals an expected one and its text overlaps it (the rule of ../shared/eval/score.py);
- "full": value, unit and comparator all as expected;
- false alarms: phrases that hold no quantity (二十大, 〔2025〕3号, 连续7年…) where the tool found one.
jionlp only reads money, so it is also scored on the rows whose quantities are all money. cn2an only
converts numerals, so it is scored on whether the expected value appears in its converted text, and
on how often it turns a number-free phrase (二十大 → 20大) into digits.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "tests" / "data" / "quantities.tsv"
sys.path.insert(0, str(ROOT))

from tests.peer_cases import scaled

MONEY = ("元", "美元")
JIO_CMP = {"accurate": None, "blur": "approx", "blur+": "gt", "blur-": "lt"}


def load() -> list[tuple[str, list[dict]]]:
    lines = [ln for ln in TABLE.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    out = []
    for row in csv.DictReader(lines, delimiter="\t"):
        want = []
        if row["expected"].strip() != "-":
            for part in row["expected"].split(";"):
                f = part.strip().split("|")
                want.append({"text": f[0], "value": float(f[1]), "unit": f[2],
                             "comparator": None if len(f) < 4 or f[3] == "=" else f[3],
                             "check_cmp": len(f) > 3})
        out.append((row["input"], want))
    return out


def locate(phrase: str, want: list[dict]) -> None:
    pos = 0
    for w in want:
        i = phrase.find(w["text"], pos)
        w["span"] = (i, i + len(w["text"])) if i >= 0 else (0, len(phrase))
        pos = max(pos, i + 1) if i >= 0 else pos


def is_money(unit: str) -> bool:
    return unit.endswith(MONEY)


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.full = self.alarms = self.empty_rows = 0
        self.seconds = 0.0

    def add(self, found: list[dict], want: list[dict]) -> None:
        used: set[int] = set()
        for w in want:
            wv = scaled(w["value"], w["unit"])
            for k, f in enumerate(found):
                if k in used or not (f["span"][0] < w["span"][1] and w["span"][0] < f["span"][1]):
                    continue
                if abs(f["base"] - wv) <= 1e-6 * max(1.0, abs(wv)):
                    used.add(k)
                    self.tp += 1
                    unit_ok = f["unit"] == w["unit"] or (f["unit"] == "money" and is_money(w["unit"]))
                    cmp_ok = not w["check_cmp"] or f.get("comparator") == w["comparator"]
                    self.full += int(unit_ok and cmp_ok)
                    break
        self.fn += len(want) - len(used)
        self.fp += len(found) - len(used)
        if not want:
            self.empty_rows += 1
            self.alarms += int(bool(found))

    def line(self, name: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        n = self.tp + self.fn
        return (f"{name:<22} P={p:.3f} R={r:.3f} F1={f:.3f}  full={self.full}/{n}"
                f" ({self.full / n if n else 0:.3f})  false-alarms={self.alarms}/{self.empty_rows}"
                + (f"  {self.seconds * 1000:.0f} ms" if self.seconds else ""))


def run_speechkit(phrase: str) -> list[dict]:
    from speechkit.cleaning import normalise
    from speechkit.extractors import quantities
    from speechkit.sentences import Sentence

    qs = quantities.find(Sentence(0, len(phrase), phrase, normalise(phrase)))
    return [{"span": q.span, "base": scaled(q.value, q.unit), "unit": q.unit,
             "comparator": q.comparator} for q in qs]


def run_jionlp(jio, phrase: str) -> list[dict]:
    out = []
    for m in jio.ner.extract_money(phrase):
        d = m["detail"]
        num = d["num"][0] if isinstance(d["num"], list) else d["num"]
        cmp = "range" if isinstance(d["num"], list) and "余" not in m["text"] else \
            JIO_CMP.get(d.get("definition"))
        # jionlp gives the amount in 元, not the unit as written: its unit counts as right for money
        out.append({"span": tuple(m["offset"]), "base": float(num), "unit": "money",
                    "comparator": cmp, "case": d.get("case")})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    ap.add_argument("--no-speed", action="store_true", help="skip the hostile-shape timings")
    args = ap.parse_args(argv)
    rows = load()
    for phrase, want in rows:
        locate(phrase, want)
    print(f"table: {len(rows)} phrases, {sum(len(w) for _, w in rows)} expected quantities, "
          f"{sum(not w for _, w in rows)} phrases with none; "
          f"{sum(all(is_money(x['unit']) for x in w) and bool(w) for _, w in rows)} money-only")

    def score(name: str, run: Callable[[str], list[dict]], verbose: bool = False) -> None:
        """Score one extractor on every row, and on the money-only rows apart."""
        every, money = Score(), Score()
        t = time.perf_counter()
        for phrase, want in rows:
            found = run(phrase)
            every.add(found, want)
            if not want or all(is_money(w["unit"]) for w in want):
                money.add(found, want)
            if verbose and len(found) != len(want):
                print(f"  {name} miss:", phrase, [f["base"] for f in found])
        every.seconds = time.perf_counter() - t
        print(every.line(name))
        print(money.line(f"{name} (money rows)"))

    run_speechkit("预热")
    score("speechkit", run_speechkit, args.verbose)
    peer(args.verbose)
    if not args.no_speed:
        print("quantities.find on hostile shapes (linear: 4× the text, about 4× the time):")
        speed()

    try:
        import jionlp as jio
    except ImportError:
        print("jionlp: not installed — `.venv/bin/pip install jionlp` (the `bench` extra) to compare")
        jio = None
    if jio is not None:
        score("jionlp extract_money", lambda phrase: run_jionlp(jio, phrase))

    compare_cn2an(rows)
    return 0


def compare_cn2an(rows: list[tuple[str, list[dict]]]) -> None:
    """cn2an only converts numerals: is the expected value in its converted text?"""
    try:
        import cn2an
    except ImportError:
        print("cn2an: not installed — `.venv/bin/pip install cn2an` (the `bench` extra) to compare")
        return
    from speechkit import numerals

    warnings.filterwarnings("ignore", module="cn2an")
    chinese = [(w["text"], w["value"]) for _, want in rows for w in want
               if re.search(r"[一二两三四五六七八九十百千零]", w["text"])]
    hits_cn2an = hits_sk = 0
    cn2an.transform("预热", "cn2an")
    t = time.perf_counter()
    for text, value in chinese:
        conv = cn2an.transform(text, "cn2an")
        nums = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", conv)]
        hits_cn2an += any(abs(n - value) < 1e-9 for n in nums)
    secs = time.perf_counter() - t
    for text, value in chinese:
        hits_sk += any(abs(q["base"] - scaled(value, "")) < 1e-9 or
                       abs(q["base"] - scaled(value, q["unit"])) < 1e-9
                       for q in run_speechkit(text))
    spurious = 0
    for phrase, want in rows:
        if not want and re.search(r"\d", cn2an.transform(phrase, "cn2an")) and not re.search(r"\d", phrase):
            spurious += 1
    n_none = sum(not w for _, w in rows)
    print(f"cn2an transform        numerals right {hits_cn2an}/{len(chinese)} "
          f"({hits_cn2an / len(chinese):.3f}); digits invented in number-free phrases "
          f"{spurious}/{n_none}  {secs * 1000:.0f} ms")
    print(f"speechkit (same rows)  numerals right {hits_sk}/{len(chinese)} ({hits_sk / len(chinese):.3f})")
    assert numerals.value("一千二百") == 1200


def peer(verbose: bool) -> None:
    """The peer cases through the public API (judged by tests/peer_cases.py, as in the suite)."""
    from tests.peer_cases import PEER, judge

    if not PEER.exists():
        print(f"peer cases: {PEER} is not here; skipped")
        return
    verdicts = list(judge())
    n = len(verdicts)
    ok, ok_plain = sum(v.hit for v in verdicts), sum(v.plain for v in verdicts)
    cmps = [v.comparator for v in verdicts if v.comparator is not None]
    if verbose:
        for v in verdicts:
            if not v.hit:
                print(f"  peer miss: {v.text}: want {v.want}, got {list(v.found)[:4]}")
    print(f"peer cases (cn2an, jionlp): {ok}/{n} = {ok / n:.3f} reading lower ends; "
          f"{ok_plain}/{n} from values and base values alone; comparators {sum(cmps)}/{len(cmps)}")


def speed() -> None:
    """quantities.find on one sentence of each hostile shape, at n and 4n characters (CPU time:
    the machine is shared)."""
    from speechkit.cleaning import normalise
    from speechkit.extractors import quantities
    from speechkit.sentences import Sentence

    clause = "全镇要新建3个村级服务站和一百二十公里道路投资1.2亿元其中"
    shapes = {
        "text without punctuation": lambda n: (clause * (n // len(clause) + 1))[:n],
        "Arabic digits": lambda n: ("1234567890" * (n // 10 + 1))[:n],
        "Chinese digits": lambda n: ("一二三四五六七八九十" * (n // 10 + 1))[:n],
        "nines before 万元": lambda n: "要投资" + "9" * n + "万元。",
        "numbers and units": lambda n: ("3个5万元8%" * (n // 8 + 1))[:n],
    }
    quantities.find(Sentence(0, 2, "3个", "3个"))
    for name, make in shapes.items():
        times = []
        for n in (50_000, 200_000):
            text = make(n)
            t = time.process_time()
            quantities.find(Sentence(0, len(text), text, normalise(text)))
            times.append(time.process_time() - t)
        print(f"  {name:<26} 50k {times[0] * 1000:7.1f} ms   200k {times[1] * 1000:7.1f} ms"
              f"   ratio {times[1] / max(times[0], 1e-9):4.1f}")


if __name__ == "__main__":
    sys.exit(main())
