"""Check that a speed change changed no output: snapshot ``extract`` JSON, then compare.

    python benchmarks/same_output.py save  DIR   # before the change
    python benchmarks/same_output.py check DIR   # after it: lists every text whose JSON differs

The texts are ``corpora/``, ``seeds/`` and, when ``../shared/eval`` is beside the repository,
its ``dev``, ``raw`` and 2026 ``archive`` texts. Each is extracted with the gold date when it
has one (else 2025-07-15), and its ``to_dict()`` is written as canonical JSON. A speed change
must leave every file byte-identical; a change meant to alter output shows here what it did.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
              ROOT.parent / "shared")


def texts() -> list[Path]:
    found = sorted((ROOT / "corpora").glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
    ev = SHARED / "eval"
    for sub in ("dev", "raw", "archive/2026"):
        found += sorted((ev / sub).glob("*.txt"))
    return found


def date_of(path: Path) -> str:
    gold = path.with_name(path.stem + ".gold.json")
    if gold.is_file():
        d = json.loads(gold.read_text(encoding="utf-8")).get("date")
        if d:
            return str(d)
    return "2025-07-15"


def key(path: Path) -> str:
    rel = path.resolve()
    for base in (ROOT, SHARED):
        try:
            rel = path.resolve().relative_to(base.resolve())
            break
        except ValueError:
            continue
    return hashlib.sha1(str(rel).encode()).hexdigest()[:12] + "_" + path.stem


def dump(path: Path) -> str:
    import speechkit

    speech = speechkit.extract(path.read_text(encoding="utf-8"), date=date_of(path),
                               source=path.name)
    return json.dumps(speech.to_dict(), ensure_ascii=False, sort_keys=True, indent=1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=("save", "check"))
    ap.add_argument("dir", type=Path)
    a = ap.parse_args(argv)
    a.dir.mkdir(parents=True, exist_ok=True)
    differ = 0
    paths = texts()
    for path in paths:
        out = a.dir / (key(path) + ".json")
        got = dump(path)
        if a.mode == "save":
            out.write_text(got, encoding="utf-8")
        elif not out.is_file() or out.read_text(encoding="utf-8") != got:
            differ += 1
            print(f"differs: {path}")
    print(f"{len(paths)} texts, {differ} differ" if a.mode == "check" else f"{len(paths)} saved")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
