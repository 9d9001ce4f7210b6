"""Where the time goes: import, first call (segmenter, lexicons, model), and steady state.

    python benchmarks/bench_speed.py [FILES...]

Each figure is the best of several runs in fresh processes where start-up matters. Timings
belong here, not in the test suite.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "town_midyear_2025.txt"


def fresh(code: str, runs: int = 5) -> float:
    """Best wall time of ``code`` in a fresh interpreter (interpreter start-up subtracted)."""
    def once(src: str) -> float:
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", src], check=True, cwd=ROOT)
        return time.perf_counter() - t

    base = min(once("pass") for _ in range(runs))
    return min(once(code) for _ in range(runs)) - base


def main(paths: list[str]) -> None:
    import speechkit
    from speechkit import taskmodel, tokens

    files = [Path(p) for p in paths] or [SEED]
    texts = [f.read_text(encoding="utf-8") for f in files]
    chars = sum(len(t) for t in texts)

    print(f"import speechkit               {fresh('import speechkit') * 1000:8.1f} ms")
    first = fresh(f"import speechkit; speechkit.extract(open({str(SEED)!r}, encoding='utf-8').read(), date='2025-07-15')", runs=3)
    print(f"import + first extract (seed)  {first * 1000:8.1f} ms")
    runtime = fresh("from speechkit import taskmodel; taskmodel.load()", runs=3)
    print(f"  task model, runtime export   {runtime * 1000:8.1f} ms  (what extraction loads)")
    pipeline = fresh("from speechkit import taskmodel; taskmodel.load_pipeline()", runs=3)
    print(f"  task model, skops pipeline   {pipeline * 1000:8.1f} ms  (scikit-learn + skops "
          f"imports included; {pipeline / runtime:.0f}x the export)")
    seg = fresh("from speechkit import tokens; tokens.segmenter()", runs=3)
    print(f"  jieba segmenter + user dict  {seg * 1000:8.1f} ms")

    taskmodel.load()
    tokens.segmenter()
    speechkit.extract(texts[0], date="2025-07-15")
    times = []
    for _ in range(5):
        t = time.perf_counter()
        for text in texts:
            speechkit.extract(text, date="2025-07-15")
        times.append(time.perf_counter() - t)
    best = min(times)
    print(f"steady state: {len(files)} file(s), {chars} chars: best {best * 1000:.1f} ms, "
          f"median {statistics.median(times) * 1000:.1f} ms, {chars / best / 1000:.0f}k chars/s")


if __name__ == "__main__":
    main(sys.argv[1:])
