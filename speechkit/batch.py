"""Batch runs over speech archives: parallel, resumable, with progress; one bad file never stops.

Output is JSON Lines, one line a speech in the JSON contract, or ``{"source", "error"}`` for an
input that could not be read. Lines are written as speeches finish and flushed, so a run that
is stopped leaves a valid file; run the same command again and it resumes where it stopped
(a line cut off mid-write is dropped and redone).
"""
from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from .api import Result, _one, extract_many
from .errors import InputError

PATTERN = "*.txt"


@dataclass
class Summary:
    done: int = 0  # speeches extracted in this run
    failed: int = 0  # inputs recorded as errors in this run
    skipped: int = 0  # already in the output from an earlier run
    tasks: int = 0
    errors: list[str] = field(default_factory=list)


def expand(paths: Iterable[str | Path], pattern: str = PATTERN) -> list[Path]:
    """Files named, and the files matching ``pattern`` under folders named, sorted, once each."""
    out: dict[Path, None] = {}
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob(pattern)):
                if f.is_file():
                    out.setdefault(f)
        else:
            out.setdefault(p)
    return list(out)


def finished_sources(output: Path) -> set[str]:
    """Sources already in an output file; a last line cut off mid-write is removed."""
    if not output.exists():
        return set()
    done: set[str] = set()
    keep = 0
    with output.open("rb") as f:
        for raw in f:
            try:
                rec = json.loads(raw)
            except ValueError:
                break
            if not raw.endswith(b"\n"):
                break
            keep += len(raw)
            src = rec.get("source") or rec.get("speech", {}).get("source")
            if src:
                done.add(src)
    if keep < output.stat().st_size:
        with output.open("r+b") as f:
            f.truncate(keep)
    return done


def _record(result: Result) -> dict[str, object]:
    if result.speech is not None:
        return result.speech.to_dict()
    return {"source": result.source, "error": result.error}


def _dask_results(files: list[Path], scheduler: str, date: dt.date | None,
                  lexicons: tuple[str, ...]) -> Iterator[Result]:
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise InputError("--dask", "Dask is not installed: pip install 'speechkit[dask]'") from None
    client = Client(processes=False) if scheduler == "local" else Client(scheduler)
    try:
        futures = client.map(_one, range(len(files)), files, date=date, lexicons=lexicons,
                             pure=False)
        for fut in as_completed(futures):
            yield fut.result()
    finally:
        client.close()


def run(paths: Iterable[str | Path], output: Path, *, jobs: int = 1, date: dt.date | None = None,
        lexicons: tuple[str, ...] = (), dask: str | None = None, resume: bool = True,
        progress: IO[str] | None = None) -> Summary:
    """Extract every speech under ``paths`` into the JSON Lines file ``output``."""
    files = expand(paths)
    done = finished_sources(output) if resume else set()
    todo = [f for f in files if os.fspath(f) not in done]
    summary = Summary(skipped=len(files) - len(todo))
    if dask:
        results: Iterable[Result] = _dask_results(todo, dask, date, lexicons)
    else:
        results = extract_many(todo, date=date, lexicons=lexicons, n_process=jobs)
    bar = None
    if progress is not None:
        from tqdm import tqdm

        bar = tqdm(total=len(files), initial=summary.skipped, file=progress, unit="speech",
                   dynamic_ncols=True)
    with output.open("a" if resume else "w", encoding="utf-8") as out:
        for result in results:
            out.write(json.dumps(_record(result), ensure_ascii=False) + "\n")
            out.flush()
            if result.speech is not None:
                summary.done += 1
                summary.tasks += len(result.speech.tasks)
            else:
                summary.failed += 1
                summary.errors.append(result.error or result.source)
            if bar is not None:
                bar.update(1)
    if bar is not None:
        bar.close()
    return summary
