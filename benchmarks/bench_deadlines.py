"""jionlp's parse_time and speechkit's deadline grammar, side by side on the expression table.

    .venv/bin/pip install -e '.[bench]'   # or: .venv/bin/pip install jionlp
    .venv/bin/python benchmarks/bench_deadlines.py [--timing]

Each row of ``tests/data/deadlines.tsv`` is scored for both systems at the base date
2025-07-15. A row is right when the deadline's ``end`` matches (``null`` = a vague deadline,
``no`` = no deadline at all), its ``start`` matches where the table states one, and the
recurrence matches where the table states one. jionlp is given the expression alone
(``parse_time``) or, for rows with a sentence, the sentence (its time extractor, taking the
entity over the expression); speechkit always gets the sentence (``deadlines.find``).
``--timing`` also measures what the grammar adds to ``speechkit.extract`` on the seed.

The peer cases (``../shared/eval/peer/time.tsv``, from JioNLP's time-parser tests) are run
the way ``../shared/eval/peer/run_peer.py`` runs them: through ``speechkit.extract`` on
``要在{expr}完成该项工作。`` (then ``确保{expr}完成该项工作。``) with the row's base date. Where
speechkit differs from JioNLP on purpose, :data:`DIFFERENT` says why.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
import timeit
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "tests" / "data" / "deadlines.tsv"
SEED = ROOT / "seeds" / "town_midyear_2025.txt"
BASE = dt.date(2025, 7, 15)
EVERY = {(("day", 1),): "day", (("day", 7),): "week", (("day", 14),): "week",
         (("month", 1),): "month", (("month", 3),): "quarter", (("month", 6),): "half-year",
         (("year", 1),): "year"}


#: ../shared beside the repository, or beside the folder of worktrees it sits in
PEER = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.exists()),
            ROOT.parent / "shared") / "eval" / "peer" / "time.tsv"
#: Peer cases where speechkit deliberately gives another day than JioNLP's test expects.
DIFFERENT = {
    ("10月8号", "2021-09-01"): "a day not yet past, written without a year, is this year's (DOMAIN.md)",
    ("冬季", "2021-05-01"): "a winter ends on the eve of the next year's 立春 (2022-02-04, "
                            "chinesecalendar); JioNLP takes the winter's own year's 立春",
    ("明年6月之前", "2021-06-14"): "X月前 ends before that month begins (DOMAIN.md: 2022年5月前 → "
                                  "2022-04-30)",
    ("今后10年", "2021-06-14"): "ten calendar years less a day; JioNLP counts 365-day years",
}


def peer() -> None:
    """The peer time cases through the public API, as run_peer.py runs them."""
    import csv

    import speechkit

    if not PEER.exists():
        print(f"\npeer cases: {PEER} not found; skipped")
        return
    ok = n = 0
    misses = []
    with PEER.open(encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            n += 1
            seen = []
            for frame in ("要在{}完成该项工作。", "确保{}完成该项工作。"):
                sp = speechkit.extract(frame.format(r["input"]), date=r["base_date"])
                ends = [t.deadline.end for t in sp.tasks if t.deadline and t.deadline.end]
                seen.append(ends[0].isoformat() if ends else None)
                if seen[-1] == r["expected_last_day"]:
                    break
            got = seen[-1] if seen[-1] == r["expected_last_day"] else next(filter(None, seen), None)
            ok += got == r["expected_last_day"]
            if got != r["expected_last_day"]:
                why = DIFFERENT.get((r["input"], r["base_date"]), "a gap")
                misses.append(f"  {r['input']} @{r['base_date']}: JioNLP {r['expected_last_day']}, "
                              f"speechkit {got} — {why}")
    print(f"\npeer time cases (JioNLP's tests, through speechkit.extract): {ok}/{n} = {ok / n:.3f}")
    print("\n".join(misses))


def load_jionlp():
    try:
        import jionlp
    except ImportError:
        sys.exit("bench_deadlines: jionlp is not installed; run "
                 "`.venv/bin/pip install jionlp` (or `pip install -e '.[bench]'`) first.")
    return jionlp


def read_table() -> list[dict[str, str]]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cat, expr, end, start, every, text, *_ = line.split("\t")
        rows.append({"cat": cat, "expr": expr, "end": end, "start": start, "every": every,
                     "text": expr if text == "-" else text, "alone": text == "-"})
    return rows


def right(row: dict[str, str], end: str, start: str, every: str) -> bool:
    """``end``/``start``: ISO date, ``null`` or ``no``; ``every``: a recurrence or ``-``."""
    if end != row["end"]:
        return False
    if row["start"] != "-" and start != row["start"]:
        return False
    return row["every"] == "-" or every == row["every"]


def _jio_dates(detail: dict) -> tuple[str, str]:
    t = detail.get("time")
    if not isinstance(t, list) or len(t) != 2:
        return "no", "-"
    end = "null" if "inf" in t[1] else t[1][:10]
    start = "-" if "inf" in t[0] else t[0][:10]
    return end, start


def _jio_every(detail: dict) -> str:
    delta = (detail.get("time") or {}).get("delta") or {}
    return EVERY.get(tuple(sorted(delta.items())), "regular")


def run_jionlp(jio, extractor, row: dict[str, str]) -> tuple[str, str, str]:
    base = time.mktime(BASE.timetuple())
    end, start, every = "no", "-", "-"
    if row["alone"]:
        try:
            details = [jio.parse_time(row["expr"], time_base=base)]
        except (ValueError, TypeError, KeyError, IndexError):  # jionlp: cannot parse
            details = []
    else:
        at = row["text"].find(row["expr"])
        ents = extractor(row["text"], time_base=base)
        details = [e["detail"] for e in ents if e["type"] == "time_period"
                   or (e["offset"][0] < at + len(row["expr"]) and at < e["offset"][1])]
    for d in details:
        if d.get("type") == "time_period":
            every = _jio_every(d)
        elif end == "no":
            end, start = _jio_dates(d)
    return end, start, every


def run_speechkit(row: dict[str, str]) -> tuple[str, str, str]:
    from speechkit.extractors import deadlines
    from speechkit.sentences import Sentence

    text = row["text"]
    d, r = deadlines.find(Sentence(0, len(text), text, unicodedata.normalize("NFKC", text)), BASE)
    if d is None:
        end, start = "no", "-"
    else:
        end = d.end.isoformat() if d.end else "null"
        start = d.start.isoformat() if d.start else "-"
    return end, start, r.every if r else "-"


def score() -> bool:
    jio = load_jionlp()
    extractor = jio.ner.TimeExtractor()
    rows = read_table()
    total: Counter[str] = Counter()
    ok_j: Counter[str] = Counter()
    ok_s: Counter[str] = Counter()
    misses: list[str] = []
    for row in rows:
        total[row["cat"]] += 1
        j, s = run_jionlp(jio, extractor, row), run_speechkit(row)
        ok_j[row["cat"]] += right(row, *j)
        ok_s[row["cat"]] += right(row, *s)
        if not right(row, *s):
            misses.append(f"  speechkit miss [{row['cat']}] {row['text']}: {s} expected "
                          f"{(row['end'], row['start'], row['every'])}")
    print(f"deadline expressions, base {BASE}: {len(rows)} rows\n")
    print(f"{'category':<12}{'rows':>5}{'jionlp':>10}{'speechkit':>11}")
    ahead = True
    for cat in total:
        n = total[cat]
        print(f"{cat:<12}{n:>5}{ok_j[cat] / n:>10.3f}{ok_s[cat] / n:>11.3f}")
        ahead &= ok_s[cat] >= ok_j[cat]
    n = sum(total.values())
    print(f"{'all':<12}{n:>5}{sum(ok_j.values()) / n:>10.3f}{sum(ok_s.values()) / n:>11.3f}")
    print("\nspeechkit at least as good in every category:", "yes" if ahead else "NO")
    print("\n".join(misses))
    return ahead


def timing(repeat: int = 5, number: int = 20) -> None:
    """speechkit.extract on the seed, with the grammar and with find() stubbed out."""
    import speechkit
    from speechkit.extractors import deadlines

    text = SEED.read_text(encoding="utf-8")

    def run() -> None:
        speechkit.extract(text, date="2025-07-15")

    run()  # warm up: lexicons, models, the grammar
    with_grammar = min(timeit.repeat(run, repeat=repeat, number=number)) / number
    real = deadlines.find
    deadlines.find = lambda *args: (None, None)  # type: ignore[assignment]
    try:
        without = min(timeit.repeat(run, repeat=repeat, number=number)) / number
    finally:
        deadlines.find = real  # type: ignore[assignment]
    from speechkit.pipeline import segment

    sents = segment(text)[1]
    base = dt.date(2025, 7, 15)
    per = min(timeit.repeat(lambda: [real(s, base) for s in sents], repeat=repeat, number=number))
    print(f"\ndeadlines.find: {per / number / len(sents) * 1e6:.1f} µs per sentence "
          f"({len(sents)} sentences of the seed)")
    print(f"extract(seed): {with_grammar * 1000:.2f} ms with the grammar, "
          f"{without * 1000:.2f} ms without: +{(with_grammar / without - 1) * 100:.1f}%")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--timing", action="store_true", help="also time speechkit.extract on the seed")
    args = ap.parse_args()
    ahead = score()
    peer()
    if args.timing:
        timing()
    sys.exit(0 if ahead else 1)


if __name__ == "__main__":
    main()
