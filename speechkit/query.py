"""Questions to the archive: which tasks, across all speeches, match a filter.

``ledger(store, Filter(owner="住建局"))`` gives the speeches that have matching tasks, each
read back from the archive (:meth:`Speech.from_dict`) with only those tasks (and the items
they belong to), so every writer of :mod:`speechkit.writers` prints them.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from typing import Any

from .records import Speech
from .store import Store


@dataclass(frozen=True)
class Filter:
    """All given conditions hold (dates inclusive; texts are substrings)."""

    owner: str | None = None  # an owner, lead or support, whose name contains this
    due_before: dt.date | None = None  # deadline's last day on or before
    due_after: dt.date | None = None  # deadline's last day on or after
    no_owner: bool = False  # tasks that name no owner
    speech: str | None = None  # a speech's id, or its source path
    search: str | None = None  # the task's text contains this
    part: str | None = None  # review, deploy or other

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.owner:
            clauses.append("EXISTS (SELECT 1 FROM owners o WHERE o.task_id = t.id "
                           "AND contains(o.text, ?))")
            params.append(self.owner)
        if self.no_owner:
            clauses.append("NOT EXISTS (SELECT 1 FROM owners o WHERE o.task_id = t.id)")
        if self.due_before:
            clauses.append("t.deadline_end <= ?")
            params.append(self.due_before)
        if self.due_after:
            clauses.append("t.deadline_end >= ?")
            params.append(self.due_after)
        if self.speech:
            clauses.append("(s.id = ? OR s.source = ? OR s.path = ?)")
            params += [self.speech] * 3
        if self.search:
            clauses.append("contains(t.text, ?)")
            params.append(self.search)
        if self.part:
            clauses.append("t.part = ?")
            params.append(self.part)
        return (" AND ".join(clauses) or "TRUE"), params


def task_ids(store: Store, flt: Filter) -> list[tuple[str, str]]:
    """(speech id, task id) of every matching task, by speech date, source and place."""
    where, params = flt.where()
    return store.con.execute(
        "SELECT s.id, t.id FROM tasks t JOIN speeches s ON t.speech_id = s.id "
        f"WHERE {where} ORDER BY s.date NULLS LAST, s.source, t.seq", params).fetchall()


def ledger(store: Store, flt: Filter) -> list[Speech]:
    """The speeches with matching tasks, each holding only those tasks and their items."""
    wanted: dict[str, set[str]] = {}
    for sid, tid in task_ids(store, flt):
        wanted.setdefault(sid, set()).add(tid.split("-", 1)[1])
    out = []
    for sid, tasks in wanted.items():
        record, text = store.con.execute(
            "SELECT s.record, x.text FROM speeches s LEFT JOIN texts x ON x.speech_id = s.id "
            "WHERE s.id = ?", [sid]).fetchone()
        speech = Speech.from_dict(json.loads(record), text=text or "")
        kept = tuple(t for t in speech.tasks if t.id in tasks)
        items = tuple(replace(it, tasks=tuple(i for i in it.tasks if i in tasks))
                      for it in speech.items if any(i in tasks for i in it.tasks))
        out.append(replace(speech, tasks=kept, items=items))
    return out
