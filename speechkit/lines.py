"""A batch run's JSON Lines output: one speech (or one error) a line, resumable, one writer.

Each line carries ``batch``: the input file's resolved ``path``, its ``sha256``, the run's
``options`` and ``write``, a number per file written. Opening the file keeps, for every path,
only the lines of its latest write (a file redone replaces its lines) and drops a last line cut
off mid-write. U+2028, U+2029 and U+0085 are written escaped, so readers that split lines on
them (JavaScript, ``str.splitlines``) read one record a line.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import IO, Any

from .errors import InputError
from .store_tables import Rows

_SEPARATORS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def dumps(record: dict[str, Any]) -> str:
    """One JSON line, UTF-8 readable, with the Unicode line separators escaped."""
    text = json.dumps(record, ensure_ascii=False)
    for ch, esc in _SEPARATORS.items():
        text = text.replace(ch, esc)  # they occur only inside strings: the escape is the same
    return text


class LinesSink:
    """The JSON Lines output of ``speechkit batch -o FILE.jsonl``."""

    lines = True

    def __init__(self, path: Path, *, restart: bool = False) -> None:
        self.path = path
        self.out: IO[str] = path.open("a+", encoding="utf-8")
        _lock(self.out, path)
        if restart:
            self.out.truncate(0)
        self._done = self._compact()
        self._dirty = False  # a path written again: its old lines go when the run closes

    def done(self) -> dict[str, tuple[str, str]]:
        return self._done

    def _compact(self) -> dict[str, tuple[str, str]]:
        self.out.seek(0)
        records: list[tuple[str, dict[str, Any]]] = []
        cut = False
        for raw in self.out.read().split("\n"):
            if not raw.strip():
                continue
            try:
                records.append((raw, json.loads(raw)))
            except ValueError:
                cut = True  # a line cut off mid-write: the last one
        latest: dict[str, Any] = {}
        for _, rec in records:
            batch = rec.get("batch") or {}
            latest[_path(rec)] = max(latest.get(_path(rec), -1), batch.get("write", 0))
        keep = [(raw, rec) for raw, rec in records
                if (rec.get("batch") or {}).get("write", 0) == latest[_path(rec)]]
        if cut or len(keep) < len(records):
            self._rewrite([raw for raw, _ in keep])
        self._paths = {_path(rec) for _, rec in keep}
        done: dict[str, tuple[str, str]] = {}
        failed = {_path(rec) for _, rec in keep if "error" in rec}
        for _, rec in keep:
            batch = rec.get("batch") or {}
            if batch.get("sha256") and _path(rec) not in failed:
                done[_path(rec)] = (batch["sha256"], batch.get("options", ""))
        return done

    def _rewrite(self, lines: list[str]) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        os.replace(tmp, self.path)
        self.out.close()
        self.out = self.path.open("a+", encoding="utf-8")
        _lock(self.out, self.path)

    def write(self, rows: Rows) -> None:
        stamp = time.time_ns()
        text = "".join(dumps({**rec, "batch": {**rec["batch"], "write": stamp}}) + "\n"
                       for rec in rows.records)
        self.out.write(text)
        self.out.flush()
        self._dirty = self._dirty or rows.path in self._paths

    def close(self) -> None:
        if self._dirty:
            self._compact()
        self.out.close()


def _path(rec: dict[str, Any]) -> str:
    batch = rec.get("batch") or {}
    return str(batch.get("path") or rec.get("source") or rec.get("speech", {}).get("source"))


def _lock(out: IO[str], path: Path) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return
    try:
        fcntl.flock(out.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        out.close()
        raise InputError(str(path), "is being written by another speechkit batch: wait for it "
                                    "to finish, or write to another file") from None
