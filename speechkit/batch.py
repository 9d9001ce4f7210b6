"""Batch runs over speech archives: parallel, resumable, time-limited; one bad file never stops.

``run(paths, "archive.duckdb")`` reads every speech file under ``paths`` (text, Word, web pages,
PDF, zip, JSON Lines: see :mod:`speechkit.readers`) and writes its rows into the DuckDB archive
(:mod:`speechkit.store`), or its records into a ``.jsonl`` file (:mod:`speechkit.lines`).

An input is known by its resolved path and the SHA-256 of its bytes. A rerun skips a file done
with the same bytes and the same options (``date``, lexicons' contents, speechkit's version),
however its path is spelled; a changed file, a run with other options and every input that
failed are done again, replacing their rows. The parent process reads the files (special
files are refused unopened), workers extract, and the parent writes each file's rows in one
transaction: a run killed at any moment resumes where it stopped.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from . import __version__
from .errors import InputError
from .job import work
from .readers import SUFFIXES, regular_file
from .store_tables import Rows
from .workers import Outcome, run_jobs

#: Default per-file time limit, in seconds: generous (a long report takes a few seconds).
TIMEOUT = 600.0


@dataclass
class Summary:
    done: int = 0  # speeches extracted in this run
    failed: int = 0  # inputs (files or members) recorded as errors in this run
    skipped: int = 0  # files already done by an earlier run
    files: int = 0  # files written in this run
    tasks: int = 0
    chars: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)


class Sink(Protocol):
    lines: bool  # wants JSON records (JSON Lines), not table rows

    def done(self) -> dict[str, tuple[str, str]]: ...
    def write(self, rows: Rows) -> None: ...
    def close(self) -> None: ...


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and every speech file (by suffix) under folders named; sorted, once each
    however their paths are spelled."""
    out: dict[str, Path] = {}
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.suffix.lower() in SUFFIXES
                           and not f.name.startswith((".", "~$")))
        else:
            found = [p]
        for f in found:
            out.setdefault(_key(f), f)
    return list(out.values())


