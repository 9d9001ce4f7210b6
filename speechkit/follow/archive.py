"""Follow-through over an archive: every issuer's reports of consecutive years, paired.

An archive is a DuckDB file made by ``speechkit batch -o archive.duckdb`` (its ``speeches``
and ``texts`` tables; the links are written back into a ``follow`` table, replacing those of
an earlier run for the same pair), or a folder of report files, each read and extracted here.
Both go through the same pairing (:mod:`.pairs`).
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, SpeechkitError
from ..records import Speech
from . import Follow, follow
from .pairs import Doc, issuer, issuer_key, pair, year_of

#: The ``follow`` table: one row per link, targets and tasks alike (``kind``).
FOLLOW_COLUMNS: tuple[tuple[str, str], ...] = (
    ("earlier_id", "VARCHAR"), ("later_id", "VARCHAR"), ("issuer", "VARCHAR"),
    ("earlier_year", "INTEGER"), ("later_year", "INTEGER"), ("kind", "VARCHAR"),
    ("seq", "INTEGER"), ("indicator", "VARCHAR"), ("text", "VARCHAR"),
    ("span_start", "INTEGER"), ("span_end", "INTEGER"), ("value", "DOUBLE"), ("unit", "VARCHAR"),
    ("comparator", "VARCHAR"), ("period", "VARCHAR"), ("actual_text", "VARCHAR"),
    ("actual_start", "INTEGER"), ("actual_end", "INTEGER"), ("actual_value", "DOUBLE"),
    ("actual_unit", "VARCHAR"), ("met", "BOOLEAN"), ("status", "VARCHAR"), ("score", "DOUBLE"))

_SUFFIXES = (".txt", ".docx", ".html", ".htm", ".pdf", ".md")


@dataclass
class ArchiveFollow:
    """The follow-through of an archive: its pairs, and what could not be paired or read."""

    follows: list[Follow] = field(default_factory=list)
    unpaired: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def _doc(speech: Speech, ref: object) -> Doc | None:
    who = issuer(speech.title, speech.source)
    year = year_of(speech.title, speech.source, speech.date.year if speech.date else None)
    if who is None or year is None:
        return None
    return Doc(issuer_key(who), who, year, ref)


def _pairs(speeches: dict[str, Speech], result: ArchiveFollow) -> list[tuple[Doc, Doc]]:
    docs = []
    for ref, s in speeches.items():
        d = _doc(s, ref)
        if d is None:
            result.unpaired.append(f"{s.source}: no issuer or year in its title or name")
        else:
            docs.append(d)
    pairs, alone = pair(docs)
    result.unpaired += [f"{d.issuer} {d.year}: no report of the year before or after"
                        for d in alone]
    return pairs


def follow_folder(folder: Path, extract: Callable[[Path], Speech] | None = None) -> ArchiveFollow:
    """Read every report file under ``folder`` (recursively), pair them, follow each pair."""
    from ..api import extract_file

    read = extract or extract_file
    result = ArchiveFollow()
    speeches: dict[str, Speech] = {}
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in _SUFFIXES):
        try:
            speeches[str(path)] = read(path)
        except SpeechkitError as e:
            result.failed.append(str(e))
    for early, late in _pairs(speeches, result):
        result.follows.append(follow(speeches[str(early.ref)], speeches[str(late.ref)]))
    return result


def _connect(path: Path) -> Any:
    try:
        from ..store import Store  # the archive's own opener (its lock messages), when there
    except ImportError:
        return _duckdb(path)
    return Store(path).con


def _duckdb(path: Path) -> Any:
    import duckdb

    try:
        return duckdb.connect(str(path))
    except duckdb.Error as e:
        raise InputError(str(path), f"cannot open the archive ({e})") from None


def follow_store(path: Path) -> ArchiveFollow:
    """Pair the speeches of a DuckDB archive, follow each pair, write the ``follow`` table."""
    if not path.exists():
        raise InputError(str(path), "no such archive (make one with speechkit batch -o FILE)")
    con = _connect(path)
    try:
        rows = con.execute("SELECT s.id, s.record, t.text FROM speeches s "
                           "JOIN texts t ON t.speech_id = s.id ORDER BY s.id").fetchall()
    except Exception as e:  # noqa: BLE001 - duckdb's errors: a file that is no archive
        con.close()
        raise InputError(str(path), f"not a speechkit archive ({e})") from None
    result = ArchiveFollow()
    speeches = {sid: Speech.from_dict(json.loads(record), text) for sid, record, text in rows}
    try:
        for early, late in _pairs(speeches, result):
            f = follow(speeches[str(early.ref)], speeches[str(late.ref)])
            result.follows.append(f)
            _write(con, str(early.ref), str(late.ref), early, late, f)
    finally:
        con.close()
    return result


def follow_rows(f: Follow, ids: tuple[str, str], who: str, years: tuple[int, int]) -> list[tuple[Any, ...]]:
    """The ``follow`` table's rows of one pair."""
    head = (*ids, who, *years)
    rows: list[tuple[Any, ...]] = []
    for k, t in enumerate(f.targets):
        a = t.actual
        rows.append((*head, "target", k, t.indicator, t.text, *t.span, t.value, t.unit,
                     t.comparator, t.period, a.text if a else None,
                     *(a.span if a else (None, None)), a.value if a else None,
                     a.unit if a else None, t.met, None, t.score))
    for k, task in enumerate(f.tasks):
        r = task.report
        rows.append((*head, "task", k, None, task.text, *task.span, None, None, None, None,
                     r.text if r else None, *(r.span if r else (None, None)), None, None,
                     None, task.status, task.score))
    return rows


def _write(con: Any, eid: str, lid: str, early: Doc, late: Doc, f: Follow) -> None:
    cols = ", ".join(f'"{c}" {t}' for c, t in FOLLOW_COLUMNS)
    con.execute(f"CREATE TABLE IF NOT EXISTS follow ({cols})")
    rows = follow_rows(f, (eid, lid), early.issuer, (early.year, late.year))
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM follow WHERE earlier_id = ? AND later_id = ?", [eid, lid])
        if rows:  # one INSERT of a frame: row by row, ten thousand links take seconds
            import pandas as pd

            con.register("_follow_rows", pd.DataFrame(rows, columns=[c for c, _ in FOLLOW_COLUMNS]))
            try:
                con.execute("INSERT INTO follow SELECT * FROM _follow_rows")
            finally:
                con.unregister("_follow_rows")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def follow_archive(path: str | Path) -> ArchiveFollow:
    """A folder of reports or a DuckDB archive (by its suffix, .duckdb/.db), paired and followed."""
    p = Path(path)
    if p.is_dir():
        return follow_folder(p)
    if p.suffix.lower() in (".duckdb", ".db") or p.exists():
        return follow_store(p)
    raise InputError(str(p), "no such folder or archive")

