"""The archive's tables, declared once: their columns, and a speech's rows in them.

The rows are plain tuples (picklable, cheap to send back from a worker process or a Dask
worker); :mod:`speechkit.store` writes them into DuckDB and exports them as Parquet.
Ids are stable: a speech's id comes from its resolved source (path, and member of a zip or
JSON Lines file), a task's from its speech's id and its number in the speech.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .records import Quantity, Section, Speech, Task

Row = tuple[Any, ...]

#: table name -> ((column, DuckDB type), ...), in the order rows give them.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "speeches": (("id", "VARCHAR PRIMARY KEY"), ("source", "VARCHAR"), ("path", "VARCHAR"),
                 ("sha256", "VARCHAR"), ("format", "VARCHAR"), ("date", "DATE"),
                 ("title", "VARCHAR"), ("chars", "INTEGER"), ("tasks", "INTEGER"),
                 ("figures", "INTEGER"), ("warnings", "VARCHAR[]"), ("options", "VARCHAR"),
                 ("record", "VARCHAR")),
    "texts": (("speech_id", "VARCHAR"), ("text", "VARCHAR")),
    "sections": (("speech_id", "VARCHAR"), ("seq", "INTEGER"), ("level", "INTEGER"),
                 ("marker", "VARCHAR"), ("title", "VARCHAR"), ("part", "VARCHAR"),
                 ("span_start", "INTEGER"), ("span_end", "INTEGER")),
    "items": (("id", "VARCHAR"), ("speech_id", "VARCHAR"), ("seq", "INTEGER"),
              ("title", "VARCHAR"), ("kind", "VARCHAR"), ("section", "VARCHAR"),
              ("tasks", "INTEGER"), ("deadline_end", "DATE"), ("deadline_text", "VARCHAR"),
              ("span_start", "INTEGER"), ("span_end", "INTEGER")),
    "tasks": (("id", "VARCHAR"), ("speech_id", "VARCHAR"), ("seq", "INTEGER"),
              ("item_id", "VARCHAR"), ("text", "VARCHAR"), ("section", "VARCHAR"),
              ("part", "VARCHAR"), ("owners", "VARCHAR"), ("force", "VARCHAR"),
              ("confidence", "DOUBLE"), ("deadline_text", "VARCHAR"), ("deadline_end", "DATE"),
              ("deadline_start", "DATE"), ("deadline_precision", "VARCHAR"),
              ("recurrence", "VARCHAR"), ("span_start", "INTEGER"), ("span_end", "INTEGER")),
    "owners": (("task_id", "VARCHAR"), ("speech_id", "VARCHAR"), ("seq", "INTEGER"),
               ("text", "VARCHAR"), ("role", "VARCHAR"), ("inherited", "BOOLEAN"),
               ("span_start", "INTEGER"), ("span_end", "INTEGER")),
    "figures": (("speech_id", "VARCHAR"), ("seq", "INTEGER"), ("task_id", "VARCHAR"),
                ("text", "VARCHAR"), ("value", "DOUBLE"), ("unit", "VARCHAR"),
                ("comparator", "VARCHAR"), ("kind", "VARCHAR"), ("indicator", "VARCHAR"),
                ("span_start", "INTEGER"), ("span_end", "INTEGER")),
    "errors": (("source", "VARCHAR"), ("path", "VARCHAR"), ("sha256", "VARCHAR"),
               ("error", "VARCHAR"), ("options", "VARCHAR")),
}

#: The tables whose rows belong to a speech (deleted with it), by the column naming it.
CHILDREN = {"texts": "speech_id", "sections": "speech_id", "items": "speech_id",
            "tasks": "speech_id", "owners": "speech_id", "figures": "speech_id"}

SECTION_SEP = " > "


@dataclass
class Rows:
    """The rows one input file gives, table by table; written in one transaction."""

    path: str
    sha256: str
    options: str
    tables: dict[str, list[Row]] = field(default_factory=lambda: {name: [] for name in TABLES})
    records: list[dict[str, Any]] = field(default_factory=list)  # JSON, for a .jsonl output
    chars: int = 0
    lines: bool = False  # give the JSON records (a .jsonl output), not the tables

    @property
    def speeches(self) -> int:
        return len(self.tables["speeches"])

    @property
    def failed(self) -> list[str]:
        return [row[3] for row in self.tables["errors"]]

    @property
    def tasks(self) -> int:
        return len(self.tables["tasks"])

    def error(self, source: str, message: str) -> None:
        self.tables["errors"].append((source, self.path, self.sha256, message, self.options))
        self.records.append({"source": source, "error": message,
                             "batch": {"path": self.path, "sha256": self.sha256,
                                       "options": self.options}})


def speech_id(source: str) -> str:
    """A speech's stable id: from its resolved source, the same however the path was spelled."""
    return "S" + hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def add_speech(rows: Rows, speech: Speech) -> None:
    """Append one speech's rows (and its JSON record) to ``rows``."""
    sid = speech_id(speech.source)
    record = speech.to_dict()
    rows.chars += speech.chars
    if rows.lines:
        batch = {"path": rows.path, "sha256": rows.sha256, "options": rows.options, "id": sid}
        rows.records.append({**record, "batch": batch})
        rows.tables["speeches"].append((sid,))  # counted, never written
        rows.tables["tasks"].extend((t.id,) for t in speech.tasks)
        return
    t = rows.tables
    t["speeches"].append((sid, speech.source, rows.path, rows.sha256, speech.format, speech.date,
                          speech.title, speech.chars, len(speech.tasks), len(speech.figures),
                          list(speech.warnings), rows.options,
                          json.dumps(record, ensure_ascii=False)))
    t["texts"].append((sid, speech.text))
    t["sections"].extend((sid, i, s.level, s.marker, s.title, s.part, *s.span)
                         for i, s in enumerate(speech.sections))
    t["items"].extend((f"{sid}-{it.id}", sid, i, it.title, it.kind, SECTION_SEP.join(it.section),
                       len(it.tasks), it.deadline.end if it.deadline else None,
                       it.deadline.text if it.deadline else None, *it.span)
                      for i, it in enumerate(speech.items))
    parts = _parts(speech.sections, speech.tasks)
    for i, task in enumerate(speech.tasks):
        tid = f"{sid}-{task.id}"
        t["tasks"].append(_task_row(sid, i, tid, task, parts[i]))
        t["owners"].extend((tid, sid, j, o.text, o.role, o.inherited, *o.span)
                           for j, o in enumerate(task.owners))
    figures: list[tuple[Quantity, str | None]] = [
        (q, f"{sid}-{task.id}") for task in speech.tasks for q in task.targets]
    figures += [(q, None) for q in speech.figures]
    figures.sort(key=lambda f: f[0].span)
    t["figures"].extend(_figure_row(sid, i, q, tid) for i, (q, tid) in enumerate(figures))