def _key(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return os.path.abspath(path)


def fingerprint(date: dt.date | None, lexicons: tuple[str, ...]) -> str:
    """What the results depend on besides the input: the options (``date``, the lexicons'
    contents), speechkit's version, its shipped lexicons and model. A rerun under another
    fingerprint redoes each file."""
    lex = []
    for name in lexicons:
        try:
            lex.append(hashlib.sha256(Path(name).read_bytes()).hexdigest())
        except OSError as e:
            raise InputError(name, f"cannot read the lexicon ({e.strerror or e})") from None
    blob = json.dumps({"version": __version__, "date": date.isoformat() if date else None,
                       "lexicons": lex, "data": _shipped()})
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _shipped() -> str:
    """A hash of the lexicons and the model speechkit ships: retraining redoes the archive."""
    from importlib import resources

    digest = hashlib.sha256()
    root = resources.files("speechkit")
    for folder in ("data", "models"):
        for item in sorted(root.joinpath(folder).iterdir(), key=lambda x: x.name):
            if item.is_file() and item.name.endswith((".tsv", ".json", ".txt")):
                digest.update(item.name.encode() + b"\0" + item.read_bytes())
    return digest.hexdigest()


def open_sink(output: Path, restart: bool = False) -> Sink:
    """The store an output's suffix names: ``.duckdb``/``.db`` (DuckDB) or ``.jsonl``."""
    suffix = output.suffix.lower()
    if suffix == ".jsonl":
        from .lines import LinesSink

        return LinesSink(output, restart=restart)
    if suffix in (".duckdb", ".db"):
        from .store import Store

        if restart and output.exists():
            store = Store(output)  # refused while another batch writes it
            store.close()
            output.unlink()
            Path(str(output) + ".wal").unlink(missing_ok=True)
        return Store(output)
    raise InputError(str(output), "give an output ending in .duckdb (an archive) or .jsonl")


def run(paths: Iterable[str | Path], output: str | Path, *, jobs: int = 0,
        date: dt.date | None = None, lexicons: tuple[str, ...] = (), dask: str | None = None,
        timeout: float | None = TIMEOUT, restart: bool = False, parquet: str | Path | None = None,
        progress: IO[str] | None = None) -> Summary:
    """Extract every speech under ``paths`` into ``output`` (``.duckdb`` or ``.jsonl``).

    ``jobs``: worker processes (0: one per CPU); ``dask``: ``"local"`` or a scheduler address.
    """
    started = time.monotonic()
    options = fingerprint(date, tuple(lexicons))
    files = expand(paths)
    sink = open_sink(Path(output), restart)
    summary = Summary()
    meter = _Meter(len(files), progress)
    try:
        done = sink.done()
        early: list[Rows] = []
        inputs = _inputs(files, done, (options, date, tuple(lexicons), sink.lines), early,
                         summary)
        workers = jobs if jobs > 0 else os.cpu_count() or 1
        outcomes = _on_dask(inputs, dask, workers, timeout) if dask else run_jobs(
            work, inputs, workers=workers, timeout=timeout)
        for outcome in outcomes:
            _flush(sink, early, summary, meter)
            _record(sink, _rows_of(outcome), summary, meter)
        _flush(sink, early, summary, meter)
        if parquet is not None:
            _export(sink, Path(parquet))
    finally:
        sink.close()
        summary.seconds = time.monotonic() - started
        meter.close(summary)
    return summary


def _inputs(files: list[Path], done: dict[str, tuple[str, str]], settings: tuple[Any, ...],
            early: list[Rows], summary: Summary) -> Iterator[tuple[Any, ...]]:
    """Jobs for the files not done yet, largest first (so no worker is left with a long file
    at the end); files that cannot be read go to ``early`` as errors."""
    from .readers import MAX_BYTES

    options, *rest = settings
    for f in sorted(files, key=_size, reverse=True):
        key = _key(f)
        try:
            regular_file(key)
            with open(key, "rb") as fh:
                data = fh.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                raise InputError(key, f"over the {MAX_BYTES} byte limit")
        except InputError as e:
            rows = Rows(key, "", options)
            rows.error(key, str(e))
            early.append(rows)
            continue
        except OSError as e:
            rows = Rows(key, "", options)
            rows.error(key, f"{key}: cannot read ({e.strerror or e})")
            early.append(rows)
            continue
        sha = hashlib.sha256(data).hexdigest()
        if done.get(key) == (sha, options):
            summary.skipped += 1
            continue
        yield (data, key, sha, options, *rest)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _rows_of(outcome: Outcome) -> Rows:
    if outcome.error is None:
        rows: Rows = outcome.result
        return rows
    _, key, sha, options, *_ = outcome.job
    rows = Rows(key, sha, options)
    rows.error(key, f"{key}: {outcome.error}")
    return rows


def _flush(sink: Sink, early: list[Rows], summary: Summary, meter: _Meter) -> None:
    while early:
        _record(sink, early.pop(0), summary, meter)


def _record(sink: Sink, rows: Rows, summary: Summary, meter: _Meter) -> None:
    sink.write(rows)
    summary.files += 1
    summary.done += rows.speeches
    summary.tasks += rows.tasks
    summary.chars += rows.chars
    summary.failed += len(rows.failed)
    summary.errors.extend(rows.failed)
    meter.tick(summary)


def _export(sink: Sink, folder: Path) -> None:
    from .store import Store

    if not isinstance(sink, Store):
        raise InputError(str(folder), "--parquet exports an archive: give -o FILE.duckdb")
    sink.export_parquet(folder)


def _on_dask(inputs: Iterator[tuple[Any, ...]], address: str, workers: int,
             timeout: float | None) -> Iterator[Outcome]:
    from .daskrun import on_dask  # Dask is imported only for a run on it

    return on_dask(inputs, address, workers, timeout)


class _Meter:
    """Progress on a stream: files done of all, files/s, characters/s, errors."""

    def __init__(self, total: int, out: IO[str] | None) -> None:
        self.total, self.out = total, out
        self.start = self.last = time.monotonic()
        self.tty = bool(out is not None and getattr(out, "isatty", lambda: False)())

    def line(self, s: Summary) -> str:
        secs = max(time.monotonic() - self.start, 1e-9)
        return (f"{s.files + s.skipped}/{self.total} files ({s.skipped} already done) · "
                f"{s.files / secs:.2f} files/s · {s.chars / secs / 1000:.1f}k chars/s · "
                f"{s.tasks} tasks · {s.failed} errors")

    def tick(self, s: Summary) -> None:
        now = time.monotonic()
        if self.out is None or now - self.last < (0.5 if self.tty else 10):
            return
        self.last = now
        self.out.write(("\r" + self.line(s)) if self.tty else self.line(s) + "\n")
        self.out.flush()

    def close(self, s: Summary) -> None:
        if self.out is not None and self.tty:
            self.out.write("\r" + self.line(s) + "\n")
            self.out.flush()
