"""The pipeline: read → clean → outline → sentences → extractors → records."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from . import items, sentences, tables, taskmodel
from .extractors import deadlines, notes, owners, quantities, tasks
from .fastinit import evolve
from .records import Deadline, Quantity, Recurrence, Speech, Task
from .segment import segment
from .speechdate import base_from_title, find_speech_date, parse_date

__all__ = ["analyse", "segment"]

T = TypeVar("T")


def _guard(problems: list[str], what: str | tuple[str, int], default: T, fn: Callable[..., T],
           *args: Any) -> T:
    """Run one extractor; a bug in it costs that item, never the speech. ``what`` names it,
    with the offset it ran at (``("quantities", 120)``: "quantities at 120", written only
    when it fails)."""
    try:
        return fn(*args)
    except Exception as e:  # noqa: BLE001 - recorded, not swallowed
        name = what if isinstance(what, str) else f"{what[0]} at {what[1]}"
        problems.append(f"{name} failed ({type(e).__name__}: {e}); left empty")
        return default


def analyse(text: str, *, date: str | dt.date | None = None, source: str = "<text>",
            warnings: tuple[str, ...] = (), lexicons: tuple[str | Path, ...] = (),
            headings: tuple[tuple[int, int], ...] = ()) -> Speech:
    """Extract the task ledger of one speech from its text.

    ``lexicons`` are users' own unit-name files (same TSV format as ``data/owner_units.tsv``).
    Raises :class:`~speechkit.errors.ModelError` when the task model is missing or unreadable.
    """
    base = parse_date(date)
    owner_lex = owners.load_lexicon(tuple(str(p) for p in lexicons))
    cleaned, sents, sections = segment(text, headings)
    if base is None:
        base = find_speech_date(cleaned.norm)
    base_note = ""
    if base is None:
        base, base_note = base_from_title([s.norm for s in sents if s.kind == "title"])
    scores = taskmodel.predict(taskmodel.load(), sents, tasks.candidates(sents),
                               base.year if base else None, taskmodel.is_plan_doc(cleaned.norm))
    verdicts = tables.content_tasks(sents, tasks.classify(sents, scores))
    problems: list[str] = []
    no_quantities: list[Quantity] = []
    no_deadline: tuple[Deadline | None, Recurrence | None] = (None, None)
    assigned = _guard(problems, "owners", owners.Assignment(), owners.assign_items, sents,
                      [v.is_task for v in verdicts], owner_lex)
    owned, note_at = assigned.owners, assigned.notes
    owned, limit_at = tables.inherit(sents, owned, owners.grammar(owner_lex))
    found: list[Task] = []
    task_at: list[int] = []
    figures: list[Quantity] = []
    title = next((_title(s.text) for s in sents if s.kind == "title"), None)
    for s in sents:
        qty = _guard(problems, ("quantities", s.start), no_quantities, quantities.find, s,
                     problems)
        if s.index in note_at:
            figures.extend(qty)
            continue
        verdict = verdicts[s.index]
        if not verdict.is_task:
            figures.extend(qty)
            continue
        deadline, recurrence = _guard(problems, ("deadlines", s.start), no_deadline,
                                      deadlines.find, s, base, problems)
        for t in assigned.times.get(s.index, ()) if deadline is None else ():  # the item's note
            deadline = deadline or _guard(problems, ("deadlines", t.start), None,
                                          deadlines.find_limit, t, base, problems)
        if deadline is None and s.index in limit_at:  # a table row's time-limit cell
            cell = limit_at[s.index]
            deadline = _guard(problems, ("deadlines", s.start), None, deadlines.find_limit,
                              notes.slice_of(sents[cell.sent], *cell.span), base, problems)
        found.append(Task(
            id=f"T{len(found) + 1:03d}", text=s.text, span=s.span, section=s.section,
            owners=owned.get(s.index, ()), deadline=deadline, recurrence=recurrence,
            targets=tuple(q if q.kind else evolve(q, kind="target") for q in qty),
            force=verdict.force, confidence=verdict.confidence))
        task_at.append(s.index)
    found, found_items = items.build(sents, sections, found, task_at)
    all_warnings = tuple(warnings) + cleaned.warnings + tuple(problems) + _truncated(sents)
    if base is None:
        all_warnings += ("no speech date given or found: relative deadlines have end null",)
    elif base_note:
        all_warnings += (base_note,)
    return Speech(source=source, text=text, date=None if base_note else base, title=title, sections=tuple(sections),
                  items=tuple(found_items), tasks=tuple(found), figures=tuple(figures), warnings=all_warnings,
                  gaps=cleaned.gaps)


def _title(text: str) -> str:
    """A title as a reader writes it: ``政 府 工 作 报 告`` → ``政府工作报告``; no ``标题：``."""
    text = re.sub(r"^\s*标题\s*[:：]\s*", "", text)
    return re.sub(r"(?<=[\u4e00-\u9fff])[\s\u3000]+(?=[\u4e00-\u9fff])", "", text).strip()


_ENDINGS = tuple("。！？；!?;…”\"'）)】》")


def _truncated(sents: list[sentences.Sentence]) -> tuple[str, ...]:
    """A speech whose last sentence stops mid-way was probably cut off."""
    body = [s for s in sents if s.kind == "body"]
    if not body or body[-1].text.rstrip().endswith(_ENDINGS):
        return ()
    last = body[-1]  # a line of its own (a signature, 印发 line) is no cut; a paragraph's tail is
    if not last.line_start and len(last.norm) >= 10:
        return (f"text may be truncated: the last sentence (at {last.start}) has no ending",)
    return ()