def _task_row(sid: str, seq: int, tid: str, task: Task, part: str | None) -> Row:
    d, r = task.deadline, task.recurrence
    return (tid, sid, seq, f"{sid}-{task.item}" if task.item else None, task.text,
            SECTION_SEP.join(task.section), part, "、".join(o.text for o in task.owners),
            task.force, round(task.confidence, 4), d.text if d else None, d.end if d else None,
            d.start if d else None, d.precision if d else None, r.every if r else None,
            *task.span)


def _figure_row(sid: str, seq: int, q: Quantity, tid: str | None) -> Row:
    return (sid, seq, tid, q.text, q.value, q.unit, q.comparator, q.kind, q.indicator, *q.span)


def _parts(sections: Iterable[Section], tasks: Iterable[Task]) -> list[str | None]:
    """Each task's part: that of the last top-level section opened before it (one merge pass)."""
    heads = sorted((s.span[0], s.level, s.part) for s in sections if s.part)
    top = min((level for _, level, _ in heads), default=0)
    opened = [(start, part) for start, level, part in heads if level == top]
    order = sorted(enumerate(tasks), key=lambda x: x[1].span[0])
    out: list[str | None] = [None] * len(order)
    k, current = 0, None
    for i, task in order:
        while k < len(opened) and opened[k][0] <= task.span[0]:
            current = opened[k][1]
            k += 1
        out[i] = current
    return out
