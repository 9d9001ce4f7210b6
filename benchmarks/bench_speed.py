"""Where the time goes: throughput beside raw ``jieba.lcut``, seconds per MB, memory, cold start.

    python benchmarks/bench_speed.py [--docs DIR] [--sizes 1,5,20] [--skip-sizes]

- **throughput**: ``speechkit.extract`` and ``jieba.lcut`` (jieba's default dictionary, loaded
  before timing) over the same texts (``../shared/eval/raw`` unless ``--docs``), in this one
  process, three rounds alternating the two text by text (so a burst of load on a shared
  machine falls on both); the median round of each, and their ratio.
- **seconds per MB**: one document of 1, 5 and 20 MB (the texts concatenated, then cut at a
  line), each extracted in a fresh process that reports its wall time and peak resident memory
  (``resource.getrusage``), so one size's garbage never weighs on the next.
- **cold start**: ``import speechkit`` and a first ``extract`` of the seed in a fresh process.

Figures go into ``docs/performance.md``. Timings belong here, not in the test suite.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "town_midyear_2025.txt"
SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
              ROOT.parent / "shared")  # ../shared beside the repo (or beside its worktrees)
RAW = SHARED / "eval" / "raw"
MB = 1 << 20

_ONE_SIZE = """
import resource, sys, time
from pathlib import Path
text = Path(sys.argv[1]).read_text(encoding="utf-8")
import speechkit
speechkit.extract("镇规建办要在年底前完成3个村的改造。", date="2025-07-15")  # load once
t = time.perf_counter()
speechkit.extract(text, date="2025-07-15")
t = time.perf_counter() - t
print(t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def texts_of(folder: Path) -> list[str]:
    files = sorted(folder.glob("*.txt")) or [SEED]
    return [f.read_text(encoding="utf-8") for f in files]


def throughput(texts: list[str], rounds: int = 3) -> dict[str, float]:
    import jieba

    import speechkit

    jieba.setLogLevel(60)
    jieba.initialize()
    speechkit.extract(texts[0], date="2025-07-15")
    chars = sum(len(t) for t in texts)
    ours, theirs = [], []
    for _ in range(rounds):  # alternate text by text, so a burst of load falls on both
        mine = other = 0.0
        for text in texts:
            t = time.perf_counter()
            speechkit.extract(text, date="2025-07-15")
            mine += time.perf_counter() - t
            t = time.perf_counter()
            jieba.lcut(text)
            other += time.perf_counter() - t
        ours.append(mine)
        theirs.append(other)
    a, b = statistics.median(ours), statistics.median(theirs)
    return {"chars": chars, "extract_cps": chars / a, "jieba_cps": chars / b, "ratio": b / a}


def document(texts: list[str], size: int) -> str:
    """About ``size`` bytes of UTF-8: the texts one after another, cut at a line end."""
    whole = "\n\n".join(texts)
    parts, got = [], 0
    while got < size:
        parts.append(whole)
        got += len(whole.encode("utf-8"))
    doc = "\n\n".join(parts).encode("utf-8")[:size].decode("utf-8", "ignore")
    return doc[:doc.rfind("\n") + 1] or doc


def per_mb(texts: list[str], sizes: list[float], tmp: Path) -> list[dict[str, float]]:
    out = []
    for mb in sizes:
        path = tmp / f"bench_{mb}mb.txt"
        path.write_text(document(texts, int(mb * MB)), encoding="utf-8")
        r = subprocess.run([sys.executable, "-c", _ONE_SIZE, str(path)], check=True, cwd=ROOT,
                           capture_output=True, text=True)
        seconds, rss_kb = r.stdout.split()
        real = path.stat().st_size / MB
        out.append({"mb": real, "seconds": float(seconds), "s_per_mb": float(seconds) / real,
                    "peak_mb": int(rss_kb) / 1024})
        path.unlink()
    return out


def fresh(code: str, runs: int = 3) -> float:
    """Best wall time of ``code`` in a fresh interpreter (interpreter start-up subtracted)."""
    def once(src: str) -> float:
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", src], check=True, cwd=ROOT)
        return time.perf_counter() - t

    base = min(once("pass") for _ in range(runs))
    return min(once(code) for _ in range(runs)) - base


def cold_start() -> dict[str, float]:
    first = (f"import speechkit; speechkit.extract(open({str(SEED)!r}, encoding='utf-8').read(), "
             "date='2025-07-15')")
    return {"import_ms": fresh("import speechkit") * 1000, "first_extract_ms": fresh(first) * 1000,
            "model_ms": fresh("from speechkit import taskmodel; taskmodel.load()") * 1000}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=Path, default=RAW)
    ap.add_argument("--sizes", default="1,5,20", help="document sizes in MB, comma-separated")
    ap.add_argument("--skip-sizes", action="store_true")
    ap.add_argument("--tmp", type=Path, default=Path("/tmp"))
    args = ap.parse_args(argv)
    texts = texts_of(args.docs)
    report: dict[str, object] = {"throughput": throughput(texts)}
    tp = report["throughput"]
    assert isinstance(tp, dict)
    print(f"throughput on {len(texts)} texts, {tp['chars']:.0f} chars: extract "
          f"{tp['extract_cps'] / 1000:.0f}k chars/s, jieba.lcut {tp['jieba_cps'] / 1000:.0f}k "
          f"chars/s, ratio {tp['ratio']:.2f}x", flush=True)
    if not args.skip_sizes:
        sizes = per_mb(texts, [float(s) for s in args.sizes.split(",")], args.tmp)
        report["sizes"] = sizes
        for s in sizes:
            print(f"{s['mb']:5.1f} MB: {s['seconds']:6.2f} s, {s['s_per_mb']:.2f} s/MB, "
                  f"peak {s['peak_mb']:.0f} MB", flush=True)
    cold = cold_start()
    report["cold"] = cold
    print(f"cold start: import {cold['import_ms']:.0f} ms, import + first extract (seed) "
          f"{cold['first_extract_ms']:.0f} ms, runtime model load {cold['model_ms']:.0f} ms")
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1:])
